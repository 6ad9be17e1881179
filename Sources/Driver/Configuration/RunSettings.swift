import Coupling
import Namelist

/// General run settings from `&seq_infodata_inparm`.
public struct RunSettings: Sendable {
    /// The case name, used in file names (`CASE.cpl.hi...`); it follows `CaseName`'s rule.
    public var caseName: String
    /// `startup` (a new run) or `continue` (from the restart named in `rpointer.drv`).
    public var startType: String
    /// Whether every coupling field is checked for NaN and infinity.
    public var checkNaNs: Bool
    /// How much the driver writes to `cpl.log` (0 quiet, 1 normal, 2 more).
    public var infoDebug: Int
    /// Where the atmosphere–ocean fluxes are computed (`aoflux_grid`: `'ocn'`, `'atm'` or `'exch'`).
    public var fluxGrid: AtmosphereOceanFluxGrid
    /// `do_budgets`: whether the coupler keeps heat and water budgets (on by default, unlike
    /// CESM's driver; the `budget_*` levels say which tables it prints).
    public var doBudgets: Bool
    /// Budget print levels (0 none, 1 the table) for each step, each day, month and year.
    public var budgetInstant: Int
    /// `budget_daily`: print the budget table averaged over each day (0 none, 1 the table).
    public var budgetDaily: Int
    /// `budget_month`: print the budget table averaged over each month.
    public var budgetMonthly: Int
    /// `budget_ann`: print the budget table averaged over each year.
    public var budgetAnnual: Int
    /// `budget_ltann`: at the end of each year, print the table averaged over the case so far.
    public var budgetLongTermAnnual: Int
    /// `budget_ltend`: at the end of the run, print the table averaged over the case so far.
    public var budgetLongTermEnd: Int

    /// Whether the coupler computes budgets: `do_budgets` and a table to print.
    public var computesBudgets: Bool {
        doBudgets && [budgetInstant, budgetDaily, budgetMonthly, budgetAnnual, budgetLongTermAnnual, budgetLongTermEnd].contains { $0 > 0 }
    }
    /// How long a stretch of the run may take before the hang watchdog reports where every
    /// rank is waiting and ends the job (`hang_timeout`; unset: derived from the run itself).
    public var hangTimeout: HangTimeout
    /// Whether each component's ranks meet at a barrier before it runs, so that the time they
    /// wait for each other (`<kind> run barrier`) is measured apart from the run itself.
    public var runBarriers: Bool
    /// `cpl_seq_option`: the order of a driver step (`RunSequence`).
    public var sequenceOption: SequenceOption
    /// `bfbflag`: every map of type 'X', so that the answers are the same bit for bit on any layout.
    public var bitForBit: Bool
    /// What the coupler's time-averaged history holds (`histavg_atm`, ..., `histavg_xao`).
    public var averagedHistory: AveragedHistoryContents
}

/// Reads `&seq_infodata_inparm`.
func readRunSettings(_ r: NamelistGroupReader) -> RunSettings {
    RunSettings(caseName: r.string("case_name", default: "coupled", rule: CaseName.problem(with:)),
                startType: r.string("start_type", default: "startup", allowed: ["startup", "continue"]),
                checkNaNs: r.logical("check_nans", default: false),
                infoDebug: r.integer("info_debug", default: 1, range: 0 ... 3),
                fluxGrid: AtmosphereOceanFluxGrid(rawValue: r.string("aoflux_grid", default: AtmosphereOceanFluxGrid.ocean.rawValue,
                                                                     allowed: AtmosphereOceanFluxGrid.allCases.map(\.rawValue))) ?? .ocean,
                doBudgets: r.logical("do_budgets", default: true),
                budgetInstant: r.integer("budget_inst", default: 0, range: 0 ... 3),
                budgetDaily: r.integer("budget_daily", default: 0, range: 0 ... 3),
                budgetMonthly: r.integer("budget_month", default: 1, range: 0 ... 3),
                budgetAnnual: r.integer("budget_ann", default: 1, range: 0 ... 3),
                budgetLongTermAnnual: r.integer("budget_ltann", default: 1, range: 0 ... 3),
                budgetLongTermEnd: r.integer("budget_ltend", default: 0, range: 0 ... 3),
                hangTimeout: HangTimeout(namelistValue: r.real("hang_timeout", default: -1, range: 0 ... 1.0e7)),
                runBarriers: r.logical("run_barriers", default: false),
                sequenceOption: SequenceOption(rawValue: r.string("cpl_seq_option", default: SequenceOption.cesm1Mod.rawValue,
                                                                  allowed: SequenceOption.allCases.map(\.rawValue))) ?? .cesm1Mod,
                bitForBit: r.logical("bfbflag", default: false),
                averagedHistory: AveragedHistoryContents.read(r))
}
