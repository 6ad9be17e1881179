import Coupling
import MPI

/// Running sums of the budget's area-weighted terms at every coupler point, over the steps of
/// a period: adding a step costs one addition per term and point; the global sums (reproducible,
/// one `MPI_Allreduce`) are taken only when a table is printed.
final class BudgetAccumulator {
    private var keys: [(row: String, column: Int)] = []
    private var index: [String: Int] = [:]
    private var sums: [[Double]] = []
    /// The steps added since the last reset.
    private(set) var steps = 0

    /// Adds `value(p)` for points `0 ..< count` to term (`row`, `column`).
    func add(row: String, column: Int, count: Int, _ value: (Int) -> Double) {
        let key = "\(row)#\(column)"
        let i: Int
        if let known = index[key] {
            i = known
        } else {
            i = sums.count
            index[key] = i
            keys.append((row, column))
            sums.append([Double](repeating: 0, count: count))
        }
        sums[i].withUnsafeMutableBufferPointer { s in
            for p in 0 ..< count { s[p] += value(p) }
        }
    }

    /// Marks the end of a step's additions.
    func endStep() { steps += 1 }

    /// The global sums of every term, as a table of global means per square metre of the
    /// sphere (not yet divided by the number of steps). Collective over the coupler's ranks.
    func totals(communicator: Communicator) throws -> BudgetTable {
        let global = try ReproducibleSum.sums(sums, communicator: communicator)
        var table = BudgetTable.zero
        for (key, sum) in zip(keys, global) { table.values[key.row]![key.column] += sum / (4 * Double.pi) }
        return table
    }

    /// Starts a new period.
    func reset() {
        for i in sums.indices { sums[i].withUnsafeMutableBufferPointer { s in for p in 0 ..< s.count { s[p] = 0 } } }
        steps = 0
    }
}
