import Coupling
import Foundation
import Testing
import TestSupport

/// Jobs that would hang end: the hang watchdog reports where every rank waits, and a rank
/// that dies takes the job down with it.
@Suite("Hangs and dying ranks", .serialized)
struct WatchdogTests {
    /// Runs a 3-rank test-component job (ocean on rank 2 alone) where `component` hangs on
    /// `rank` in `phase` (its second run by default), with `hang_timeout = 3`.
    private func hangingJob(_ component: String, rank: Int, phase: String = "run", call: Int = 2) -> (JobResult, String) {
        let dir = TemporaryDirectory("hang")
        var namelist = TestNamelist(worldSize: 3, pes: [.ocn: ProcessorSet(ntasks: 1, rootRank: 2)])
        namelist.extraGroups = "&test_component_nml fail_component = '\(component)', fail_phase = '\(phase)', fail_rank = \(rank), "
            + "fail_call = \(call), fail_mode = 'hang' /\n"
        let text = namelist.text.replacingOccurrences(of: "case_name = 'drivertest'", with: "case_name = 'drivertest', hang_timeout = 3")
        let path = dir.write("hang.nml", text)
        let result = Job.mpirun(ranks: 3, "coupled-driver", [path, "--rundir", dir.path], timeout: 60)
        return (result, dir.read("cpl.log") ?? "")
    }

    private func expectEnded(_ result: JobResult) {
        #expect(!result.timedOut, "the job hung")
        #expect(result.exitCode != 0)
        #expect(result.seconds < 30, "the job took \(result.seconds) s to end")
    }

    @Test("a component hanging on one rank: every rank says where it waits in cpl.log, and the job ends")
    func hangingAtmosphere() {
        let (result, log) = hangingJob("atm", rank: 1)
        expectEnded(result)
        let reports = log.split(separator: "\n").filter { $0.hasPrefix("HANG: ") }
        #expect(reports.count == 3, "one report per rank:\n\(log)")
        #expect(reports.contains {
            $0.contains("world rank 1 of 3: the driver step at model time 0001-01-01-01800 has taken")
                && $0.contains("this rank is running atm (model 'test') from 0001-01-01-01800 to 0001-01-01-03600")
        }, "\(reports)")
        #expect(log.contains("The job is being ended by the hang watchdog"))
        #expect(result.standardError.contains("HANG: world rank 1 of 3"))
    }

    @Test("an ocean hanging on its own rank: the others report waiting for the exchange with it")
    func hangingOcean() {
        let (result, log) = hangingJob("ocn", rank: 2)
        expectEnded(result)
        let reports = log.split(separator: "\n").filter { $0.hasPrefix("HANG: ") }
        #expect(reports.count == 3, "one report per rank:\n\(log)")
        #expect(reports.contains { $0.contains("world rank 2 of 3") && $0.contains("running ocn (model 'test')") })
        for rank in [0, 1] {
            #expect(reports.contains {
                $0.contains("world rank \(rank) of 3") && $0.contains("exchanging fields with ocn (world ranks 2)")
            }, "rank \(rank) should wait for the ocean: \(reports)")
        }
    }

    @Test("a component hanging in initialize: the watchdog covers initialisation and names it")
    func hangingInitialize() {
        let (result, log) = hangingJob("lnd", rank: 1, phase: "initialize", call: 1)
        expectEnded(result)
        let reports = log.split(separator: "\n").filter { $0.hasPrefix("HANG: ") }
        #expect(reports.contains {
            $0.contains("world rank 1 of 3: initialisation has taken") && $0.contains("more than hang_timeout = 3.0 s")
                && $0.contains("this rank is initializing lnd (model 'test')")
        }, "\(log)")
        #expect(log.contains("The job is being ended by the hang watchdog"))
        #expect(!log.contains("SUCCESSFUL TERMINATION"))
    }

    @Test("a component hanging in finalize: the watchdog covers finalisation and names it")
    func hangingFinalize() {
        let (result, log) = hangingJob("ocn", rank: 2, phase: "finalize", call: 1)
        expectEnded(result)
        let reports = log.split(separator: "\n").filter { $0.hasPrefix("HANG: ") }
        #expect(reports.contains {
            $0.contains("world rank 2 of 3: finalisation has taken") && $0.contains("this rank is finalizing ocn (model 'test')")
        }, "\(log)")
        for rank in [0, 1] {
            #expect(reports.contains { $0.contains("world rank \(rank) of 3: finalisation has taken") && $0.contains("final barrier") },
                    "rank \(rank) should wait in the final barrier: \(reports)")
        }
        #expect(log.contains("The job is being ended by the hang watchdog"))
    }

    @Test("a run whose steps stay within hang_timeout is not disturbed by the watchdog")
    func quickStepsPass() {
        let dir = TemporaryDirectory("quick")
        var namelist = TestNamelist(worldSize: 2)
        namelist.stopN = 24
        let text = namelist.text.replacingOccurrences(of: "case_name = 'drivertest'", with: "case_name = 'drivertest', hang_timeout = 2")
        let path = dir.write("ok.nml", text)
        let result = Job.mpirun(ranks: 2, "coupled-driver", [path, "--rundir", dir.path], timeout: 60)
        #expect(result.exitCode == 0, "\(result.output)")
        #expect(dir.read("cpl.log")?.contains("HANG") == false)
    }

    @Test("a rank that dies (SIGKILL) in the middle of a run ends the job within 30 s", arguments: [2, 4])
    func killedRank(ranks: Int) throws {
        let dir = TemporaryDirectory("kill")
        var namelist = ConfigurationNamelist("default")
        namelist.set("stop_n", "60", in: "seq_timemgr_inparm")
        namelist.set("history_option", "'never'", in: "seq_timemgr_inparm")
        namelist.set("hang_timeout", "600", in: "seq_infodata_inparm")
        namelist.allOn(ranks: ranks)
        let path = dir.write("long.nml", namelist.text)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/mpirun")
        process.arguments = ["--oversubscribe", "-n", "\(ranks)", Job.product("coupled-driver"), path, "--rundir", dir.path]
        process.environment = Job.mpiEnvironment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        // Wait until the run has made a day of progress, then kill the last rank.
        let started = Date()
        while !(dir.read("cpl.log")?.contains("0001-01-02") ?? false) {
            try #require(process.isRunning && Date().timeIntervalSince(started) < 120, "the run did not get going")
            Thread.sleep(forTimeInterval: 0.1)
        }
        let children = Job.run("/usr/bin/pgrep", ["-P", "\(process.processIdentifier)", "-f", "coupled-driver"], environment: [:])
        let ranks = children.standardOutput.split(separator: "\n").compactMap { Int32($0) }.sorted()
        let victim = try #require(ranks.last, "no rank processes found: \(children.output)")
        let killed = Date()
        kill(victim, SIGKILL)
        while process.isRunning && Date().timeIntervalSince(killed) < 60 { Thread.sleep(forTimeInterval: 0.1) }
        let seconds = Date().timeIntervalSince(killed)
        #expect(!process.isRunning, "the job was still running 60 s after a rank died")
        #expect(seconds < 30, "the job took \(seconds) s to end after a rank died")
        process.waitUntilExit()
        #expect(process.terminationStatus != 0)
        #expect(dir.read("cpl.log")?.contains("SUCCESSFUL TERMINATION") == false)
    }
}
