import Coupling
import FaultInjection

/// Moving fields between the coupler and the components.
extension Coupler {
    /// Sends a component its inputs: on the coupler's ranks `inputs` builds them (from the
    /// coupler's state; checked for NaN when `check_nans` is set, as the components' exports
    /// are), they are moved to the component's decomposition, into `instance.imports` on the
    /// component's ranks, and converted to the model's areas on the way. Only the ranks of the
    /// component and the coupler take part. `time` is the model time, for messages.
    func send(to kind: ComponentKind, instance: ComponentInstance?, time: String, inputs: (CouplerState) throws -> FieldBundle) throws {
        guard let link = links[kind], let router = link.toComponent, let summary = plan.summary(kind) else { return }
        var outgoing = FieldBundle(fields: summary.imports, pointCount: 0)
        var scaling: PointScaling?
        if let state {
            outgoing = try inputs(state).subset(summary.imports)
            if FaultInjection.failure(at: "cpl.send-nan") != nil, outgoing.pointCount > 0, outgoing.fieldCount > 0 {
                outgoing[field: 0, point: 0] = .nan
            }
            if state.checkNaNs, let domain = state.domain(of: plan.grid(of: kind)) {
                try state.checkFinite(outgoing, on: domain, what: "the coupler's input for \(summary.label)", time: time)
            }
            state.sent[kind] = outgoing
            if state.ledger != nil {
                timers.time("cpl ledger") { state.countLedgerWhenSent(to: kind) }
                timers.time("cpl budget") { state.countBudgetWhenChanged(.sent(kind)) }
            }
            // The fluxes go back to the model's areas as they move.
            scaling = state.driverToModelArea[kind].map { PointScaling(fields: state.fluxFields(of: outgoing), factor: $0) }
        }
        // Taken out and put back, so the move writes into the only copy of the storage.
        var incoming = instance?.imports ?? FieldBundle(fields: summary.imports, pointCount: 0)
        instance?.imports = FieldBundle(fields: [], pointCount: 0)
        try timers.time("cpl rearrange cpl->\(kind.rawValue)") { try router.move(from: outgoing, into: &incoming, scaling: scaling) }
        instance?.imports = incoming
    }

    /// Brings a component's exports to the coupler (area-corrected, checked for NaN when
    /// `check_nans` is set), and counts the run's water in the ledger when budgets are kept.
    /// Only the ranks of the component and the coupler take part.
    func receive(from kind: ComponentKind, instance: ComponentInstance?, time: String) throws {
        guard let link = links[kind], let summary = plan.summary(kind) else { return }
        // The ledger has a timer of its own, beside the budgets' `cpl budget`.
        let keepsLedger = state?.ledger != nil
        if keepsLedger { timers.time("cpl ledger") { state?.keepLedgerOfExports(of: kind) } }
        var incoming = state?.received.removeValue(forKey: kind) ?? FieldBundle(fields: summary.exports, pointCount: 0)
        try timers.time("cpl rearrange \(kind.rawValue)->cpl") {
            try link.toCoupler.move(from: instance?.exports ?? FieldBundle(fields: summary.exports, pointCount: 0), into: &incoming)
        }
        if let state {
            // Handed over (`consume`), so that the area correction on arrival scales the only copy.
            state.received[kind] = consume incoming
            try state.arrived(kind, modelName: summary.modelName, at: time)
            if keepsLedger {
                timers.time("cpl ledger") { state.countLedgerAfterArrival(of: kind) }
                timers.time("cpl budget") { state.countBudgetWhenChanged(.bundle(.received(kind))) }
            }
        }
    }
}
