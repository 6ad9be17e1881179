import Coupling

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

    /// The time means, in the order and units of `labels`.
    var means: [Double] {
        guard seconds > 0 else { return [Double](repeating: 0, count: Self.labels.count) }
        return [temperature, surfaceHeating, relaxationHeating, freezingHeating,
                freshWater * Double(ModelTime.secondsPerDay)].map { $0 / seconds }
    }
}
