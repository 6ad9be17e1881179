import Foundation
import NetCDF
import Testing
import TestSupport
import TimeManager
import Driver

/// The coupler's time-averaged history (`histavg_option`): each field of a `cpl.ha` file is the
/// mean of the instantaneous values over the driver steps of its period, with CF time bounds and
/// `cell_methods`; the `histavg_*` switches leave a component's bundles out. Exactness across
/// restarts and layouts is checked by RestartTests, whose runs average over 3 days.
@Suite("Time-averaged coupler history", .serialized)
struct AveragedHistoryTests {
    /// The default configuration on 2 ranks for 3 hours, with coupler history every driver step
    /// (30 minutes) and averaged history every 90 minutes without the ocean's bundles. Made once.
    struct Run: Sendable {
        let directory: String

        static let shared: Result<Run, FixtureError> = make()

        private static func make() -> Result<Run, FixtureError> {
            // Kept for the process's tests (a TemporaryDirectory would go with this function).
            let root = FileManager.default.temporaryDirectory.appendingPathComponent("coupled-driver-histavg-\(UUID().uuidString)").path
            try? FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
            var namelist = ConfigurationNamelist("default")
            namelist.allOn(ranks: 2)
            for (key, value) in [("stop_option", "'nhours'"), ("stop_n", "3"), ("history_option", "'nsteps'"), ("history_n", "1"),
                                 ("histavg_option", "'nminutes'"), ("histavg_n", "90")] {
                namelist.set(key, value, in: "seq_timemgr_inparm")
            }
            namelist.set("histavg_ocn", ".false.", in: "seq_infodata_inparm")
            let path = root + "/histavg.nml"
            try? namelist.text.write(toFile: path, atomically: true, encoding: .utf8)
            let result = Job.mpirun(ranks: 2, "coupled-driver", [path, "--rundir", root + "/run"], timeout: 300)
            guard result.exitCode == 0, !result.timedOut else { return .failure(FixtureError("the averaged-history run failed: \(result.output)")) }
            return .success(Run(directory: root + "/run"))
        }

        /// The coupler's instantaneous history at `seconds` into the run.
        func instantaneous(at seconds: Int) throws -> Dataset {
            try Dataset(openingAt: directory + "/default.cpl.hi.0001-01-01-\(String(format: "%05d", seconds)).nc")
        }
    }

    @Test("each field is the mean of the instantaneous history over the period's driver steps")
    func meanOfInstantaneous() throws {
        let run = try Run.shared.get()
        for (period, end) in [(0, 5400), (1, 10_800)] {
            let averaged = try Dataset(openingAt: run.directory + "/default.cpl.ha.0001-01-01-\(String(format: "%05d", end)).nc")
            let steps = try stride(from: end - 5400 + 1800, through: end, by: 1800).map { try run.instantaneous(at: $0) }
            let time = try averaged.requireVariable("time")
            var compared = 0
            for variable in try averaged.variables() where variable.dimensions.first == time.dimensions.first && variable.name != "time"
                && variable.name != "time_bnds" {
                // Summed in step order and divided by the count, as the coupler does, independently of it.
                var sum = [Double]()
                for step in steps {
                    let values: [Double] = try step.read(try step.requireVariable(variable.name))
                    sum = sum.isEmpty ? values : zip(sum, values).map(+)
                }
                let mean = sum.map { $0 / Double(steps.count) }
                let written: [Double] = try averaged.read(variable)
                #expect(written == mean, "\(variable.name) in period \(period): largest difference \(zip(written, mean).map { abs($0 - $1) }.max() ?? 0)")
                #expect(try averaged.attribute("cell_methods", of: variable)?.text == "time: mean", "\(variable.name)")
                compared += 1
            }
            #expect(compared > 100, "only \(compared) fields were averaged")
            let bounds: [Double] = try averaged.read(try averaged.requireVariable("time_bnds"))
            #expect(bounds == [Double(end - 5400) / 86_400, Double(end) / 86_400])
            #expect(try averaged.read(time) == [(bounds[0] + bounds[1]) / 2])
            #expect(try averaged.attribute("bounds", of: time)?.text == "time_bnds")
        }
    }

    @Test("histavg_ocn = .false. leaves out what the ocean sent and was sent; the instantaneous history keeps them")
    func switchesLeaveBundlesOut() throws {
        let run = try Run.shared.get()
        let averaged = try Dataset(openingAt: run.directory + "/default.cpl.ha.0001-01-01-05400.nc")
        let names = try averaged.variables().map(\.name)
        #expect(!names.contains { $0.hasPrefix("o2x_") || $0.hasPrefix("x2o_") }, "\(names)")
        #expect(names.contains("a2x_Sa_tbot") && names.contains("xao_Faox_lat") && names.contains("fractions_o_ifrac"), "\(names)")
        let instantaneous = try run.instantaneous(at: 5400).variables().map(\.name)
        #expect(instantaneous.contains { $0.hasPrefix("o2x_") } && instantaneous.contains { $0.hasPrefix("x2o_") })
        let log = try String(contentsOfFile: run.directory + "/cpl.log", encoding: .utf8)
        #expect(log.contains("histavg alarm: write averaged history"))
        #expect(log.contains("wrote default.cpl.ha.0001-01-01-10800.nc, the mean of the period ending 0001-01-01-10800"))
    }

    @Test("a period of years, months or days names its file after the year, month or last day it covers, as cpl7 does")
    func fileNames() {
        let end = ModelDate(year: 2, month: 1, day: 1), last = ModelDate(year: 1, month: 12, day: 31, secondOfDay: 84_600)
        #expect(RunFileNames.averagedHistory(caseName: "c", period: .nyears, end: end, lastStepStart: last, instance: .only) == "c.cpl.ha.0001.nc")
        #expect(RunFileNames.averagedHistory(caseName: "c", period: .nmonths, end: end, lastStepStart: last, instance: .only) == "c.cpl.ha.0001-12.nc")
        #expect(RunFileNames.averagedHistory(caseName: "c", period: .ndays, end: end, lastStepStart: last, instance: .only) == "c.cpl.ha.0001-12-31.nc")
        #expect(RunFileNames.averagedHistory(caseName: "c", period: .nhours, end: end, lastStepStart: last, instance: .only) == "c.cpl.ha.0002-01-01-00000.nc")
        #expect(RunFileNames.averagedHistory(caseName: "c", period: .end, end: end, lastStepStart: last, instance: .only) == "c.cpl.ha.0002-01-01-00000.nc")
        #expect(RunFileNames.averagedHistory(caseName: "c", period: .nmonths, end: end, lastStepStart: last, instance: DriverInstance(number: 2, count: 3))
                == "c.cpl_0002.ha.0001-12.nc", "a member's file carries its number")
    }
}
