import Coupling
import TimeManager

/// Time integrals of one bucket land column's fluxes, for the run summary in the log.
struct BucketLandTotals: Sendable {
    /// The land fraction the coupler last gave the cell (0 before the first run).
    var landFraction = 0.0
    private var seconds = 0.0
    private var temperature = 0.0
    private var shortwaveNet = 0.0
    private var evaporation = 0.0
    private var runoff = 0.0

    /// Adds a step of `interval` seconds with `fluxes` that ended at surface temperature `temperature`.
    mutating func add(_ fluxes: BucketLandFluxes, temperature t: Double, interval: Double) {
        seconds += interval
        temperature += t * interval
        shortwaveNet += fluxes.shortwaveNet * interval
        evaporation += fluxes.evaporation * interval
        runoff += fluxes.runoff * interval
    }

    /// What the summary reports, with units; the final snow and soil water follow these.
    static let labels = ["surface temperature (K)", "absorbed shortwave (W m-2)", "evaporation (mm/day)", "runoff (mm/day)"]

    /// The integrals and the land fraction as a restart saves them, so the summary of a
    /// continued run covers the whole run.
    static var restartVariables: [RestartVariable<Self>] {
        [RestartVariable("land_fraction", "land fraction last given by the coupler", "1", \.landFraction),
         RestartVariable("total_seconds", "time integrated over", "s", \.seconds),
         RestartVariable("total_temperature", "time integral of the surface temperature", "K s", \.temperature),
         RestartVariable("total_swnet", "time integral of the absorbed shortwave", "J m-2", \.shortwaveNet),
         RestartVariable("total_evaporation", "time integral of the evaporation", "kg m-2", \.evaporation),
         RestartVariable("total_runoff", "time integral of the runoff", "kg m-2", \.runoff)]
    }

    /// The time means, in the order and units of `labels`.
    var means: [Double] {
        guard seconds > 0 else { return [Double](repeating: 0, count: Self.labels.count) }
        let perDay = Double(ModelTime.secondsPerDay)
        return [temperature, shortwaveNet, evaporation * perDay, runoff * perDay].map { $0 / seconds }
    }
}
