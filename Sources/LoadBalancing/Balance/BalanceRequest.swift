import Coupling

/// What `coupled-driver balance` was asked: the configuration to balance, the job size to
/// balance it for, and how to make the test runs.
public struct BalanceRequest: Sendable {
    /// The user's namelist: its path (relative paths in it resolve against its folder) and text.
    public var namelistPath: String
    /// The namelist's text.
    public var namelistText: String
    /// The folder relative paths in the namelist resolve against.
    public var pathsFrom: String
    /// The `coupled-driver` executable the test runs use.
    public var executable: String
    /// The task count N the layout is sought for.
    public var totalTasks: Int
    /// Simulated days of each test run.
    public var days: Int
    /// The user's task counts per component (`--sizes atm=4,8,16`); the default ladder otherwise.
    public var sizes: [ComponentKind: [Int]]
    /// From the namelist: the threads per task of each component.
    public var threads: [ComponentKind: Int]
    /// The components the namelist lays out (the coupler included): the test runs and the
    /// proposed layout place these.
    public var components: [ComponentKind]
    /// The model components that are stubs (`'stub'`): they cost nothing and get no fit.
    public var absent: Set<ComponentKind>
    /// Where the test runs, the report, the pictures and `proposed.nml` go.
    public var output: String
    /// The wall-time limit of each test run, seconds, and the batch settings.
    public var wallTimeSeconds: Int
    /// The batch queue or partition to submit to; `nil` for the system's default.
    public var queue: String?
    /// The account to charge the runs to; `nil` for the user's default.
    public var account: String?
    /// Whether to run the proposed layout too and compare its time with the prediction.
    public var verify: Bool

    /// A request with every setting given; `queue` and `account` default to the batch system's.
    public init(namelistPath: String, namelistText: String, pathsFrom: String, executable: String, totalTasks: Int, days: Int,
                sizes: [ComponentKind: [Int]], threads: [ComponentKind: Int], components: [ComponentKind], absent: Set<ComponentKind>,
                output: String, wallTimeSeconds: Int, queue: String? = nil, account: String? = nil,
                verify: Bool) {
        self.namelistPath = namelistPath
        self.namelistText = namelistText
        self.pathsFrom = pathsFrom
        self.executable = executable
        self.totalTasks = totalTasks
        self.days = days
        self.sizes = sizes
        self.threads = threads
        self.components = components
        self.absent = absent
        self.output = output
        self.wallTimeSeconds = wallTimeSeconds
        self.queue = queue
        self.account = account
        self.verify = verify
    }
}
