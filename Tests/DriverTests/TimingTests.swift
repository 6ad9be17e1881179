import Driver
import Foundation
import FoundationXML
import Testing
import TestSupport

/// The timing files of a run: numbers that add up, the timeline and layout pictures, and
/// `coupled-driver timing` to read them back and compare runs.
@Suite("Timing reports", .serialized)
struct TimingTests {
    /// Two days of the default configuration with run barriers, on `ranks` ranks.
    private func run(ranks: Int) throws -> TemporaryDirectory {
        let dir = TemporaryDirectory("timing")
        var namelist = ConfigurationNamelist("default")
        namelist.set("stop_n", "2", in: "seq_timemgr_inparm")
        namelist.set("run_barriers", ".true.", in: "seq_infodata_inparm")
        namelist.allOn(ranks: ranks)
        let path = dir.write("timing.nml", namelist.text)
        let result = Job.mpirun(ranks: ranks, "coupled-driver", [path, "--rundir", dir.path], timeout: 300)
        try #require(result.exitCode == 0, "\(result.output)")
        return dir
    }

    @Test("the summary's numbers add up, and the timeline shows every group inside its window")
    func numbersAddUp() throws {
        let dir = try run(ranks: 2)
        let report = try TimingReport.read(from: dir.path)
        #expect(report.simulatedDays == 2)
        #expect(report.worldSize == 2)
        #expect(abs(report.secondsPerSimulatedDay - report.runSeconds / 2) <= 1e-9 * report.runSeconds)
        #expect(abs(report.simulatedYearsPerDay - 86_400 / report.secondsPerSimulatedDay / 365) <= 1e-9 * report.simulatedYearsPerDay)
        #expect(abs(report.processorHoursPerSimulatedYear - 2 * report.runSeconds / 3600 / (2.0 / 365)) <= 1e-9 * report.processorHoursPerSimulatedYear)
        for component in report.components {
            #expect(component.runSeconds > 0, "\(component.name) has no run time")
            #expect(component.runSeconds <= report.runSeconds, "\(component.name) ran longer than the run loop")
        }
        let byName = Dictionary(uniqueKeysWithValues: report.timers.map { ($0.name, $0) })
        let runs = ["atm", "lnd", "ice", "ocn"].map { byName["\($0) run"]!.maximumSeconds }
        #expect(runs.reduce(0, +) + report.couplerSeconds <= report.runSeconds * 1.0001, "components and coupler share the same ranks here")
        for kind in ["atm", "lnd", "ice", "ocn"] {
            let barrier = try #require(byName["\(kind) run barrier"], "run_barriers = .true. times a barrier before each run")
            #expect(barrier.calls == byName["\(kind) run"]!.calls)
        }
        #expect(report.couplerShare > 0 && report.couplerShare < 1)
        #expect(report.components.allSatisfy { $0.peakMemoryMiB > 10 }, "peak memory per component")

        // The timeline: two ocean intervals (4 steps of 48 per day) after the first one.
        #expect(report.timelineSteps == "steps 3-6 of 96")
        let span = report.timeline.map(\.end).max() ?? 0
        for group in ["atm", "lnd", "ice", "ocn", "cpl"] {
            let bars = report.timeline.filter { $0.group.rawValue == group }
            #expect(!bars.isEmpty, "no bars for \(group)")
            #expect(bars.allSatisfy { $0.start >= 0 && $0.end >= $0.start && $0.label.hasPrefix(group + " ") })
        }
        #expect(report.timeline.filter { $0.label == "atm run" }.count == 4)
        #expect(report.timeline.filter { $0.label == "ocn run" }.count == 2)
        #expect(span > 0 && span < report.runSeconds)

        for picture in ["timeline.svg", "layout.svg"] {
            let data = try #require(FileManager.default.contents(atPath: dir.path + "/timing/" + picture))
            #expect(XMLParser(data: data).parse(), "\(picture) is not well-formed XML")
        }
        let log = try #require(dir.read("cpl.log"))
        let progress = log.split(separator: "\n").filter { $0.hasPrefix("model date ") }
        #expect(progress.count == 2 && progress.allSatisfy { $0.contains(" done in ") })
    }

    @Test("coupled-driver timing prints the summary, redraws the pictures and compares two runs")
    func timingCommand() throws {
        let two = try run(ranks: 2), one = try run(ranks: 1)
        try FileManager.default.removeItem(atPath: two.path + "/timing/timeline.svg")
        let summary = Job.run(Job.product("coupled-driver"), ["timing", two.path])
        #expect(summary.exitCode == 0, "\(summary.output)")
        #expect(summary.standardOutput.hasPrefix(try #require(two.read("timing/summary.txt"))))
        #expect(two.exists("timing/timeline.svg"))

        let comparison = Job.run(Job.product("coupled-driver"), ["timing", one.path, "--compare", two.path])
        #expect(comparison.exitCode == 0, "\(comparison.output)")
        let a = try TimingReport.read(from: one.path), b = try TimingReport.read(from: two.path)
        let line = try #require(comparison.standardOutput.split(separator: "\n").first { $0.hasPrefix("run loop, seconds") })
        let ratio = try #require(Double(line.split(separator: " ").last!))
        #expect(abs(ratio - b.runSeconds / a.runSeconds) < 0.001)
        let atm = try #require(comparison.standardOutput.split(separator: "\n").first { $0.hasPrefix("  atm ") })
        #expect(atm.contains("1 x 1 from 0") && atm.contains("2 x 1 from 0"), "\(atm)")

        let missing = Job.run(Job.product("coupled-driver"), ["timing", "/nonexistent/run"])
        #expect(missing.exitCode != 0)
        #expect(missing.standardError.contains("/nonexistent/run/timing/timing.json cannot be read"))
    }
}
