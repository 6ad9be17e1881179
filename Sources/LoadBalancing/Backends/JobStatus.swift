/// Where a job is, or how it ended. `completed` means one thing only: the job's process (the
/// `mpirun` of the run) exited with status 0.
public enum JobStatus: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Waiting: in the backend's queue or the batch system's.
    case pending
    /// Started and not yet ended.
    case running
    /// Ended with exit status 0.
    case completed
    /// Ended any other way than the three below: a non-zero exit (`exitCode`), a signal, a
    /// batch-system failure, or an end the backend could not see (`exitCode` is then `nil`).
    case failed(exitCode: Int32?, reason: String)
    /// Ended by a cancellation: the backend's `cancel`, its `stop`, or someone else's `scancel`/`qdel`.
    case cancelled
    /// Killed for running past its wall time.
    case timedOut

    /// True once the job has ended; its status no longer changes.
    public var isFinished: Bool {
        switch self {
        case .pending, .running: false
        case .completed, .failed, .cancelled, .timedOut: true
        }
    }

    /// The status in a few words (`failed (exit code 1: ...)`), for logs.
    public var description: String {
        switch self {
        case .pending: "pending"
        case .running: "running"
        case .completed: "completed"
        case .failed(let code, let reason): "failed (" + (code.map { "exit code \($0): " } ?? "") + reason + ")"
        case .cancelled: "cancelled"
        case .timedOut: "timed out"
        }
    }
}
