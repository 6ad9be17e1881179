import Foundation
import LoadBalancing
import Testing
import TestSupport

/// `coupled-driver ensemble` end to end: members as jobs of their own through the local and
/// mpirun backends (Slurm: `CommandsOnSlurmTests`), one member failing once and retried from
/// its restart, an interrupted ensemble resumed without rerunning what finished, `--status`,
/// and clear refusals before anything is submitted.
@Suite("coupled-driver ensemble", .serialized)
struct EnsembleCommandTests {
    /// A one-rank configuration of test components, `days` long, writing a restart set every 6
    /// hours; the ocean fails on purpose at its run call `fail_call` (hourly calls), which the
    /// ensemble sets per member.
    static func namelist(days: Int) -> String {
        """
        &cime_pes
          atm_ntasks = 1, lnd_ntasks = 1, ice_ntasks = 1, ocn_ntasks = 1, cpl_ntasks = 1
        /
        &seq_timemgr_inparm
          calendar = 'NO_LEAP', start_ymd = 10101, start_tod = 0
          atm_cpl_dt = 1800, lnd_cpl_dt = 1800, ice_cpl_dt = 3600, ocn_cpl_dt = 3600
          stop_option = 'ndays', stop_n = \(days)
          restart_option = 'nhours', restart_n = 6
        /
        &seq_infodata_inparm case_name = 'ens' /
        &components atm = 'test', lnd = 'test', ice = 'test', ocn = 'test' /
        &test_component_nml
          fail_component = 'ocn', fail_phase = 'run', fail_call = 100000
        /

        """
    }

    /// Runs `coupled-driver ensemble` with `arguments`.
    static func ensemble(_ arguments: [String], timeout: Double = 300) -> JobResult {
        Job.run(Job.product("coupled-driver"), ["ensemble"] + arguments, timeout: timeout)
    }

    /// Four members of a 2-day run; member 3 fails at its 30th ocean call (hour 30), after its
    /// restart at hour 24 — with an error, or (`crash`) by its rank dying as on a lost node.
    /// Retried from that restart, it has only 24 hours left: it does not reach a 30th call
    /// again, so it completes — which it could not if the retry started over.
    static func expectRetriedFromRestart(backend: [String], failMode: String = "error") throws {
        let folder = TemporaryDirectory("ensemble")
        let namelist = folder.write("ens.nml", namelist(days: 2).replacingOccurrences(of: "fail_call = 100000", with: "fail_call = 100000, fail_mode = '\(failMode)'"))
        let result = ensemble([namelist, "--set", "fail_call=1000,1000,30,1000", "--retries", "1", "--output", folder.path + "/out"] + backend)
        #expect(result.exitCode == 0 && !result.timedOut, "\(result.output)")
        #expect(result.standardOutput.contains("member_0003 waiting: retry 1 after failed ("), "\(result.standardOutput)")
        #expect(result.standardOutput.contains("continuing from its last restart"))
        #expect(result.standardOutput.split(separator: "\n").last == "4 members: 4 completed; 1 retry", "\(result.standardOutput)")

        let status = try EnsembleStatus.read(from: folder.path + "/out/ensemble.json")
        #expect(status.members.map(\.state) == [.completed, .completed, .completed, .completed])
        #expect(status.members.map(\.retries) == [0, 0, 1, 0])
        #expect(status.members.map(\.attempts) == [1, 1, 2, 1])
        #expect(status.members.allSatisfy { $0.modelDate == "0001-01-03-00000" }, "\(status.members.map(\.modelDate))")
        #expect(status.members[2].member.values == ["test_component_nml.fail_call": "30"])

        // The retry started from the restart of 0001-01-02 (its second initialize), and the
        // first attempt's logs were kept.
        let member3 = folder.path + "/out/member_0003"
        #expect(try Self.oceanStarts(in: member3) == ["0001-01-01-00000", "0001-01-02-00000"])
        let firstLog = try String(contentsOfFile: member3 + "/attempt_0001/cpl.log", encoding: .utf8)
        #expect(firstLog.contains("model date 0001-01-02-00000") && !firstLog.contains("SUCCESSFUL TERMINATION"),
                "the first attempt's cpl.log is kept: \(firstLog.suffix(300))")
        if failMode == "error" { #expect(firstLog.contains("failing on purpose in run")) }
        // Retried from its restart, member 3 ends with the same bytes as member 1, which ran straight.
        for kind in ["cpl", "atm", "lnd", "ice", "ocn"] {
            let name = "ens.\(kind).r.0001-01-03-00000.nc"
            let straight = try Data(contentsOf: URL(fileURLWithPath: folder.path + "/out/member_0001/" + name))
            let retried = try Data(contentsOf: URL(fileURLWithPath: member3 + "/" + name))
            #expect(straight == retried, "\(name) differs between the straight member and the retried one")
        }

        // The backend and its launcher are kept for --resume.
        let kept = try #require(folder.read("out/backend.json"))
        #expect(kept.contains("\"backend\" : \"\(backend[1])\""), "\(kept)")

        let shown = ensemble(["--status", folder.path + "/out"])
        #expect(shown.exitCode == 0, "\(shown.output)")
        #expect(shown.standardOutput.contains("member_0003  completed    0001-01-03-00000"), "\(shown.standardOutput)")
        #expect(shown.standardOutput.hasSuffix("4 members: 4 completed; 1 retry\n"))
    }

    @Test("mpirun backend: 4 members, one fails once and is retried from its restart; the summary counts the retry")
    func mpirunBackend() throws {
        try Self.expectRetriedFromRestart(backend: ["--backend", "mpirun"])
    }

    @Test("local backend: the same ensemble, one member after another, member 3's rank dying as on a lost node")
    func localBackend() throws {
        try Self.expectRetriedFromRestart(backend: ["--backend", "local"], failMode: "crash")
    }

    @Test("a member that keeps failing fails the ensemble's exit status but not the other members")
    func memberFailingForGood() throws {
        let folder = TemporaryDirectory("ensemble-failing")
        let namelist = folder.write("ens.nml", Self.namelist(days: 1))
        let result = Self.ensemble([namelist, "--set", "fail_call=1000,3", "--retries", "1", "--output", folder.path + "/out", "--backend", "local",
                                    "--mpirun", "/usr/bin/mpirun"])
        #expect(result.exitCode == 1, "\(result.output)")
        let status = try EnsembleStatus.read(from: folder.path + "/out/ensemble.json")
        #expect(status.members.map(\.state) == [.completed, .failed])
        #expect(status.members[1].attempts == 2 && status.members[1].retries == 1)
        #expect(result.standardOutput.contains("2 members: 1 completed, 1 failed; 1 retry"), "\(result.standardOutput)")
        // Member 2 had no restart when it failed (hour 3, restarts every 6 hours): its retry started over.
        #expect(result.standardOutput.contains("retry 1 after failed (exit code 1: mpirun exited with status 1), from the start (no restart yet)"))

        // Resumed, the failed member runs once more — with no retry left, the one it had being used — and fails
        // again; the completed one does not run.
        let resumed = Self.ensemble(["--resume", folder.path + "/out", "--retries", "0"])
        #expect(resumed.exitCode == 1, "\(resumed.output)")
        let after = try EnsembleStatus.read(from: folder.path + "/out/ensemble.json")
        #expect(after.definition.maxRetries == 0)
        #expect(after.members.map(\.attempts) == [1, 3] && after.members.map(\.state) == [.completed, .failed])
        // --resume ran it through the ensemble's own backend and mpirun, given only the first time.
        let record = try JobRecord.read(from: folder.path + "/out/member_0002/job/record.json")
        #expect(record.backend == "local" && record.command?.first == "/usr/bin/mpirun", "\(record)")
    }

    /// How the ensemble process ends in `resumeAfterKill`.
    enum Kill: String, CaseIterable, CustomTestStringConvertible {
        /// SIGTERM: the ensemble cancels its jobs and exits with 130.
        case terminated
        /// SIGKILL: member 2's job goes on running without it.
        case killed
        /// SIGKILL, and member 2's job runs to its end before the ensemble is resumed.
        case killedAndMemberFinished
        var testDescription: String { rawValue }
    }

    @Test("a killed ensemble resumes: the members that completed are not run again, the interrupted one continues from its restart",
          arguments: Kill.allCases)
    func resumeAfterKill(kill how: Kill) throws {
        let folder = TemporaryDirectory("ensemble-resume")
        let namelist = folder.write("ens.nml", Self.namelist(days: 20))
        let output = folder.path + "/out"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Job.product("coupled-driver"))
        process.arguments = ["ensemble", namelist, "--members", "3", "--max-parallel", "1", "--backend", "mpirun", "--output", output]
        process.environment = Job.mpiEnvironment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Kill the ensemble once member 1 has completed and member 2 has written a restart.
        let deadline = Date().addingTimeInterval(120)
        var ready = false
        while !ready, Date() < deadline {
            ready = (try? EnsembleStatus.read(from: output + "/ensemble.json"))?.members[0].state == .completed
                && FileManager.default.fileExists(atPath: output + "/member_0002/rpointer.drv")
            if !ready { Thread.sleep(forTimeInterval: 0.05) }
        }
        try #require(ready, "member 1 did not complete, or member 2 wrote no restart, within 120 s")
        kill(process.processIdentifier, how == .terminated ? SIGTERM : SIGKILL)
        process.waitUntilExit()
        let killed = try EnsembleStatus.read(from: output + "/ensemble.json")
        let leftover = Self.processes(naming: output + "/member_0002")
        if how == .killedAndMemberFinished {
            #expect(!leftover.isEmpty, "member 2's job outlives the killed ensemble")
            let end = Date().addingTimeInterval(60)
            while !Self.processes(naming: output + "/member_0002").isEmpty, Date() < end { Thread.sleep(forTimeInterval: 0.05) }
            let resumed = Self.ensemble(["--resume", output])
            #expect(resumed.exitCode == 0, "\(resumed.output)")
            let status = try EnsembleStatus.read(from: output + "/ensemble.json")
            #expect(status.members.map(\.state) == [.completed, .completed, .completed])
            #expect(status.members.map(\.attempts) == [1, 1, 1], "member 2 finished unwatched: it is not run again")
            #expect(!FileManager.default.fileExists(atPath: output + "/member_0002/attempt_0001"))
            return
        }
        if how == .terminated {
            #expect(process.terminationStatus == 128 + SIGTERM, "the ensemble interrupted by SIGTERM exits with 143")
            #expect(killed.members.map(\.state) == [.completed, .interrupted, .waiting], "\(killed.members.map(\.state))")
            #expect(leftover.isEmpty, "the interrupted ensemble cancelled member 2's job")
        } else {
            #expect(killed.members.map(\.state) == [.completed, .running, .waiting], "\(killed.members.map(\.state))")
            #expect(!leftover.isEmpty, "member 2's job outlives the killed ensemble")
        }
        let finishedRecord = try Data(contentsOf: URL(fileURLWithPath: output + "/member_0001/job/record.json"))
        let finishedLog = try Data(contentsOf: URL(fileURLWithPath: output + "/member_0001/cpl.log"))

        let resumed = Self.ensemble(["--resume", output])
        #expect(resumed.exitCode == 0, "\(resumed.output)")
        let status = try EnsembleStatus.read(from: output + "/ensemble.json")
        #expect(status.members.map(\.state) == [.completed, .completed, .completed])
        #expect(status.members.map(\.attempts) == [1, 2, 1], "member 1 ran once, member 2 twice, member 3 once")
        #expect(status.members.map(\.retries) == [0, 0, 0], "an interruption is not a retry")
        #expect(try Data(contentsOf: URL(fileURLWithPath: output + "/member_0001/job/record.json")) == finishedRecord)
        #expect(try Data(contentsOf: URL(fileURLWithPath: output + "/member_0001/cpl.log")) == finishedLog)
        // The job the killed ensemble left behind was ended, not left to finish beside the new one.
        let oldLog = try String(contentsOfFile: output + "/member_0002/attempt_0001/cpl.log", encoding: .utf8)
        #expect(!oldLog.contains("SUCCESSFUL TERMINATION"), "member 2's first job was ended before it was run again")
        #expect(Self.processes(naming: output + "/member_0002").isEmpty, "no process of member 2's first job is left")
        let starts = try Self.oceanStarts(in: output + "/member_0002")
        #expect(starts.count == 2 && starts.last != "0001-01-01-00000", "member 2 continued from a restart: \(starts)")
        for kind in ["cpl", "ocn"] {
            let name = "ens.\(kind).r.0001-01-21-00000.nc"
            #expect(try Data(contentsOf: URL(fileURLWithPath: output + "/member_0001/" + name))
                == Data(contentsOf: URL(fileURLWithPath: output + "/member_0002/" + name)), "\(name)")
        }
    }

    /// The model date each run in `runDirectory` started its ocean at, from the test component's call record.
    static func oceanStarts(in runDirectory: String) throws -> [String] {
        try String(contentsOfFile: runDirectory + "/calls.rank0.txt", encoding: .utf8).split(separator: "\n")
            .filter { $0.hasPrefix("ocn initialize ") }.map { String($0.split(separator: " ")[2]) }
    }

    /// The processes whose command line names `path` (a member's run directory).
    static func processes(naming path: String) -> [Int32] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap { entry -> Int32? in
            guard let pid = Int32(entry), let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline") else { return nil }
            return String(decoding: data, as: UTF8.self).contains(path) ? pid : nil
        }
    }

    @Test("a member that fails after its last restart, at its stop date, starts over on its retry (nothing is left to continue)")
    func failureAfterLastRestart() throws {
        let folder = TemporaryDirectory("ensemble-last-restart")
        let namelist = folder.write("ens.nml", Self.namelist(days: 1))
        // Member 2 fails in its finalize, after the restart set of its stop date (restarts every 6 hours of 1 day).
        let result = Self.ensemble([namelist, "--set", "fail_phase='run','finalize'", "--set", "fail_call=100000,1", "--retries", "1",
                                    "--output", folder.path + "/out", "--backend", "mpirun"])
        #expect(result.exitCode == 1, "\(result.output)")
        let status = try EnsembleStatus.read(from: folder.path + "/out/ensemble.json")
        #expect(status.members.map(\.state) == [.completed, .failed])
        #expect(status.members[1].attempts == 2)
        let member2 = folder.path + "/out/member_0002"
        #expect(try Self.oceanStarts(in: member2) == ["0001-01-01-00000", "0001-01-01-00000"], "the retry started over")
        let log = try String(contentsOfFile: member2 + "/cpl.log", encoding: .utf8)
        #expect(log.contains("failing on purpose in finalize") && !log.contains("is not after the restart time"), "\(log)")
    }

    @Test("one process at a time runs an ensemble: a second one is refused, naming the lock")
    func oneProcessAtATime() throws {
        let folder = TemporaryDirectory("ensemble-lock")
        let namelist = folder.write("ens.nml", Self.namelist(days: 20))
        let output = folder.path + "/out"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Job.product("coupled-driver"))
        process.arguments = ["ensemble", namelist, "--members", "1", "--output", output]
        process.environment = Job.mpiEnvironment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { process.waitUntilExit() }
        let deadline = Date().addingTimeInterval(60)
        while (try? EnsembleStatus.read(from: output + "/ensemble.json"))?.members[0].state != .running, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.02)
        }
        let second = Self.ensemble(["--resume", output])
        #expect(second.exitCode != 0)
        #expect(second.standardError.contains("out/.lock: another coupled-driver ensemble process is running this ensemble"), "\(second.output)")
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "the first process was not disturbed")
    }

    @Test("bad input is refused before anything is submitted, naming the setting, member or folder", arguments: [
        (["--set", "nosuchkey=1,2"], "nosuchkey: no group of"),
        (["--set", "fail_call=1,2,3", "--members", "2"], "3 values for 2 members"),
        (["--set", "test_component_nml.nlat=4,0"], "member_0002: its namelist has problems"),
        (["--perturb", "fail_call=uniform(1,2)"], "give --members N"),
        (["--members", "2", "--backend", "lsf"], "unknown backend 'lsf'"),
    ])
    func refused(arguments: [String], expected: String) throws {
        let folder = TemporaryDirectory("ensemble-refused")
        let namelist = folder.write("ens.nml", Self.namelist(days: 1))
        let result = Self.ensemble([namelist, "--output", folder.path + "/out"] + arguments)
        #expect(result.exitCode != 0)
        #expect(result.standardError.contains(expected), "\(result.output)")
        #expect(!folder.exists("out/member_0001/job"), "nothing was submitted")
    }

    @Test("in a terminal the status is a table redrawn in place; members without restarts are warned about before they run")
    func terminalDisplay() throws {
        let folder = TemporaryDirectory("ensemble-terminal")
        let namelist = folder.write("ens.nml", Self.namelist(days: 1).replacingOccurrences(of: "'nhours'", with: "'never'"))
        // `script` (util-linux, in every Debian) runs the command with a pseudo-terminal as its output.
        let command = [Job.product("coupled-driver"), "ensemble", namelist, "--members", "2", "--retries", "1", "--output", folder.path + "/out"]
        let result = Job.run("/usr/bin/script", ["-qec", command.joined(separator: " "), "/dev/null"])
        #expect(result.exitCode == 0, "\(result.output)")
        #expect(result.standardOutput.contains("warning: the members write no restart set (restart_option 'never' or 'none'): a retry starts the run over"),
                "\(result.standardOutput)")
        // Each redraw moves the cursor up over the table and summary (3 + 1 lines) and clears below.
        #expect(result.standardOutput.contains("\u{1B}[4F\u{1B}[J"), "no redraw in \(result.standardOutput.debugDescription)")
        #expect(result.standardOutput.contains("member       state        model date"))
        #expect(!result.standardOutput.contains(" member_0001 running ("), "a terminal gets the table, not log lines")
        #expect(result.standardOutput.hasSuffix("2 members: 2 completed; 0 retries\r\n"), "\(result.standardOutput.suffix(200).debugDescription)")
    }

    @Test("a folder that holds an ensemble is not made again; --status and --resume of a folder without one say so")
    func folders() throws {
        let folder = TemporaryDirectory("ensemble-folders")
        let namelist = folder.write("ens.nml", Self.namelist(days: 1))
        let first = Self.ensemble([namelist, "--members", "1", "--output", folder.path + "/out"])
        #expect(first.exitCode == 0, "\(first.output)")
        let again = Self.ensemble([namelist, "--members", "1", "--output", folder.path + "/out"])
        #expect(again.exitCode != 0 && again.standardError.contains("it holds an ensemble already; continue it with --resume"), "\(again.output)")
        let mixed = Self.ensemble(["--resume", folder.path + "/out", "--set", "fail_call=1"])
        #expect(mixed.exitCode != 0 && mixed.standardError.contains("--set describes a new ensemble: give it with a NAMELIST"), "\(mixed.output)")
        for option in ["--status", "--resume"] {
            let missing = Self.ensemble([option, folder.path + "/none"])
            #expect(missing.exitCode != 0 && missing.standardError.contains("none/ensemble.json: no ensemble to read"), "\(missing.output)")
        }
    }
}
