import Foundation
import LoadBalancing
import Testing

/// How a batch job's status follows from what the batch system says, what the job script wrote
/// about itself and whether the backend cancelled it — above all when the batch system keeps no
/// accounting and has forgotten the job.
@Suite("Batch job status decisions")
struct BatchStatusDecisionTests {
    private let start = Date(timeIntervalSince1970: 1_700_000_000)

    /// The status for a job with a 600 s wall time that started at `start`, judged `elapsed` seconds later.
    private func status(_ state: SchedulerState, marker: String?, cancelled: Bool = false, started: Bool = true,
                        elapsed: TimeInterval = 100, waited: TimeInterval = 60) -> JobStatus {
        let exit = marker.flatMap { ExitMarker("\($0) \(Int(start.timeIntervalSince1970 + elapsed))") }
        let decision = BatchStatusDecision(state: state, marker: exit, started: started ? start : nil, cancelRequested: cancelled,
                                           wallTimeSeconds: 600, waitedForMarker: waited, markerGrace: 10)
        return decision.status(now: start.addingTimeInterval(elapsed + 5))
    }

    @Test("exit markers are read as the job script writes them, and partial writes are not read at all")
    func markers() {
        #expect(ExitMarker("exit 0 1700000100")?.ending == .exited(0))
        #expect(ExitMarker("exit 137 1700000100\n")?.ending == .exited(137))
        #expect(ExitMarker("signal TERM 1700000100")?.ending == .signalled("TERM"))
        #expect(ExitMarker("exit 3 1700000100")?.time == Date(timeIntervalSince1970: 1_700_000_100))
        for partial in ["", "exit", "exit x 1", "done 0 1"] { #expect(ExitMarker(partial) == nil, "'\(partial)'") }
    }

    @Test("queued and running jobs are pending and running whatever the folder holds")
    func notEnded() {
        #expect(status(.pending, marker: nil, started: false) == .pending)
        #expect(status(.running, marker: nil) == .running)
        #expect(status(.running, marker: "exit 0") == .running)
    }

    @Test("completed needs both the batch system's word and an exit 0 marker")
    func completedNeedsBoth() {
        #expect(status(.ended(.completed), marker: "exit 0") == .completed)
        #expect(status(.ended(.completed), marker: "exit 2") == .failed(exitCode: 2, reason:
            "the batch system reports success, but mpirun exited with status 2"))
        if case .failed(nil, _) = status(.ended(.completed), marker: nil) {} else { Issue.record("no marker must not pass as completed") }
        #expect(status(.ended(.completed), marker: nil, waited: 3) == .running, "a marker is waited for during the grace period")
    }

    @Test("the batch system is believed about time-outs and cancellations, the marker about exit codes")
    func endedJobs() {
        #expect(status(.ended(.timedOut), marker: "signal TERM") == .timedOut)
        #expect(status(.ended(.timedOut), marker: nil) == .timedOut)
        #expect(status(.ended(.cancelled), marker: "signal TERM") == .cancelled)
        #expect(status(.ended(.failed(exitCode: nil, reason: "FAILED")), marker: "exit 1") == .failed(exitCode: 1, reason: "FAILED"))
        #expect(status(.ended(.failed(exitCode: 9, reason: "NODE_FAIL")), marker: nil) == .failed(exitCode: 9, reason: "NODE_FAIL"))
    }

    @Test("a job the backend cancelled is cancelled unless it completed first")
    func cancelledByTheBackend() {
        #expect(status(.ended(.failed(exitCode: 143, reason: "x")), marker: "signal TERM", cancelled: true) == .cancelled)
        #expect(status(.ended(.completed), marker: "exit 0", cancelled: true) == .completed)
        #expect(status(.unknown, marker: "exit 1", cancelled: true) == .cancelled)
        #expect(status(.unknown, marker: nil, cancelled: true, started: false) == .cancelled)
    }

    @Test("without accounting a forgotten job is judged by its own marker")
    func forgottenWithMarker() {
        #expect(status(.unknown, marker: "exit 0") == .completed)
        #expect(status(.unknown, marker: "exit 3") == .failed(exitCode: 3, reason: "mpirun exited with status 3"))
        #expect(status(.unknown, marker: "signal TERM", elapsed: 100) == .cancelled, "ended by someone's signal before its wall time")
        #expect(status(.unknown, marker: "signal TERM", elapsed: 610) == .timedOut, "ended by a signal at its wall time")
    }

    @Test("a forgotten job without a marker is timed out at its wall time and failed before, never completed")
    func forgottenWithoutMarker() {
        #expect(status(.unknown, marker: nil, elapsed: 605) == .timedOut)
        guard case .failed(nil, let reason) = status(.unknown, marker: nil, elapsed: 100) else {
            Issue.record("a job that vanished early without a marker must be failed")
            return
        }
        #expect(reason.contains("without writing its exit status"))
        guard case .failed(nil, let never) = status(.unknown, marker: nil, started: false) else {
            Issue.record("a job that vanished without starting must be failed")
            return
        }
        #expect(never.contains("without starting"))
        #expect(status(.unknown, marker: nil, waited: 2) == .running, "a marker is waited for during the grace period")
    }
}
