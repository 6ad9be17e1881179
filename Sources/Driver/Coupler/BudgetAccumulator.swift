import Coupling
import MPI

/// Running sums of the budget's area-weighted terms over the steps of a period, one exact
/// fixed-point sum (`ExactSum`) per term on each rank: adding a term at a point costs a few
/// instructions and no memory traffic, and the global sums (one `MPI_Allreduce`, taken only when
/// a table is printed or a restart written) are the same bits on any layout.
///
/// Every rank keeps every cell of the table (`BudgetTable.rows` × `BudgetTable.columns`) in
/// the same order from the start, whatever it happens to count first: the global sums add the
/// ranks' sums position by position.
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

    /// Sums of zero for every cell of the table.
    init() {
        addMissingTerms()
    }

    /// Appends, at zero, the cells of the table not yet kept, in the table's order.
    private func addMissingTerms() {
        for row in BudgetTable.rows {
            for column in BudgetTable.columns.indices where index[Term(row: row, column: column)] == nil {
                index[Term(row: row, column: column)] = terms.count
                terms.append(Term(row: row, column: column))
                sums.append(ExactSum())
            }
        }
    }

    /// The position of term (`row`, `column`), a cell of the table, in the sums `add` gives.
    func position(row: String, column: Int) -> Int {
        guard let known = index[Term(row: row, column: column)] else { preconditionFailure("the budget table has no cell \(row), \(column)") }
        return known
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
    /// others start from zero): the terms in their order, their sums, the steps; cells the
    /// restart does not hold start at zero.
    func restore(terms saved: [Term], sums values: [ExactSum], steps count: Int, holdsSums: Bool) {
        terms = saved
        index = Dictionary(uniqueKeysWithValues: saved.enumerated().map { ($0.element, $0.offset) })
        sums = holdsSums ? values : [ExactSum](repeating: ExactSum(), count: values.count)
        steps = count
        addMissingTerms()
    }

    /// Starts a new period.
    func reset() {
        for i in sums.indices { sums[i] = ExactSum() }
        steps = 0
    }
}
