import Foundation

/// Runs jobs on this machine under `mpirun -n RANKS`, as many at once as its cores allow: jobs
/// start in the order they were submitted while their ranks × threads fit in the free cores (a
/// job larger than the machine runs alone). A job is killed when its wall time is up. Queue,
/// account and memory are ignored.
public struct MPIRunBackend: ExecutionBackend {
    /// `mpirun`, in handles and records.
    public let name = BackendName.mpirun.rawValue
    /// How long `wait` sleeps between two looks at a job (100 ms by default).
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

    /// Finds `mpirun` on the PATH and starts accepting jobs.
    public func start() async throws { try await queue.start() }
    /// Cancels the queued jobs, ends the running ones and waits until all have ended.
    public func stop() async { await queue.stop() }
    /// Queues `job`; it starts as soon as its ranks × threads fit in the free cores.
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
