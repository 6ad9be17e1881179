/// Runs jobs through PBS Professional or OpenPBS: the same as `SlurmBackend` with `qsub` (a
/// script with `select`/`ncpus`/`mpiprocs`/`ompthreads`/`walltime` directives that enters
/// `$PBS_O_WORKDIR`), `qstat -x -f` and `qdel`. A finished job's `Exit_status` is read as PBS
/// Professional writes it: 0 success, 1–255 the script's exit status, -29 killed at the wall
/// time, other negative values PBS's own failures, 256 + N killed by signal N (`qdel`, or the
/// wall time when the job used all of it). Without job history the exit marker decides.
///
/// PBS cannot run on the machines this is developed on: its scripts and its reading of
/// recorded `qstat -x -f` output are tested, submission is not.
public struct PBSBackend: ExecutionBackend {
    /// `pbs`, in handles and records.
    public let name = BackendName.pbs.rawValue
    /// How long `wait` sleeps between two looks at a job (5 s by default).
    public let pollInterval: Duration
    private let scheduler: PBSScheduler
    private let tracker: BatchJobTracker<PBSScheduler>

    /// A backend whose jobs ask for whole nodes of `coresPerNode` cores (`nil`: one `select`
    /// chunk per rank, placed freely). Each script gets `extraDirectives` as further `#PBS`
    /// lines (e.g. `-l place=excl`). A missing exit marker is waited for `markerGrace`;
    /// `stop` waits up to `stopTimeout` for cancelled jobs to end.
    public init(launcher: MPILauncher = MPILauncher(), coresPerNode: Int? = nil, extraDirectives: [String] = [],
                pollInterval: Duration = .seconds(5), markerGrace: Duration = .seconds(10), stopTimeout: Duration = .seconds(60)) {
        self.pollInterval = pollInterval
        scheduler = PBSScheduler(launcher: launcher, coresPerNode: coresPerNode, extraDirectives: extraDirectives)
        tracker = BatchJobTracker(scheduler: scheduler, pollInterval: pollInterval, markerGrace: markerGrace, stopTimeout: stopTimeout)
    }

    /// The script `submit` would write for `job`. Throws `invalidJob`, naming the value and its
    /// bad character, for a queue or account outside `JobScriptValue`'s character set, or a
    /// path, variable or directive that could break out of its line.
    public func script(for job: CoupledJob) throws(BackendError) -> String { try scheduler.script(for: job) }

    /// How the backend reads `qstat -x -f` output: the state of each job id it lists.
    public static func states(fromQstat text: String) -> [String: SchedulerState] { PBSScheduler.parseQstat(text) }

    /// Checks that `qsub`, `qstat` and `qdel` are on the PATH and that the server answers `qstat -B`.
    public func start() async throws { try await tracker.start() }
    /// `qdel`s the jobs that have not ended and waits up to `stopTimeout` for PBS to end them.
    public func stop() async { await tracker.stop() }
    /// Writes the job's script into its folder and submits it with `qsub`.
    public func submit(_ job: CoupledJob) async throws -> JobHandle { try await tracker.submit(job) }
    /// Submits the script `record` holds again with `qsub`, as a new job.
    public func resubmit(_ record: JobRecord) async throws -> JobHandle { try await tracker.resubmit(record) }
    /// The job's status now, from `qstat -x -f` and its exit marker.
    public func status(of handle: JobHandle) async throws -> JobStatus { try await tracker.record(of: handle).status }
    /// The job's record, brought up to date from `qstat` unless it has already ended.
    public func record(of handle: JobHandle) async throws -> JobRecord { try await tracker.record(of: handle) }
    /// Ends the job with `qdel`; does nothing if it has already ended.
    public func cancel(_ handle: JobHandle) async throws { try await tracker.cancel(handle) }
    /// `qdel`s a job an earlier process submitted and left in the queue.
    public func endLeftover(_ record: JobRecord) async { await tracker.endLeftover(record) }
}
