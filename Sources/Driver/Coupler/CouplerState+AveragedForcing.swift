import Coupling

/// The forcing of the components the exchange table averages (`averagedImporters`: the ocean
/// and the river, as in cpl7): formed each driver step, summed over the component's coupling
/// interval and averaged when it starts its next interval. The ocean runs one interval behind;
/// the river routes the land's runoff of its whole last interval, so none is lost when its
/// interval is longer than the land's.
extension CouplerState {
    /// Adds this step's forcing of `kind`, per unit cell area, formed by the table's merges (for
    /// the ocean, open-ocean fluxes weighted by `ofrac` and the ice's by `ifrac`; for the river,
    /// the land's runoff on its grid), to the interval's sum.
    func accumulateForcing(for kind: ComponentKind) {
        guard table.averagedImporters.contains(kind), plan.importsAnything(kind) else { return }
        timers.time("cpl merge x2\(kind.letter)") {
            // The budget of what the forcing reads is counted as it is formed, from the cache.
            countBudgetWhileForming(for: kind) { alongside in
                // Taken out of the sum, so forming writes into the only copy of its storage.
                if var sum = forcingSums.removeValue(forKey: kind), sum.count > 0, let values = sum.values.take() {
                    // This step's forcing is added to the sum as it is formed.
                    forcingSums[kind] = ForcingSum(values: formImports(for: kind, reusing: values, adding: true, alongside: alongside),
                                                   count: sum.count + 1)
                } else {
                    forcingSums[kind] = ForcingSum(values: formImports(for: kind, alongside: alongside), count: 1)
                }
            }
        }
    }

    /// The mean forcing of `kind` over its last interval, and a fresh start for the next one.
    func takeAverageForcing(for kind: ComponentKind) -> FieldBundle? {
        // Taken out first, so the scaling writes into the only copy of the sum.
        guard var sum = forcingSums.removeValue(forKey: kind), sum.count > 0, var values = sum.values.take() else { return nil }
        let scale = 1 / Double(sum.count)
        values.storage.withUnsafeMutableBufferPointer { values in
            for i in values.indices { values[i] *= scale }
        }
        return values
    }
}

/// A component's forcing summed over the steps of its coupling interval so far.
struct ForcingSum {
    /// The sum, on the coupler's decomposition of the component's grid (`nil` when nothing was formed).
    var values: FieldBundle?
    /// How many steps it holds.
    var count: Int
}
