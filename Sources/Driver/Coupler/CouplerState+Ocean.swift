import Coupling

/// The ocean's forcing: merged each step over open water and ice, summed over the ocean
/// coupling interval and averaged when the ocean starts its next interval (the ocean runs
/// one interval behind, as in cpl7).
extension CouplerState {
    /// The ocean's forcing for this step, per unit cell area, by the table's merges (open-ocean
    /// fluxes weighted by `ofrac`, the ice's by `ifrac`); `nil` when the ocean imports nothing.
    func oceanForcingNow() -> FieldBundle? {
        guard plan.feedsOcean else { return nil }
        return formImports(for: .ocn)
    }

    /// Adds this step's ocean forcing to the interval's sum.
    func accumulateOceanForcing() {
        timers.time("cpl merge x2o") { accumulateOceanForcingNow() }
    }

    private func accumulateOceanForcingNow() {
        guard let now = oceanForcingNow() else { return }
        oceanForcing = now
        if oceanForcingCount > 0, oceanForcingSum != nil {
            oceanForcingSum!.storage.withUnsafeMutableBufferPointer { sum in
                now.storage.withUnsafeBufferPointer { add in
                    for i in 0 ..< sum.count { sum[i] += add[i] }
                }
            }
        } else {
            oceanForcingSum = now
        }
        oceanForcingCount += 1
    }

    /// The interval's mean forcing, and a fresh start for the next interval.
    func takeAverageOceanForcing() -> FieldBundle? {
        guard var sum = oceanForcingSum, oceanForcingCount > 0 else { return nil }
        let scale = 1 / Double(oceanForcingCount)
        for i in sum.storage.indices { sum.storage[i] *= scale }
        oceanForcingSum = nil
        oceanForcingCount = 0
        return sum
    }
}
