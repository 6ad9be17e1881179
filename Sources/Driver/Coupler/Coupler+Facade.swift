import Coupling
import TimeManager

/// What the driver asks of the coupler: inputs formed for each component, the coupler's own
/// phases, the budgets, history and restart. On ranks outside the coupler each does nothing,
/// except the exchange itself; the driver never reaches into `CouplerState`.
extension Coupler {
    /// Forms component `kind`'s inputs on the coupler's ranks and moves them to the component
    /// (see `CouplerState.inputs(for:)`) at model time `time`.
    func send(to kind: ComponentKind, instance: ComponentInstance?, time: String) throws {
        try send(to: kind, instance: instance, time: time) { state in try state.inputs(for: kind) }
    }

    /// Does coupler phase `phase` on the coupler's ranks (not `.budgets`, which `recordBudgets` does).
    func perform(_ phase: CouplerPhase) throws {
        guard let state else { return }
        switch phase {
        case .fractions: try state.updateFractions()
        case .oceanFluxes: try state.computeOceanFluxes()
        case .mapAtmosphereToOcean: try state.mapAtmosphereToOcean()
        case .accumulateOceanForcing: state.accumulateForcing(for: .ocn)
        case .accumulateRiverForcing: state.accumulateForcing(for: .rof)
        case .budgets: preconditionFailure("the budgets are recorded by recordBudgets(_:start:end:runEnds:)")
        case .accumulateHistory: preconditionFailure("the averaged history is summed by accumulateHistory(stepStart:)")
        }
    }

    /// Adds the driver step from `start` to `end` (the run's last when `runEnds`) to the
    /// budgets, on the coupler's ranks; returns the budget tables due for `cpl.log`.
    func recordBudgets(_ budgets: inout BudgetPeriods, start: ModelDate, end: ModelDate, runEnds: Bool) throws -> [String] {
        guard let state else { return [] }
        return try timers.time("cpl budget") { try budgets.record(state, start: start, end: end, runEnds: runEnds) }
    }

    /// Makes the ledger count in `sums` (the budgets' day sums), on the coupler's ranks.
    func keepLedger(in sums: BudgetAccumulator) {
        state?.ledger = sums
    }

    /// Whether this rank takes part in `event` (the clock, history and restart involve every rank).
    func takesPart(in event: SequenceEvent, instances: [ComponentKind: ComponentInstance]) -> Bool {
        switch event {
        case .send(let kind): links[kind]?.toComponent != nil
        case .receive(let kind): links[kind] != nil
        case .run(let kind): instances[kind] != nil
        case .coupler, .averagedHistory: state != nil
        case .advanceClock, .history, .restart: true
        }
    }

    /// Whether this rank is one of the coupler's.
    var isOnThisRank: Bool { state != nil }

    /// The budget terms left out because a present component does not export what they read
    /// (none on ranks outside the coupler).
    var budgetTermsLeftOut: [String] { state?.budgetTermsLeftOut ?? [] }

    /// Restores the coupler's state and the budget sums from the coupler restart file at `path`
    /// (collective over the coupler's ranks).
    func restore(fromRestartAt path: String, budgets: inout BudgetPeriods) throws {
        guard let state else { return }
        let reader = try RestartReader(path: path, communicator: state.communicator, domain: state.restartDomain)
        try state.restore(from: reader, budgets: &budgets)
        try reader.close()
    }

    /// Writes the coupler restart file at `path` (collective over the coupler's ranks).
    func saveRestart(to path: String, metadata: RestartMetadata, currentTime: ModelTime, budgets: BudgetPeriods) throws {
        try state?.saveRestart(to: path, metadata: metadata, currentTime: currentTime, budgets: budgets)
    }

    /// Writes the coupler history file at `path` (collective over the coupler's ranks).
    func writeHistory(path: String, caseName: String, time: HistoryTime) throws {
        try timers.time("cpl history") { try state?.writeHistory(path: path, caseName: caseName, time: time) }
    }

    /// Adds the step that began at `stepStart` to the averaged history's sums, on the coupler's ranks.
    func accumulateHistory(stepStart: ModelTime) {
        state?.accumulateHistory(stepStart: stepStart)
    }

    /// Writes the coupler's time-averaged history file at `path` for the period ending at `end`
    /// (collective over the coupler's ranks) and starts a new period; times are in days since
    /// `origin`, in `units` and `calendar`.
    func writeAveragedHistory(path: String, caseName: String, origin: ModelTime, units: String, calendar: String, end: ModelTime) throws {
        try timers.time("cpl averaged history") {
            try state?.writeAveragedHistory(path: path, caseName: caseName, origin: origin, units: units, calendar: calendar, end: end)
        }
    }
}
