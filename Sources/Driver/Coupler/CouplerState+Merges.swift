import Coupling

/// The coupler's merges: each component's inputs, formed from the others' outputs and the
/// fractions by the rules of the exchange table (`ImportPlan`).
extension CouplerState {
    /// What the coupler sends component `kind` at the start of its coupling interval: the
    /// forcing averaged over its last interval (the table's averaged importers: the ocean and
    /// the river), or
    /// this step's imports; the fraction-weighted fields it reads (for the atmosphere, the
    /// land's, sea ice's and ocean's) are first mapped to its grid.
    func inputs(for kind: ComponentKind) throws -> FieldBundle {
        if table.averagedImporters.contains(kind) { return takeAverageForcing(for: kind) ?? FieldBundle(fields: [], pointCount: 0) }
        try mapBeforeImports(of: kind)
        // Formed over the last imports sent: `Coupler.send` records the new ones at once.
        return timers.time("cpl merge x2\(kind.letter)") { formImports(for: kind, reusing: sent.removeValue(forKey: kind)) }
            ?? FieldBundle(fields: [], pointCount: 0)
    }
}
