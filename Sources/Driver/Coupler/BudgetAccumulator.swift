import Coupling
import MPI

/// Running sums of the budget's area-weighted terms over the steps of a period, one exact
/// fixed-point sum (`ExactSum`) per term on each rank: adding a term at a point costs a few
/// instructions and no memory traffic, and the global sums (one `MPI_Allreduce`, taken only when
/// a table is printed or a restart written) are the same bits on any layout.
final class BudgetAccumulator {
    /// A term: the budget row and column.
    struct Term: Sendable, Hashable {
        let row: String
        let column: Int
    }

    private(set) var terms: [Term] = []
    private var index: [Term: Int] = [:]
    /// This rank's sum of each term, in the order of `terms`.
    private var sums: [ExactSum] = []
    /// The steps added since the last reset.
    private(set) var steps = 0

    /// The position of term (`row`, `column`) in the sums `add` gives; a new term starts at zero.
    func position(row: String, column: Int) -> Int {
        let term = Term(row: row, column: column)
        if let known = index[term] { return known }
        index[term] = terms.count
        terms.append(term)
        sums.append(ExactSum())
        return terms.count - 1
    }

    /// Gives `body` the sums of every term, to add to at the positions `position` returned.
    func add(_ body: (UnsafeMutableBufferPointer<ExactSum>) -> Void) {
        sums.withUnsafeMutableBufferPointer { body($0) }
    }

    /// Marks the end of a step's additions.
    func endStep() { steps += 1 }

    /// Each term's sum over the coupler's ranks. Collective over them.
    func globalSums(communicator: Communicator) throws -> [ExactSum] {
        try ExactSum.globalSums(sums, communicator: communicator)
    }

    /// The global sums of every term, as a table of global means per square metre of the
    /// sphere (not yet divided by the number of steps). Collective over the coupler's ranks.
    func totals(communicator: Communicator) throws -> BudgetTable {
        var table = BudgetTable.zero
        for (term, sum) in zip(terms, try globalSums(communicator: communicator)) {
            table.values[term.row]![term.column] += sum.value / (4 * Double.pi)
        }
        return table
    }

    /// Puts back global sums saved by a restart, on the rank that holds them (`holdsSums`; the
    /// others start from zero): the terms in their order, their sums, the steps.
    func restore(terms saved: [Term], sums values: [ExactSum], steps count: Int, holdsSums: Bool) {
        terms = saved
        index = Dictionary(uniqueKeysWithValues: saved.enumerated().map { ($0.element, $0.offset) })
        sums = holdsSums ? values : [ExactSum](repeating: ExactSum(), count: values.count)
        steps = count
    }

    /// Starts a new period.
    func reset() {
        for i in sums.indices { sums[i] = ExactSum() }
        steps = 0
    }
}
