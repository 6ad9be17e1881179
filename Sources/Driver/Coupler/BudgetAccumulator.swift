import Coupling
import MPI

/// Running sums of the budget's area-weighted terms at every coupler point, over the steps of
/// a period: adding a step costs one addition per term and point; the global sums (reproducible,
/// one `MPI_Allreduce`) are taken only when a table is printed.
///
/// The sums of all terms live in one buffer, term after term, which a step's additions reach
/// through one pointer.
final class BudgetAccumulator {
    /// A term: the budget row and column, and the grid (`atm` or `ocn`) its points are on.
    struct Term: Sendable, Hashable {
        let row: String
        let column: Int
        let grid: String
    }

    private(set) var terms: [Term] = []
    private var index: [Term: Int] = [:]
    /// Where each term's sums start in `buffer`, and how many points it has.
    private var offsets: [Int] = []
    private var counts: [Int] = []
    private var buffer: [Double] = []
    /// The steps added since the last reset.
    private(set) var steps = 0

    /// Each term's sums, point by point.
    var sums: [[Double]] { terms.indices.map { Array(buffer[offsets[$0] ..< offsets[$0] + counts[$0]]) } }

    /// The position in `buffer` where the sums of term (`row`, `column`) over `count` points of
    /// `grid` start; a new term starts at zero.
    func offset(row: String, column: Int, grid: String, count: Int) -> Int {
        let term = Term(row: row, column: column, grid: grid)
        if let known = index[term] { return offsets[known] }
        index[term] = terms.count
        terms.append(term)
        offsets.append(buffer.count)
        counts.append(count)
        buffer.append(contentsOf: repeatElement(0, count: count))
        return offsets[terms.count - 1]
    }

    /// Gives `body` the sums of every term, to add to at the positions `offset` returned.
    func add(_ body: (UnsafeMutableBufferPointer<Double>) -> Void) {
        buffer.withUnsafeMutableBufferPointer { body($0) }
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
        index = Dictionary(uniqueKeysWithValues: saved.enumerated().map { ($0.element, $0.offset) })
        counts = values.map(\.count)
        offsets = []
        buffer = []
        for sums in values {
            offsets.append(buffer.count)
            buffer.append(contentsOf: sums)
        }
        steps = count
    }

    /// Starts a new period.
    func reset() {
        buffer.withUnsafeMutableBufferPointer { s in for i in s.indices { s[i] = 0 } }
        steps = 0
    }
}
