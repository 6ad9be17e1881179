import Coupling
import MPI

/// Running sums of the budget's area-weighted terms at every coupler point, over the steps of
/// a period: adding a step costs one addition per term and point; the global sums (reproducible,
/// one `MPI_Allreduce`) are taken only when a table is printed.
final class BudgetAccumulator {
    /// A term: the budget row and column, and the grid (`atm` or `ocn`) its points are on.
    struct Term: Sendable, Hashable {
        let row: String
        let column: Int
        let grid: String
    }

    private(set) var terms: [Term] = []
    private var index: [Term: Int] = [:]
    private(set) var sums: [[Double]] = []
    /// The steps added since the last reset.
    private(set) var steps = 0

    /// Adds `value(p)` for points `0 ..< count` of `grid` to term (`row`, `column`).
    func add(row: String, column: Int, grid: String, count: Int, _ value: (Int) -> Double) {
        let term = Term(row: row, column: column, grid: grid)
        let i: Int
        if let known = index[term] {
            i = known
        } else {
            i = sums.count
            index[term] = i
            terms.append(term)
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
        for (term, sum) in zip(terms, global) { table.values[term.row]![term.column] += sum / (4 * Double.pi) }
        return table
    }

    /// Puts back sums saved by a restart: the terms in their order, their values, the steps.
    func restore(terms saved: [Term], sums values: [[Double]], steps count: Int) {
        terms = saved
        sums = values
        index = Dictionary(uniqueKeysWithValues: saved.enumerated().map { ($0.element, $0.offset) })
        steps = count
    }

    /// Starts a new period.
    func reset() {
        for i in sums.indices { sums[i].withUnsafeMutableBufferPointer { s in for p in 0 ..< s.count { s[p] = 0 } } }
        steps = 0
    }
}
