import Foundation

/// How a batch job's status follows from three witnesses: what the batch system says, what the
/// job script wrote about itself (`started`, `exit-status`), and what the backend did (cancel).
///
/// - The batch system is believed about time-outs and cancellations; the exit marker about the
///   exit status. A job is `completed` only with an `exit 0` marker.
/// - A job the backend cancelled that did not complete is `cancelled`, however it ended.
/// - A job the batch system no longer knows (no accounting, history purged) is judged by its
///   marker alone: `exit 0` is completed, `exit N` failed, `signal` cancelled — or timed out if
///   it ran for its whole wall time. Without a marker: timed out if it ran for its whole wall
///   time (killed at its limit), otherwise failed (killed, or its node failed): the job never
///   claimed success, and nothing shows that anyone cancelled it.
/// - A marker missing where one is expected is waited for `markerGrace` (shared file systems
///   show files late); until then the job is reported `running`.
public struct BatchStatusDecision: Sendable {
    /// What the batch system says.
    public var state: SchedulerState
    /// What the job script wrote about its end, if anything.
    public var marker: ExitMarker?
    /// When the job script started, from its `started` marker.
    public var started: Date?
    /// Whether the backend cancelled the job.
    public var cancelRequested: Bool
    /// The wall time the job asked for, seconds: a job that ran this long was killed at its limit.
    public var wallTimeSeconds: Int
    /// How long the backend has seen the job ended (or unknown) without an exit marker, seconds.
    public var waitedForMarker: TimeInterval
    /// How long a missing marker is waited for, seconds.
    public var markerGrace: TimeInterval

    /// The evidence about one job.
    public init(state: SchedulerState, marker: ExitMarker?, started: Date?, cancelRequested: Bool, wallTimeSeconds: Int,
                waitedForMarker: TimeInterval, markerGrace: TimeInterval) {
        self.state = state
        self.marker = marker
        self.started = started
        self.cancelRequested = cancelRequested
        self.wallTimeSeconds = wallTimeSeconds
        self.waitedForMarker = waitedForMarker
        self.markerGrace = markerGrace
    }

    /// The status, judged at `now`.
    public func status(now: Date) -> JobStatus {
        switch state {
        case .pending:
            return .pending
        case .running:
            return .running
        case .ended(let end):
            return ended(end)
        case .unknown:
            return forgotten(now: now)
        }
    }

    private var exitedZero: Bool { marker?.ending == .exited(0) }
    private var stillWaiting: Bool { marker == nil && waitedForMarker < markerGrace }

    private func ended(_ end: SchedulerState.End) -> JobStatus {
        if cancelRequested && !exitedZero { return .cancelled }
        switch end {
        case .timedOut:
            return .timedOut
        case .cancelled:
            return .cancelled
        case .failed(let code, let reason):
            if case .exited(let status) = marker?.ending { return .failed(exitCode: status, reason: reason) }
            return .failed(exitCode: code, reason: reason)
        case .completed:
            switch marker?.ending {
            case .exited(0):
                return .completed
            case .exited(let status):
                return .failed(exitCode: status, reason: "the batch system reports success, but mpirun exited with status \(status)")
            case .signalled(let signal):
                return .failed(exitCode: nil, reason: "the batch system reports success, but the job script got SIG\(signal)")
            case nil:
                return stillWaiting ? .running
                    : .failed(exitCode: nil, reason: "the batch system reports success, but the job script wrote no exit status")
            }
        }
    }

    private func forgotten(now: Date) -> JobStatus {
        if exitedZero { return .completed }
        if cancelRequested { return marker == nil && stillWaiting ? .running : .cancelled }
        let ranFullWallTime = started.map { (marker?.time ?? now).timeIntervalSince($0) >= Double(wallTimeSeconds) } ?? false
        switch marker?.ending {
        case .exited(let status):
            return .failed(exitCode: status, reason: "mpirun exited with status \(status)")
        case .signalled:
            return ranFullWallTime ? .timedOut : .cancelled
        case nil:
            if stillWaiting { return .running }
            if ranFullWallTime { return .timedOut }
            return .failed(exitCode: nil, reason: started == nil
                ? "the job left the queue without starting, and the batch system keeps no record of it"
                : "the job ended without writing its exit status (killed, or its node failed), and the batch system keeps no record of it")
        }
    }
}
