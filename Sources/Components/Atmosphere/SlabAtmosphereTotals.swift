import Coupling
import TimeManager

/// Time integrals of one slab atmosphere column's budget, for the run summary in the log.
struct SlabAtmosphereTotals: Sendable {
    private var seconds = 0.0
    private var surfaceTemperature = 0.0
    private var temperature = 0.0
    private var absorbedSolar = 0.0
    private var outgoingLongwave = 0.0
    private var transportHeating = 0.0
    private var precipitation = 0.0
    private var evaporation = 0.0

    /// Adds a step of `interval` seconds over a surface at `surfaceTemperature` that ended with
    /// bottom temperature `temperature`.
    mutating func add(_ budget: SlabAtmosphereBudget, surfaceTemperature ts: Double, temperature t: Double, interval: Double) {
        seconds += interval
        surfaceTemperature += ts * interval
        temperature += t * interval
        absorbedSolar += (budget.insolation - budget.reflectedShortwave) * interval
        outgoingLongwave += budget.outgoingLongwave * interval
        transportHeating += budget.transportHeating * interval
        precipitation += budget.precipitation * interval
        evaporation += budget.evaporation * interval
    }

    /// What the summary reports, with units.
    static let labels = ["surface temperature (K)", "bottom temperature (K)", "absorbed solar (W m-2)",
                         "outgoing longwave (W m-2)", "transport heating (W m-2)", "precipitation (mm/day)",
                         "evaporation (mm/day)"]

    /// The integrals as a restart saves them, so the summary of a continued run covers the
    /// whole run.
    static var restartVariables: [RestartVariable<Self>] {
        [RestartVariable("total_seconds", "time integrated over", "s", \.seconds),
         RestartVariable("total_ts", "time integral of the surface temperature", "K s", \.surfaceTemperature),
         RestartVariable("total_tbot", "time integral of the bottom temperature", "K s", \.temperature),
         RestartVariable("total_absorbed_solar", "time integral of the absorbed solar", "J m-2", \.absorbedSolar),
         RestartVariable("total_olr", "time integral of the outgoing longwave", "J m-2", \.outgoingLongwave),
         RestartVariable("total_transport_heating", "time integral of the transport heating", "J m-2", \.transportHeating),
         RestartVariable("total_precipitation", "time integral of the precipitation", "kg m-2", \.precipitation),
         RestartVariable("total_evaporation", "time integral of the evaporation", "kg m-2", \.evaporation)]
    }

    /// The time means, in the order and units of `labels`.
    var means: [Double] {
        guard seconds > 0 else { return [Double](repeating: 0, count: Self.labels.count) }
        let perDay = Double(ModelTime.secondsPerDay)
        return [surfaceTemperature, temperature, absorbedSolar, outgoingLongwave, transportHeating,
                precipitation * perDay, evaporation * perDay].map { $0 / seconds }
    }
}
