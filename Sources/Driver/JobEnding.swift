import Coupling
import MPI

/// How a coupled run that failed ends: with one message, from one rank, and a non-zero exit on
/// every rank, never a hang.
///
/// The rank where a failure started tells every other rank (`FailureNotices.announce`): each
/// wait they are in stops. Then every rank meets the others in one agreement, on a
/// communicator of its own, which finds the lowest world rank that failed itself (not merely
/// interrupted by another's failure). That rank writes the message to standard error and
/// `cpl.log`; all meet once more, so that the message is out before any process exits, then
/// finalise MPI and exit 1 — no `MPI_Abort` and its banner.
///
/// When not every rank joins within `agreementSeconds` (a rank dead, stuck inside a library's
/// own collective, or computing for longer), the rank that failed writes its message and ends
/// the job with `MPI_Abort`; the hang watchdog covers a rank stuck before it gets here.
enum JobEnding {
    /// How long a rank waits for the others to join the agreement.
    static let agreementSeconds = 10.0
    /// The exit code of a failed run.
    static let failureExitCode: Int32 = 1

    /// Ends the run on this rank after `failure`: returns the exit code once every rank agreed,
    /// or ends the job with `MPI_Abort`. In a job of several coupled systems the message names
    /// the member `instance` that failed, which runs on job ranks `memberRanks` (its failure,
    /// found on a rank counted within the member, is given the rank's number in the job), and
    /// goes to that member's `cpl_000k.log`.
    static func end(after failure: RunFailure, worldRank: Int, runDirectory: String, instance: DriverInstance,
                    memberRanks: ClosedRange<Int>) -> Int32 {
        let member = instance.count == 1 ? "" : "\(instance) (job ranks \(memberRanks.lowerBound)-\(memberRanks.upperBound)): "
        let failure = failure.countingRanks(from: memberRanks.lowerBound)
        let log = resolve(RunFileNames.log(of: .cpl, instance: instance), against: runDirectory)
        let failedHere = FailureNotices.interruptedBy == nil
        // A failure every rank found alike needs no notice: every rank is on its way here.
        if failedHere && !failure.sharedByAllRanks { FailureNotices.announce() }
        let reporter = FailureNotices.agreeOnFailure(failedHere: failedHere, within: agreementSeconds)
        guard let reporter else {
            guard failedHere else {
                // The rank that failed saw the same time-out and ends the job; make sure of it.
                MPIRuntime.abort(code: failureExitCode)
            }
            report("ERROR: \(member)\(failure)\nNot every rank joined the failure agreement within \(Int(agreementSeconds)) s; "
                + "the job is being ended on every rank (MPI_Abort).", log: log)
            MPIRuntime.abort(code: failureExitCode)
        }
        if reporter == worldRank { report("ERROR: \(member)\(failure)", log: log) }
        FailureNotices.meetBeforeExit(within: agreementSeconds)
        return failureExitCode
    }

    /// Writes `message` to standard error and to the coupler's log at `log`.
    private static func report(_ message: String, log: String) {
        printToStandardError(message)
        LogFile.append("\n" + message + "\n", toFileAt: log)
    }
}
