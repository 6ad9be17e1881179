import Coupling

/// The ocean's forcing: merged each step over open water and ice, summed over the ocean
/// coupling interval and averaged when the ocean starts its next interval (the ocean runs
/// one interval behind, as in cpl7).
extension CouplerState {
    /// Adds this step's ocean forcing, per unit cell area, formed by the table's merges
    /// (open-ocean fluxes weighted by `ofrac`, the ice's by `ifrac`), to the interval's sum.
    func accumulateOceanForcing() {
        timers.time("cpl merge x2o") {
            guard plan.feedsOcean else { return }
            guard oceanForcingCount > 0, oceanForcingSum != nil else {
                oceanForcingSum = formImports(for: .ocn)
                oceanForcingCount = 1
                return
            }
            // This step's forcing is added to the sum as it is formed.
            oceanForcingSum = formImports(for: .ocn, reusing: oceanForcingSum.take(), adding: true)
            oceanForcingCount += 1
        }
    }

    /// The interval's mean forcing, and a fresh start for the next interval.
    func takeAverageOceanForcing() -> FieldBundle? {
        guard oceanForcingSum != nil, oceanForcingCount > 0 else { return nil }
        // Taken out first, so the scaling writes into the only copy of the sum.
        var sum = oceanForcingSum.take()!
        let scale = 1 / Double(oceanForcingCount)
        sum.storage.withUnsafeMutableBufferPointer { values in
            for i in values.indices { values[i] *= scale }
        }
        oceanForcingCount = 0
        return sum
    }
}
