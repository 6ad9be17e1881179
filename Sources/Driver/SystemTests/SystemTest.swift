/// CESM's system test types, as coupled-driver runs them on a namelist: each compares the
/// coupler history of two ways of running the same simulation and passes only if every file
/// is identical, value for value.
public enum SystemTest: String, Sendable, CaseIterable {
    /// Smoke: the run completes.
    case SMS
    /// Exact restart: a straight run against the same run stopped half-way and continued.
    case ERS
    /// Exact restart on another layout: continued with half the tasks, other roots and 2 threads.
    case ERP
    /// Processor-count change: all tasks against half of them.
    case PEM
    /// Threading change: 1 thread against 2 per task.
    case PET
    /// Sequential against concurrent: every component on every rank against the ocean on its own rank.
    case SEQ
    /// Reproducibility: two identical runs.
    case REP

    /// What the test compares, for reports.
    public var summary: String {
        switch self {
        case .SMS: "the run completes"
        case .ERS: "a straight run against the same run restarted half-way"
        case .ERP: "a straight run against one restarted half-way on half the tasks, other roots and 2 threads"
        case .PEM: "all tasks against half the tasks"
        case .PET: "1 thread against 2 threads per task"
        case .SEQ: "a sequential layout against the ocean on its own rank"
        case .REP: "two identical runs"
        }
    }
}

/// How one system test ended.
public struct SystemTestResult: Sendable {
    /// The test that ran.
    public let test: SystemTest
    /// Whether the runs completed and their coupler history files are identical.
    public let passed: Bool
    /// What was compared and found (or why the test could not run).
    public let detail: String
    /// The test's folder (its runs and their logs).
    public let folder: String
}
