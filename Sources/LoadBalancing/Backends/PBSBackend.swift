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
    public let name = "pbs"
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

    /// The script `submit` would write for `job`.
    public func script(for job: CoupledJob) -> String { scheduler.script(for: job) }

    /// How the backend reads `qstat -x -f` output: the state of each job id it lists.
    public static func states(fromQstat text: String) -> [String: SchedulerState] { PBSScheduler.parseQstat(text) }

    public func start() async throws { try await tracker.start() }
    public func stop() async { await tracker.stop() }
    public func submit(_ job: CoupledJob) async throws -> JobHandle { try await tracker.submit(job) }
    public func resubmit(_ record: JobRecord) async throws -> JobHandle { try await tracker.resubmit(record) }
    public func status(of handle: JobHandle) async throws -> JobStatus { try await tracker.record(of: handle).status }
    public func record(of handle: JobHandle) async throws -> JobRecord { try await tracker.record(of: handle) }
    public func cancel(_ handle: JobHandle) async throws { try await tracker.cancel(handle) }
}
