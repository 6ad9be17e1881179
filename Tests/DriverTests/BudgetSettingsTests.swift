import Components
import Driver
import Testing
import TestSupport

/// The budgets are on by default, with the monthly, annual and long-term annual tables of
/// CESM's driver defaults; `do_budgets = .false.` turns them off whatever the levels say.
@Suite("Budget settings")
struct BudgetSettingsTests {
    private func settings(_ extra: String) throws -> RunSettings {
        let namelist = TestNamelist(worldSize: 1).text
            .replacingOccurrences(of: "case_name = 'drivertest'", with: "case_name = 'drivertest'" + extra)
        return try DriverConfiguration.load(text: namelist, path: "budgets.nml", worldSize: 1, registry: .builtIn).run
    }

    @Test("unset, the monthly, annual and long-term annual tables are kept; do_budgets = .false. or every level 0 keeps none")
    func defaultsAndSwitch() throws {
        let unset = try settings("")
        #expect(unset.computesBudgets)
        #expect([unset.budgetInstant, unset.budgetDaily, unset.budgetMonthly, unset.budgetAnnual, unset.budgetLongTermAnnual,
                 unset.budgetLongTermEnd] == [0, 0, 1, 1, 1, 0])
        #expect(try !settings(", do_budgets = .false.").computesBudgets)
        #expect(try !settings(", do_budgets = .false., budget_daily = 1").computesBudgets)
        #expect(try !settings(", budget_month = 0, budget_ann = 0, budget_ltann = 0").computesBudgets)
        #expect(try settings(", budget_month = 0, budget_ann = 0, budget_ltann = 0, budget_ltend = 1").computesBudgets)
    }
}
