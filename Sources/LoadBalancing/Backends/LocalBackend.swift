/// Runs jobs on this machine one after another, each under `mpirun -n RANKS`, for tiny tests and
/// debugging. A job is killed when its wall time is up. Queue, account and memory are ignored.
public struct LocalBackend: ExecutionBackend {
    /// `local`, in handles and records.
    public let name = BackendName.local.rawValue
    /// How long `wait` sleeps between two looks at a job (100 ms by default).
    public let pollInterval: Duration
    private let queue: LocalJobQueue

    /// A backend launching jobs with `launcher`; a job being ended gets `killGrace` between
    /// SIGTERM and SIGKILL.
    public init(launcher: MPILauncher = MPILauncher(), pollInterval: Duration = .milliseconds(100),
                killGrace: Duration = .seconds(5)) {
        self.pollInterval = pollInterval
        queue = LocalJobQueue(backend: name, launcher: launcher, capacity: 1, sharesCores: false, killGrace: killGrace)
    }

    /// Finds `mpirun` on the PATH and starts accepting jobs.
    public func start() async throws { try await queue.start() }
    /// Cancels the queued jobs, ends the running one and waits until it has ended.
    public func stop() async { await queue.stop() }
    /// Queues `job` behind the others; it runs when the one before it has ended.
    public func submit(_ job: CoupledJob) async throws -> JobHandle { try await queue.submit(job) }
    /// Queues the command line `record` holds again, as a new job.
    public func resubmit(_ record: JobRecord) async throws -> JobHandle { try await queue.resubmit(record) }
    /// The job's status now, from the queue's record.
    public func status(of handle: JobHandle) async throws -> JobStatus { try await queue.record(of: handle).status }
    /// The job's record as the queue holds it now.
    public func record(of handle: JobHandle) async throws -> JobRecord { try await queue.record(of: handle) }
    /// Takes the job out of the queue, or kills it (SIGTERM, then SIGKILL) if it is running.
    public func cancel(_ handle: JobHandle) async throws { try await queue.cancel(handle) }
    /// Kills the processes of a job an earlier process started and left running.
    public func endLeftover(_ record: JobRecord) async { await queue.endLeftover(record) }
}
