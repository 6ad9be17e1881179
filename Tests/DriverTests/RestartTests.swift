import Coupling
import Foundation
import Namelist
import NetCDF
import Testing
import TestSupport

/// Restarts of the default configuration: a run in chunks ends exactly where a straight run
/// ends, restart files are the same bytes on any layout, the restart really is what the
/// continued run starts from, and a crash while a restart is written loses nothing.
@Suite("Restarts", .serialized)
struct RestartTests {
    /// Runs namelist `text` on `ranks` ranks in `dir`, expecting success.
    @discardableResult
    private func run(_ text: String, ranks: Int, in dir: TemporaryDirectory, name: String = "run.nml") throws -> JobResult {
        let path = dir.write(name, text)
        let result = Job.mpirun(ranks: ranks, "coupled-driver", [path, "--rundir", dir.path], timeout: 300)
        #expect(result.exitCode == 0 && !result.timedOut, "run \(name) on \(ranks) ranks failed: \(result.output)")
        try #require(result.exitCode == 0)
        return result
    }

    /// The default configuration for `days` days with daily history, history averaged over
    /// 3 days and the budgets on by default, monthly and annual (their sums are in the restart
    /// set), with the case's table at the run's end, on `ranks` ranks.
    private func defaultRun(days: Int, ranks: Int, restart: (option: String, n: Int)? = nil, continuing: Bool = false)
        -> ConfigurationNamelist {
        var n = ConfigurationNamelist("default")
        n.set("stop_n", "\(days)", in: "seq_timemgr_inparm")
        n.set("history_option", "'ndays'", in: "seq_timemgr_inparm")
        n.set("history_n", "1", in: "seq_timemgr_inparm")
        n.set("histavg_option", "'ndays'", in: "seq_timemgr_inparm")
        n.set("histavg_n", "3", in: "seq_timemgr_inparm")
        n.set("budget_ltend", "1", in: "seq_infodata_inparm")
        if let restart {
            n.set("restart_option", "'\(restart.option)'", in: "seq_timemgr_inparm")
            n.set("restart_n", "\(restart.n)", in: "seq_timemgr_inparm")
        }
        if continuing { n.set("start_type", "'continue'", in: "seq_infodata_inparm") }
        n.allOn(ranks: ranks)
        return n
    }

    /// The files of `dir` whose names contain `marker`, sorted.
    private func files(in dir: TemporaryDirectory, containing marker: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains(marker) && $0.hasSuffix(".nc") }.sorted()
    }

    private func bytes(_ dir: TemporaryDirectory, _ name: String) -> Data? {
        FileManager.default.contents(atPath: dir.path + "/" + name)
    }

    /// The rows of the last budget table of the case at the run's end in `dir`'s `cpl.log`.
    private func caseBudget(_ dir: TemporaryDirectory) throws -> [Substring] {
        let lines = try #require(dir.read("cpl.log")).split(separator: "\n")
        let title = try #require(lines.lastIndex { $0.hasPrefix("budget, mean of the case from its start to the run's end") },
                                 "no case budget in \(dir.path)/cpl.log")
        return Array(lines[(title + 1)...].prefix { !$0.hasPrefix("total water") })
    }

    @Test("a run of 2 x 5 days, the second on another layout, ends exactly where a 10-day run ends, the history averaged over days 4 to 6 included")
    func chunkedRun() throws {
        let straight = TemporaryDirectory("straight10")
        try run(defaultRun(days: 10, ranks: 2, restart: ("ndays", 5)).text, ranks: 2, in: straight)

        let chunked = TemporaryDirectory("chunked")
        try run(defaultRun(days: 5, ranks: 2, restart: ("ndays", 5)).text, ranks: 2, in: chunked, name: "first.nml")
        #expect(chunked.read("rpointer.drv")?.hasPrefix("default.cpl.r.0001-01-06-00000.nc\n") == true)
        var second = defaultRun(days: 5, ranks: 3, restart: ("ndays", 5), continuing: true)
        second.layout(["atm": (3, 2, 0, 1), "lnd": (2, 1, 1, 1), "rof": (1, 1, 2, 1), "ice": (3, 1, 0, 1), "ocn": (1, 2, 2, 1), "cpl": (2, 1, 0, 2)])
        try run(second.text, ranks: 3, in: chunked, name: "second.nml")
        let log = try #require(chunked.read("cpl.log"))
        #expect(log.contains("continuing from the restart set of 0001-01-06-00000"))
        #expect(log.contains("run end: model date 0001-01-11-00000"))

        let history = try files(in: straight, containing: ".h")
        let averaged = try files(in: straight, containing: ".cpl.ha.")
        // Periods of 3 days: the second straddles the restart at the start of day 6.
        #expect(averaged == ["default.cpl.ha.0001-01-03.nc", "default.cpl.ha.0001-01-06.nc", "default.cpl.ha.0001-01-09.nc"])
        #expect(history.count == 10 * 6 + averaged.count, "10 days of coupler and 5 component history files: \(history)")
        #expect(try files(in: chunked, containing: ".h") == history)
        for name in history {
            #expect(bytes(straight, name) == bytes(chunked, name), "\(name) differs between the straight and the chunked run")
        }
        let restarts = try files(in: straight, containing: ".r.0001-01-11")
        #expect(restarts.count == 6)
        for name in restarts {
            #expect(bytes(straight, name) == bytes(chunked, name), "restart \(name) differs between the straight and the chunked run")
        }
        #expect(straight.read("rpointer.drv") == chunked.read("rpointer.drv"))
        // The case's budget goes on from the totals in the restart set.
        let straightBudget = try caseBudget(straight)
        #expect(straightBudget.count > 15)
        #expect(try caseBudget(chunked) == straightBudget, "the case's budget at day 11 differs between the straight and the chunked run")
    }

    @Test("restart files are the same bytes whatever the layout that wrote them")
    func restartBytesOnAnyLayout() throws {
        let layouts: [(Int, [String: (Int, Int, Int, Int)])] = [
            (1, ["atm": (1, 1, 0, 1), "lnd": (1, 1, 0, 1), "rof": (1, 1, 0, 1), "ice": (1, 1, 0, 1), "ocn": (1, 1, 0, 1), "cpl": (1, 1, 0, 1)]),
            (4, ["atm": (4, 1, 0, 1), "lnd": (4, 1, 0, 1), "rof": (2, 1, 0, 1), "ice": (4, 1, 0, 1), "ocn": (2, 1, 2, 1), "cpl": (4, 1, 0, 1)]),
            (3, ["atm": (2, 2, 1, 1), "lnd": (3, 1, 0, 1), "rof": (1, 1, 2, 1), "ice": (1, 1, 2, 1), "ocn": (2, 1, 0, 2), "cpl": (3, 2, 0, 1)]),
        ]
        var reference: (TemporaryDirectory, [String])?
        var referenceBudget: [Substring]?
        for (ranks, pes) in layouts {
            var n = defaultRun(days: 1, ranks: ranks, restart: ("end", 1))
            // 27 hours: the month's budget holds a day, and the exact sums of the next day 3 hours.
            n.set("stop_option", "'nhours'", in: "seq_timemgr_inparm")
            n.set("stop_n", "27", in: "seq_timemgr_inparm")
            n.layout(pes)
            let dir = TemporaryDirectory("restart-bytes")
            try run(n.text, ranks: ranks, in: dir)
            let names = try files(in: dir, containing: ".r.")
            #expect(names.count == 6, "\(names)")
            // Into a 3-day averaging period: the sums so far are in the coupler's restart, and so
            // are the budget's: the month's totals and the exact sums of the day so far, which
            // must then be the same bits on every layout.
            let coupler = try Dataset(openingAt: dir.path + "/default.cpl.r.0001-01-02-10800.nc")
            #expect(try coupler.variable(named: "histavg_a2x_Sa_tbot") != nil, "the coupler restart lacks the averaged history's sums")
            let daySums = try #require(try coupler.attribute("text_budget_day_sums")?.text, "the coupler restart lacks the day's budget sums")
            #expect(daySums.split(separator: " ").filter { !$0.hasSuffix(":0:0:0") && !$0.hasSuffix(":nan") }.count > 20, "\(daySums)")
            #expect(try coupler.attribute("number_budget_month_steps")?.doubles == [48], "a day of 48 steps in the month's budget")
            // The case's budget at the run's end, 3 hours into a day: the same on every layout.
            let budget = try caseBudget(dir)
            #expect(budget.count > 15)
            if let referenceBudget { #expect(budget == referenceBudget, "the case's budget on \(ranks) ranks differs from 1 rank's") }
            referenceBudget = referenceBudget ?? budget
            if let (first, firstNames) = reference {
                #expect(names == firstNames)
                for name in names {
                    #expect(bytes(first, name) == bytes(dir, name), "\(name) written on \(ranks) ranks differs from 1 rank")
                }
            } else {
                reference = (dir, names)
            }
        }
    }

    @Test("a continued run starts from what the restart files hold: a perturbed ocean restart changes the result")
    func perturbedRestart() throws {
        let reference = TemporaryDirectory("unperturbed")
        let perturbed = TemporaryDirectory("perturbed")
        for dir in [reference, perturbed] {
            try run(defaultRun(days: 1, ranks: 2, restart: ("end", 1)).text, ranks: 2, in: dir, name: "first.nml")
        }
        let file = perturbed.path + "/default.ocn.r.0001-01-02-00000.nc"
        let edit = Job.run("/usr/bin/ncap2", ["-O", "-s", "temperature(100,200)=temperature(100,200)+0.5", file, file])
        try #require(edit.exitCode == 0, "\(edit.output)")
        for dir in [reference, perturbed] {
            try run(defaultRun(days: 1, ranks: 2, continuing: true).text, ranks: 2, in: dir, name: "second.nml")
        }
        let name = "default.ocn.h.0001-01-03-00000.nc"
        let comparison = Job.run(Job.product("coupled-driver"), ["compare", reference.path + "/" + name, perturbed.path + "/" + name])
        #expect(comparison.exitCode == 1, "the perturbation should show in the ocean history:\n\(comparison.output)")
        #expect(comparison.standardOutput.contains("state_temperature"))
    }

    @Test("a rank killed while a restart set is written leaves the previous set and rpointer.drv usable", arguments: ["crash", "error"])
    func failureDuringRestartWrite(mode: String) throws {
        func namelist(hours: Int, continuing: Bool, failing: Bool) throws -> String {
            var test = TestNamelist(worldSize: 3, pes: [.ocn: ProcessorSet(ntasks: 1, rootRank: 2)])
            test.stopN = hours
            if failing {
                test.extraGroups = "&test_component_nml fail_component = 'lnd', fail_phase = 'writeRestart', fail_call = 2, "
                    + "fail_rank = 1, fail_mode = '\(mode)' /\n"
            }
            var editor = NamelistEditor(text: test.text, file: "test.nml")
            try editor.set("restart_option", to: "'nhours'", in: "seq_timemgr_inparm")
            try editor.set("restart_n", to: "2", in: "seq_timemgr_inparm")
            try editor.set("history_option", to: "'nhours'", in: "seq_timemgr_inparm")
            try editor.set("history_n", to: "1", in: "seq_timemgr_inparm")
            if continuing { try editor.set("start_type", to: "'continue'", in: "seq_infodata_inparm") }
            return editor.text
        }
        let straight = TemporaryDirectory("straight6h")
        try run(try namelist(hours: 6, continuing: false, failing: false), ranks: 3, in: straight)

        let dir = TemporaryDirectory("crash-in-restart")
        let path = dir.write("failing.nml", try namelist(hours: 6, continuing: false, failing: true))
        let failed = Job.mpirun(ranks: 3, "coupled-driver", [path, "--rundir", dir.path], timeout: 60)
        #expect(!failed.timedOut && failed.exitCode != 0, "\(failed.output)")
        #expect(failed.seconds < 30, "the job took \(failed.seconds) s to end")
        if mode == "error" {
            #expect(failed.standardError.contains("lnd (model 'test') failed on world rank 1 during restart write at model time 0001-01-01-14400"),
                    "\(failed.standardError)")
            #expect(dir.read("cpl.log")?.contains("ERROR: lnd (model 'test') failed on world rank 1 during restart write") == true)
        }
        // The hour-2 set is published; the hour-4 set was being written and must not be.
        let pointer = try #require(dir.read("rpointer.drv"))
        #expect(pointer.hasPrefix("drivertest.cpl.r.0001-01-01-07200.nc\n"), "rpointer.drv: \(pointer)")
        #expect(try files(in: dir, containing: ".r.0001-01-01-14400.nc").allSatisfy { $0.hasSuffix(".incomplete") })
        for name in pointer.split(separator: "\n") {
            #expect(throws: Never.self) { _ = try Dataset(openingAt: dir.path + "/" + name) }
        }

        try run(try namelist(hours: 4, continuing: true, failing: false), ranks: 3, in: dir, name: "continue.nml")
        for hour in 3 ... 6 {
            let name = "drivertest.cpl.hi.0001-01-01-\(hour * 3600 < 10_000 ? "0" : "")\(hour * 3600).nc"
            let a = bytes(straight, name), b = bytes(dir, name)
            #expect(a != nil && a == b, "\(name) differs from the straight run's")
        }
    }
}
