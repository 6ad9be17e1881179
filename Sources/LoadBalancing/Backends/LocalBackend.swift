/// Runs jobs on this machine one after another, each under `mpirun -n RANKS`, for tiny tests and
/// debugging. A job is killed when its wall time is up. Queue, account and memory are ignored.
public struct LocalBackend: ExecutionBackend {
    public let name = "local"
    public let pollInterval: Duration
    private let queue: LocalJobQueue

    /// A backend launching jobs with `launcher`; a job being ended gets `killGrace` between
    /// SIGTERM and SIGKILL.
    public init(launcher: MPILauncher = MPILauncher(), pollInterval: Duration = .milliseconds(100),
                killGrace: Duration = .seconds(5)) {
        self.pollInterval = pollInterval
        queue = LocalJobQueue(backend: name, launcher: launcher, capacity: 1, sharesCores: false, killGrace: killGrace)
    }

    public func start() async throws { try await queue.start() }
    public func stop() async { await queue.stop() }
    public func submit(_ job: CoupledJob) async throws -> JobHandle { try await queue.submit(job) }
    public func resubmit(_ record: JobRecord) async throws -> JobHandle { try await queue.resubmit(record) }
    public func status(of handle: JobHandle) async throws -> JobStatus { try await queue.record(of: handle).status }
    public func record(of handle: JobHandle) async throws -> JobRecord { try await queue.record(of: handle) }
    public func cancel(_ handle: JobHandle) async throws { try await queue.cancel(handle) }
}
