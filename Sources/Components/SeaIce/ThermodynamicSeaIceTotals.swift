import Coupling
import TimeManager

/// Time integrals of one sea-ice column's exchanges with the ocean, per unit cell area, for
/// the run summary in the log.
struct ThermodynamicSeaIceTotals: Sendable {
    private var seconds = 0.0
    private var concentration = 0.0
    private var meltHeat = 0.0
    private var meltWater = 0.0

    /// Adds a step of `interval` seconds that exported `fluxes`.
    mutating func add(_ fluxes: SeaIceFluxes, interval: Double) {
        seconds += interval
        concentration += fluxes.concentration * interval
        meltHeat += fluxes.meltHeat * interval
        meltWater += fluxes.meltWater * interval
    }

    /// What the summary reports, with units (means over the ocean area).
    static let labels = ["ice concentration", "heat from the ice to the ocean (W m-2)", "fresh water from the ice (mm/day)"]

    /// The integrals as a restart saves them, so the summary of a continued run covers the
    /// whole run.
    static var restartVariables: [RestartVariable<Self>] {
        [RestartVariable("total_seconds", "time integrated over", "s", \.seconds),
         RestartVariable("total_concentration", "time integral of the exported concentration", "s", \.concentration),
         RestartVariable("total_melt_heat", "time integral of the heat to the ocean", "J m-2", \.meltHeat),
         RestartVariable("total_melt_water", "time integral of the fresh water to the ocean", "kg m-2", \.meltWater)]
    }

    /// The time means, in the order and units of `labels`.
    var means: [Double] {
        guard seconds > 0 else { return [Double](repeating: 0, count: Self.labels.count) }
        return [concentration, meltHeat, meltWater * Double(ModelTime.secondsPerDay)].map { $0 / seconds }
    }
}
