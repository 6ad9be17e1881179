import Coupling
import MPI
import TimeManager

/// Averages budgets over steps, days, months, years and the whole case and says which tables
/// to print, following the print levels of `&seq_infodata_inparm` (`budget_inst`,
/// `budget_daily`, `budget_month`, `budget_ann`; `budget_ltann`, the case so far at each
/// year's end, and `budget_ltend`, at the run's end; 0 = never). Terms are summed point by
/// point over the day and summed globally once a day (once a step only if instantaneous
/// budgets are printed); the longer spans add up the days' global totals.
struct BudgetPeriods {
    /// The spans made of whole days, whose global totals are kept (and saved in restarts).
    enum Span: String, CaseIterable {
        case month, year
        /// Since the case started: what the long-term tables (`budget_lt*`) average.
        case run
    }

    let settings: RunSettings
    /// This day's point-by-point sums (saved in restarts); the coupler's ledger counts
    /// in them too (`Coupler.keepLedger`).
    let day = BudgetAccumulator()
    private let step = BudgetAccumulator()
    /// Each span's global totals so far and its steps.
    var spans = Dictionary(uniqueKeysWithValues: Span.allCases.map { ($0, (table: BudgetTable.zero, steps: 0)) })

    init(settings: RunSettings) { self.settings = settings }

    /// Whether any budget is printed (and so computed).
    var isActive: Bool { settings.computesBudgets }

    /// Records a step that ran from `start` to `end`, the run's last when `runEnds`; returns the
    /// lines to print. Collective over the coupler's ranks.
    mutating func record(_ state: CouplerState, start: ModelDate, end: ModelDate, runEnds: Bool) throws -> [String] {
        var lines = [String]()
        let instant = settings.budgetInstant > 0
        if instant { step.reset() }
        state.addBudgetTerms(to: instant ? [day, step] : [day])
        if instant {
            lines += try step.totals(communicator: state.communicator).lines(title: "budget of the step ending \(end) (global means):")
        }
        // Which columns report a store: looked up only when a table is printed.
        func addTable(of total: (table: BudgetTable, steps: Int), _ title: String) {
            var stores = [LedgerQuantity: [Bool]](), storeless = [LedgerQuantity: [String]]()
            for quantity in LedgerQuantity.allCases {
                stores[quantity] = BudgetTable.columns.indices.map { column in
                    state.ledgerAccounts.values.contains { $0.column == column && $0.reports(quantity) }
                }
                storeless[quantity] = state.componentsWithoutStore(of: quantity).map(\.rawValue)
            }
            lines += total.table.scaled(by: 1 / Double(total.steps))
                .lines(title: title, ledger: BudgetTable.LedgerColumns(stores: stores, storeless: storeless))
        }
        let dayEnds = (end.year, end.month, end.day) != (start.year, start.month, start.day)
        if dayEnds {
            let dayTotal = (table: try day.totals(communicator: state.communicator), steps: day.steps)
            day.reset()
            if settings.budgetDaily > 0 { addTable(of: dayTotal, "budget, mean of the day ending \(end):") }
            for span in Span.allCases { spans[span] = (spans[span]!.table + dayTotal.table, spans[span]!.steps + dayTotal.steps) }
            if (end.year, end.month) != (start.year, start.month) {
                if settings.budgetMonthly > 0 { addTable(of: spans[.month]!, "budget, mean of the month ending \(end):") }
                spans[.month] = (BudgetTable.zero, 0)
            }
            if end.year != start.year {
                if settings.budgetAnnual > 0 { addTable(of: spans[.year]!, "budget, mean of the year ending \(end):") }
                spans[.year] = (BudgetTable.zero, 0)
                if settings.budgetLongTermAnnual > 0 { addTable(of: spans[.run]!, "budget, mean of the case from its start to the year ending \(end):") }
            }
        }
        if runEnds, settings.budgetLongTermEnd > 0 {
            // The day so far too, when the run ends in the middle of one.
            var run = spans[.run]!
            if !dayEnds {
                run = (run.table + (try day.totals(communicator: state.communicator)), run.steps + day.steps)
            }
            addTable(of: run, "budget, mean of the case from its start to the run's end at \(end):")
        }
        return lines
    }
}
