/// Somewhere coupled test runs can run — this machine, one job after another or several at
/// once, or a batch system — and that tells the truth about how they ended: a job is
/// `completed` only if its process exited with status 0.
///
/// Start a backend before submitting and stop it afterwards (stopping cancels what is still
/// queued or running); `withStarted` does both, also when the work throws or is cancelled:
///
/// ```swift
/// let status = try await SlurmBackend().withStarted { backend in
///     let handle = try await backend.submit(job)
///     return try await backend.wait(for: handle)
/// }
/// ```
///
/// Every submission keeps a `JobRecord` in the job's folder (`RUNDIR/job/record.json`).
public protocol ExecutionBackend: Sendable {
    /// The backend's name in handles and records: `local`, `mpirun`, `slurm` or `pbs`.
    var name: String { get }
    /// How long `wait` sleeps between two looks at a job.
    var pollInterval: Duration { get }

    /// Checks that the backend can work here (its commands exist, the batch system answers)
    /// and makes it accept jobs.
    func start() async throws
    /// Cancels the backend's jobs that have not ended and waits (a bounded time, for batch
    /// systems) until they have; afterwards the backend accepts no jobs. Safe to call twice.
    func stop() async
    /// Queues `job`; its record is written before this returns.
    func submit(_ job: CoupledJob) async throws -> JobHandle
    /// Runs exactly what `record` says was run before (the same script or command line) as a
    /// new submission; the record in the job's folder is replaced by the new one.
    func resubmit(_ record: JobRecord) async throws -> JobHandle
    /// The job's status now.
    func status(of handle: JobHandle) async throws -> JobStatus
    /// The job's record as the backend knows it now.
    func record(of handle: JobHandle) async throws -> JobRecord
    /// Returns the job's status once it has ended.
    func wait(for handle: JobHandle) async throws -> JobStatus
    /// Ends the job: removes it from the queue or kills it. Its status becomes `cancelled`
    /// (unless it had already ended, or ends successfully before the kill takes effect).
    func cancel(_ handle: JobHandle) async throws
    /// Ends a job that an earlier process submitted through this kind of backend and left
    /// behind when it was killed (so it could not stop its backend): kills a local job's
    /// processes, cancels a batch job, and returns once it has ended (a bounded time for batch
    /// systems). Does nothing if that job has ended or is another kind of backend's.
    func endLeftover(_ record: JobRecord) async
}

extension ExecutionBackend {
    /// Does nothing: a backend that cannot reach an earlier process's jobs leaves them be.
    public func endLeftover(_ record: JobRecord) async {}

    /// Looks at the job every `pollInterval` until it has ended.
    public func wait(for handle: JobHandle) async throws -> JobStatus {
        while true {
            let status = try await status(of: handle)
            if status.isFinished { return status }
            try await Task.sleep(for: pollInterval)
        }
    }

    /// Starts the backend, runs `body` with it and stops it — also when starting or `body`
    /// throws, or the task is cancelled.
    public func withStarted<Result>(isolation: isolated (any Actor)? = #isolation,
                                    _ body: (Self) async throws -> Result) async throws -> Result {
        do {
            try await start()
        } catch {
            await stop()
            throw error
        }
        let result: Result
        do {
            result = try await body(self)
        } catch {
            await stop()
            throw error
        }
        await stop()
        return result
    }
}
