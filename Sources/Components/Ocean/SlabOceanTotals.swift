import Coupling
import TimeManager

/// Time integrals of one slab ocean column's budget, for the run summary in the log.
struct SlabOceanTotals: Sendable {
    private var seconds = 0.0
    private var temperature = 0.0
    private var surfaceHeating = 0.0
    private var relaxationHeating = 0.0
    private var freezingHeating = 0.0
    private var freshWater = 0.0

    /// Adds a step of `interval` seconds with `budget` that ended at temperature `temperature`.
    mutating func add(_ budget: SlabOceanBudget, temperature t: Double, interval: Double) {
        seconds += interval
        temperature += t * interval
        surfaceHeating += budget.surfaceHeating * interval
        relaxationHeating += budget.relaxationHeating * interval
        freezingHeating += budget.freezingHeating * interval
        freshWater += budget.freshWater * interval
    }

    /// What the summary reports, with units; the final salinity follows these.
    static let labels = ["sea surface temperature (K)", "surface heating (W m-2)", "relaxation heating (W m-2)",
                         "heat of freezing (W m-2)", "fresh water (mm/day)"]

    /// The integrals as a restart saves them, so the summary of a continued run covers the
    /// whole run.
    static var restartVariables: [RestartVariable<Self>] {
        [RestartVariable("total_seconds", "time integrated over", "s", \.seconds),
         RestartVariable("total_temperature", "time integral of the temperature", "K s", \.temperature),
         RestartVariable("total_surface_heating", "time integral of the surface heating", "J m-2", \.surfaceHeating),
         RestartVariable("total_relaxation_heating", "time integral of the relaxation heating", "J m-2", \.relaxationHeating),
         RestartVariable("total_freezing_heating", "time integral of the heat of freezing", "J m-2", \.freezingHeating),
         RestartVariable("total_fresh_water", "time integral of the fresh water", "kg m-2", \.freshWater)]
    }

    /// The time means, in the order and units of `labels`.
    var means: [Double] {
        guard seconds > 0 else { return [Double](repeating: 0, count: Self.labels.count) }
        return [temperature, surfaceHeating, relaxationHeating, freezingHeating,
                freshWater * Double(ModelTime.secondsPerDay)].map { $0 / seconds }
    }
}
