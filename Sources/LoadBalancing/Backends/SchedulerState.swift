/// What a batch system says about a job, before the job's own exit marker is considered
/// (`BatchStatusDecision` weighs both).
public enum SchedulerState: Sendable, Equatable {
    /// Queued or held.
    case pending
    /// Running, or ending (Slurm COMPLETING, PBS E).
    case running
    /// Ended, and how the batch system saw it end.
    case ended(End)
    /// The batch system no longer knows the job: it finished and was forgotten (Slurm without
    /// accounting after `MinJobAge`, PBS without job history), or it never existed.
    case unknown

    /// How a batch system says a job ended.
    public enum End: Sendable, Equatable {
        /// Slurm COMPLETED, PBS exit status 0.
        case completed
        /// Any other end that is not a cancellation or a time-out.
        case failed(exitCode: Int32?, reason: String)
        /// Slurm CANCELLED, PBS killed by a signal before its wall time (`qdel`).
        case cancelled
        /// Slurm TIMEOUT, PBS `Exit_status = -29` (JOB_EXEC_KILL_WALLTIME).
        case timedOut
    }
}
