import Coupling
import MPI
import TimeManager

/// Averages budgets over steps, days, months and years and says which tables to print,
/// following the print levels of `&seq_infodata_inparm` (`budget_inst`, `budget_daily`,
/// `budget_month`, `budget_ann`; 0 = never). Terms are summed point by point over the day
/// and summed globally once a day (once a step only if instantaneous budgets are printed);
/// months and years add up the days' global totals.
struct BudgetPeriods {
    let settings: RunSettings
    /// This day's point-by-point sums (saved in restarts); the coupler's water ledger counts
    /// in them too (`Coupler.keepWaterLedger`).
    let day = BudgetAccumulator()
    private let step = BudgetAccumulator()
    /// The month's and the year's global totals so far (saved in restarts).
    var month = (table: BudgetTable.zero, steps: 0)
    var year = (table: BudgetTable.zero, steps: 0)

    init(settings: RunSettings) { self.settings = settings }

    /// Whether any budget is printed (and so computed).
    var isActive: Bool { settings.budgetInstant + settings.budgetDaily + settings.budgetMonthly + settings.budgetAnnual > 0 }

    /// Records a step that ran from `start` to `end`; returns the lines to print. Collective over
    /// the coupler's ranks.
    mutating func record(_ state: CouplerState, start: ModelDate, end: ModelDate) throws -> [String] {
        var lines = [String]()
        let instant = settings.budgetInstant > 0
        if instant { step.reset() }
        state.addBudgetTerms(to: instant ? [day, step] : [day])
        if instant {
            lines += try step.totals(communicator: state.communicator).lines(title: "budget of the step ending \(end) (global means):")
        }
        guard (end.year, end.month, end.day) != (start.year, start.month, start.day) else { return lines }
        let dayTotal = try day.totals(communicator: state.communicator)
        let daySteps = day.steps
        day.reset()
        let stores = BudgetTable.columns.indices.map { column in state.waterAccounts.values.contains { $0.column == column && $0.store != nil } }
        let storeless = state.storelessComponents.map(\.rawValue)
        func withLedger(_ table: BudgetTable, title: String) -> [String] { table.lines(title: title, stores: stores, storeless: storeless) }
        if settings.budgetDaily > 0 { lines += withLedger(dayTotal.scaled(by: 1 / Double(daySteps)), title: "budget, mean of the day ending \(end):") }
        month = (month.table + dayTotal, month.steps + daySteps)
        year = (year.table + dayTotal, year.steps + daySteps)
        if (end.year, end.month) != (start.year, start.month) {
            if settings.budgetMonthly > 0 { lines += withLedger(month.table.scaled(by: 1 / Double(month.steps)), title: "budget, mean of the month ending \(end):") }
            month = (BudgetTable.zero, 0)
        }
        if end.year != start.year {
            if settings.budgetAnnual > 0 { lines += withLedger(year.table.scaled(by: 1 / Double(year.steps)), title: "budget, mean of the year ending \(end):") }
            year = (BudgetTable.zero, 0)
        }
        return lines
    }
}
