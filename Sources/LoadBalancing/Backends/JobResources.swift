/// What a job asks of the machine or the batch system: MPI ranks, threads per rank, a wall-time
/// limit and, for batch systems, where to run and whom to charge.
public struct JobResources: Sendable, Hashable, Codable {
    /// MPI ranks (`mpirun -n`, Slurm `--ntasks`, PBS `mpiprocs` summed over chunks).
    public var ranks: Int
    /// OpenMP threads per rank (`OMP_NUM_THREADS`, Slurm `--cpus-per-task`, PBS `ompthreads`).
    public var threadsPerRank: Int
    /// The wall-time limit in seconds. Past it the job is killed and reported `timedOut`.
    /// Batch systems count in minutes or seconds of their own and check limits only every
    /// few tens of seconds (Slurm: its minimum is one minute).
    public var wallTimeSeconds: Int
    /// The Slurm partition or PBS queue; `nil` for the system's default. Ignored by the local
    /// backends. The batch backends accept only ASCII letters, digits and `_ . - @ +`
    /// (`JobScriptValue.nameProblem`).
    public var queue: String?
    /// The account (project) to charge; `nil` for the user's default. Ignored by the local
    /// backends; the batch backends accept the same characters as for `queue`.
    public var account: String?
    /// Memory per node in MiB (Slurm `--mem`, PBS `mem` per chunk); `nil` for the default.
    /// Recorded but not enforced by the local backends.
    public var memoryMiB: Int?

    /// Resources for a job of `ranks` ranks with `threadsPerRank` threads each, at most `wallTimeSeconds` long.
    public init(ranks: Int, threadsPerRank: Int = 1, wallTimeSeconds: Int, queue: String? = nil, account: String? = nil,
                memoryMiB: Int? = nil) {
        self.ranks = ranks
        self.threadsPerRank = threadsPerRank
        self.wallTimeSeconds = wallTimeSeconds
        self.queue = queue
        self.account = account
        self.memoryMiB = memoryMiB
    }

    /// Cores the job keeps busy: ranks times threads.
    public var cores: Int { ranks * threadsPerRank }

    /// The wall time as `H:MM:SS`, the form Slurm `--time` and PBS `walltime` both read.
    var wallTimeClock: String {
        let seconds = max(wallTimeSeconds, 1)
        let minutes = (seconds / 60) % 60, rest = seconds % 60
        return "\(seconds / 3600):" + (minutes < 10 ? "0" : "") + "\(minutes):" + (rest < 10 ? "0" : "") + "\(rest)"
    }

    /// Throws when a value cannot describe a job.
    func validate() throws(BackendError) {
        guard ranks >= 1 else { throw .invalidJob("ranks = \(ranks): a job needs at least one rank") }
        guard threadsPerRank >= 1 else { throw .invalidJob("threadsPerRank = \(threadsPerRank): a rank needs at least one thread") }
        guard wallTimeSeconds >= 1 else { throw .invalidJob("wallTimeSeconds = \(wallTimeSeconds): the wall time must be positive") }
        if let memoryMiB, memoryMiB < 1 { throw .invalidJob("memoryMiB = \(memoryMiB): the memory must be positive") }
    }
}
