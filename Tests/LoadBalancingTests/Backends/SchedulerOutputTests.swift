import Foundation
import LoadBalancing
import Testing

/// How the batch backends read their batch system's answers, on output recorded from real
/// systems: `qstat -f` from PBS Professional and Torque installations (PBS cannot run here) and
/// `squeue` from the local Slurm the Slurm tests start.
@Suite("Reading qstat and squeue output")
struct SchedulerOutputTests {
    @Test("a finished PBS Professional job with Exit_status 0 is completed; wrapped attribute lines do not confuse the reader")
    func finishedJob() {
        #expect(PBSBackend.states(fromQstat: QstatSamples.finished) == ["7600424.pbs02": .ended(.completed)])
        let failed = QstatSamples.finished.replacingOccurrences(of: "Exit_status = 0", with: "Exit_status = 3")
        guard case .ended(.failed(exitCode: 3, _))? = PBSBackend.states(fromQstat: failed)["7600424.pbs02"] else {
            Issue.record("a non-zero Exit_status must be a failure with that code")
            return
        }
    }

    @Test("running and held PBS jobs are running and pending")
    func runningAndHeld() {
        #expect(PBSBackend.states(fromQstat: QstatSamples.runningAndHeld) == ["69301.mycluster": .running, "69302.mycluster": .pending])
    }

    @Test("a job PBS killed at its wall time is timed out; one killed by a signal before it is cancelled")
    func killedJobs() {
        #expect(PBSBackend.states(fromQstat: QstatSamples.wallTimeExceeded) == ["4242.server": .ended(.timedOut)])
        #expect(PBSBackend.states(fromQstat: QstatSamples.killedBySignal) == ["546437": .ended(.cancelled)],
                "exit status 271 (SIGTERM) after 6 of 8 hours: qdel")
        let atLimit = QstatSamples.killedBySignal.replacingOccurrences(of: "resources_used.walltime = 06:12:22",
                                                                       with: "resources_used.walltime = 08:00:07")
        #expect(PBSBackend.states(fromQstat: atLimit) == ["546437": .ended(.timedOut)], "SIGTERM after the whole wall time: the limit")
    }

    @Test("several jobs in one answer are told apart; an empty answer knows no job")
    func severalJobs() {
        let all = [QstatSamples.finished, QstatSamples.runningAndHeld, QstatSamples.killedBySignal, QstatSamples.wallTimeExceeded]
        let states = PBSBackend.states(fromQstat: all.joined(separator: "\n"))
        #expect(states.count == 5)
        #expect(states["7600424.pbs02"] == .ended(.completed) && states["69302.mycluster"] == .pending)
        #expect(PBSBackend.states(fromQstat: "").isEmpty)
    }

    @Test("squeue -t all lines recorded from the local Slurm are read state by state")
    func squeue() {
        // Recorded with `squeue -h -t all -o '%i|%T|%r'` on the cluster scripts/local-slurm.sh starts.
        let recorded = "1|COMPLETED|None\n2|FAILED|NonZeroExitCode\n3|CANCELLED|None\n4|TIMEOUT|TimeLimit\n5|RUNNING|None\n6|PENDING|None\n"
        let states = SlurmBackend.states(fromSqueue: recorded)
        #expect(states["1"] == .ended(.completed))
        #expect(states["2"] == .ended(.failed(exitCode: nil, reason: "Slurm reports the job FAILED (NonZeroExitCode)")))
        #expect(states["3"] == .ended(.cancelled))
        #expect(states["4"] == .ended(.timedOut))
        #expect(states["5"] == .running && states["6"] == .pending)
        #expect(SlurmBackend.states(fromSqueue: "7|COMPLETING|None")["7"] == .running, "a completing job has not ended yet")
    }

    @Test("sacct's parsable lines give the state and the exit code of forgotten jobs")
    func sacct() {
        // The format of `sacct -n -X -P -o JobID,State,ExitCode` (this machine keeps no accounting to record it from).
        let states = SlurmBackend.states(fromSacct: "12|CANCELLED by 0|0:15\n13|TIMEOUT|0:0\n14|FAILED|2:0\n15|COMPLETED|0:0\n")
        #expect(states["12"] == .ended(.cancelled) && states["13"] == .ended(.timedOut) && states["15"] == .ended(.completed))
        guard case .ended(.failed(exitCode: 2, _))? = states["14"] else {
            Issue.record("FAILED with exit code 2 was read as \(String(describing: states["14"]))")
            return
        }
    }

    @Test("PBSBackend refuses to start where PBS is not installed", .enabled(if: !FileManager.default.isExecutableFile(atPath: "/usr/bin/qsub")))
    func pbsUnavailable() async {
        await #expect(throws: BackendError.self) { try await PBSBackend().start() }
    }
}
