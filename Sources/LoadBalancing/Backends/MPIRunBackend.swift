import Foundation

/// Runs jobs on this machine under `mpirun -n RANKS`, as many at once as its cores allow: jobs
/// start in the order they were submitted while their ranks × threads fit in the free cores (a
/// job larger than the machine runs alone). A job is killed when its wall time is up. Queue,
/// account and memory are ignored.
public struct MPIRunBackend: ExecutionBackend {
    public let name = "mpirun"
    public let pollInterval: Duration
    /// The cores the running jobs share.
    public let cores: Int
    private let queue: LocalJobQueue

    /// A backend sharing `cores` cores (default: this machine's) among jobs launched with
    /// `launcher`; a job being ended gets `killGrace` between SIGTERM and SIGKILL.
    public init(launcher: MPILauncher = MPILauncher(), cores: Int = ProcessInfo.processInfo.activeProcessorCount,
                pollInterval: Duration = .milliseconds(100), killGrace: Duration = .seconds(5)) {
        self.pollInterval = pollInterval
        self.cores = max(cores, 1)
        queue = LocalJobQueue(backend: name, launcher: launcher, capacity: self.cores, sharesCores: true, killGrace: killGrace)
    }

    public func start() async throws { try await queue.start() }
    public func stop() async { await queue.stop() }
    public func submit(_ job: CoupledJob) async throws -> JobHandle { try await queue.submit(job) }
    public func resubmit(_ record: JobRecord) async throws -> JobHandle { try await queue.resubmit(record) }
    public func status(of handle: JobHandle) async throws -> JobStatus { try await queue.record(of: handle).status }
    public func record(of handle: JobHandle) async throws -> JobRecord { try await queue.record(of: handle) }
    public func cancel(_ handle: JobHandle) async throws { try await queue.cancel(handle) }
}
