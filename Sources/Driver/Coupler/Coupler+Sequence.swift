import Coupling
import TimeManager

/// What the run sequence asks of the coupler: inputs formed for each component, the coupler's
/// own phases and the budgets. On ranks outside the coupler each does nothing, except the
/// exchange itself.
extension Coupler {
    /// Forms component `kind`'s inputs on the coupler's ranks and moves them to the component
    /// (see `CouplerState.inputs(for:)`).
    func send(to kind: ComponentKind, instance: ComponentInstance?) throws {
        try send(to: kind, instance: instance) { state in try state.inputs(for: kind) }
    }

    /// Does coupler phase `phase` on the coupler's ranks (not `.budgets`, which `recordBudgets` does).
    func perform(_ phase: CouplerPhase) throws {
        guard let state else { return }
        switch phase {
        case .fractions: try state.updateFractions()
        case .oceanFluxes: try state.computeOceanFluxes()
        case .mapAtmosphereToOcean: try state.mapAtmosphereToOcean()
        case .accumulateOceanForcing: state.accumulateOceanForcing()
        case .budgets: preconditionFailure("the budgets are recorded by recordBudgets(_:start:end:)")
        }
    }

    /// Adds the driver step from `start` to `end` to the budgets, on the coupler's ranks; returns
    /// the budget tables due for `cpl.log`.
    func recordBudgets(_ budgets: inout BudgetPeriods, start: ModelDate, end: ModelDate) throws -> [String] {
        guard let state else { return [] }
        return try timers.time("cpl budget") { try budgets.record(state, start: start, end: end) }
    }

    /// Whether this rank takes part in `event` (the clock, history and restart involve every rank).
    func takesPart(in event: SequenceEvent, instances: [ComponentKind: ComponentInstance]) -> Bool {
        switch event {
        case .send(let kind): links[kind]?.toComponent != nil
        case .receive(let kind): links[kind] != nil
        case .run(let kind): instances[kind] != nil
        case .coupler: state != nil
        case .advanceClock, .history, .restart: true
        }
    }
}
