/// Runs jobs through Slurm. Each job gets a script in its folder (`RUNDIR/job/job.sh`, also kept
/// in its record) submitted with `sbatch --parsable` from an environment without inherited
/// `SLURM_*` variables. Its status comes from `squeue -t all` (and `sacct` once the controller
/// has forgotten the job, if the cluster keeps accounting) together with the exit marker the
/// script writes itself — so a failed, cancelled or timed-out job is reported as such even
/// without accounting (see `BatchStatusDecision`). `stop` cancels the jobs that have not ended.
public struct SlurmBackend: ExecutionBackend {
    /// `slurm`, in handles and records.
    public let name = BackendName.slurm.rawValue
    /// How long `wait` sleeps between two looks at a job (1 s by default).
    public let pollInterval: Duration
    private let scheduler: SlurmScheduler
    private let tracker: BatchJobTracker<SlurmScheduler>

    /// A backend for the cluster `configuration` names (a `slurm.conf` path, set as `SLURM_CONF`
    /// for every Slurm command; `nil`: the inherited `SLURM_CONF` or Slurm's default). Each
    /// script gets `extraDirectives` as further `#SBATCH` lines (e.g. `--overcommit`,
    /// `--qos=debug`). A missing exit marker is waited for `markerGrace`; `stop` waits up to
    /// `stopTimeout` for cancelled jobs to end.
    public init(launcher: MPILauncher = MPILauncher(), configuration: String? = nil, extraDirectives: [String] = [],
                pollInterval: Duration = .seconds(1), markerGrace: Duration = .seconds(10), stopTimeout: Duration = .seconds(30)) {
        self.pollInterval = pollInterval
        scheduler = SlurmScheduler(launcher: launcher, configuration: configuration, extraDirectives: extraDirectives)
        tracker = BatchJobTracker(scheduler: scheduler, pollInterval: pollInterval, markerGrace: markerGrace, stopTimeout: stopTimeout)
    }

    /// The script `submit` would write for `job`. Throws `invalidJob`, naming the value and its
    /// bad character, for a queue or account outside `JobScriptValue`'s character set, or a
    /// path, variable or directive that could break out of its line.
    public func script(for job: CoupledJob) throws(BackendError) -> String { try scheduler.script(for: job) }

    /// How the backend reads `squeue -h -t all -o '%i|%T|%r'` output: the state of each job id.
    public static func states(fromSqueue text: String) -> [String: SchedulerState] { SlurmScheduler.parseSqueue(text) }

    /// How the backend reads `sacct -n -X -P -o JobID,State,ExitCode` output: the state of each job id.
    public static func states(fromSacct text: String) -> [String: SchedulerState] { SlurmScheduler.parseSacct(text) }

    /// Checks that `sbatch`, `squeue`, `scancel` and `sinfo` are on the PATH and the controller answers `sinfo`.
    public func start() async throws { try await tracker.start() }
    /// `scancel`s the jobs that have not ended and waits up to `stopTimeout` for Slurm to end them.
    public func stop() async { await tracker.stop() }
    /// Writes the job's script into its folder and submits it with `sbatch --parsable`.
    public func submit(_ job: CoupledJob) async throws -> JobHandle { try await tracker.submit(job) }
    /// Submits the script `record` holds again with `sbatch`, as a new job.
    public func resubmit(_ record: JobRecord) async throws -> JobHandle { try await tracker.resubmit(record) }
    /// The job's status now, from `squeue` (or `sacct`) and its exit marker.
    public func status(of handle: JobHandle) async throws -> JobStatus { try await tracker.record(of: handle).status }
    /// The job's record, brought up to date from Slurm unless it has already ended.
    public func record(of handle: JobHandle) async throws -> JobRecord { try await tracker.record(of: handle) }
    /// Ends the job with `scancel`; does nothing if it has already ended.
    public func cancel(_ handle: JobHandle) async throws { try await tracker.cancel(handle) }
    /// `scancel`s a job an earlier process submitted and left in the queue.
    public func endLeftover(_ record: JobRecord) async { await tracker.endLeftover(record) }
}
