import Components
import Coupling
import Driver
import NetCDF
import Testing
import TestSupport
import TimeManager

/// The run refuses, before it computes anything, a run directory and case name whose file paths
/// would be longer than what MPI-IO may be given (`ParallelDataset.maximumPathLength`).
@Suite("Run file names and their length", .serialized)
struct RunFileNamesTests {
    private func configuration(caseName: String = "drivertest") throws -> DriverConfiguration {
        let text = TestNamelist(worldSize: 2).text.replacingOccurrences(of: "case_name = 'drivertest'", with: "case_name = '\(caseName)'")
        return try DriverConfiguration.load(text: text, path: "ok.nml", worldSize: 2, registry: .builtIn)
    }

    @Test("the longest name is the coupler's history file being written, dated at the stop")
    func longest() {
        let date = ModelDate(year: 1, month: 1, day: 1, secondOfDay: 14_400)
        #expect(RunFileNames.longest(caseName: "c", date: date, instance: .only) == "c.cpl.hi.0001-01-01-14400.nc.incomplete")
        #expect(RunFileNames.all(caseName: "c", date: date, instance: .only).count == 2 * ComponentKind.all.count + 1)
        #expect(RunFileNames.restart(caseName: "c", kind: .ocn, date: date, instance: .only) == "c.ocn.r.0001-01-01-14400.nc")
        let member = DriverInstance(number: 12, count: 12)
        #expect(RunFileNames.longest(caseName: "c", date: date, instance: member) == "c.cpl_0012.hi.0001-01-01-14400.nc.incomplete")
        #expect(RunFileNames.restart(caseName: "c", kind: .ocn, date: date, instance: member) == "c.ocn_0012.r.0001-01-01-14400.nc")
        #expect(RunFileNames.log(of: .cpl, instance: member) == "cpl_0012.log" && RunFileNames.log(of: .atm, instance: .only) == "atm.log")
    }

    @Test("a run directory whose longest file path is over the limit is refused, naming the path and the limit")
    func tooLong() throws {
        let configuration = try configuration()
        let name = "drivertest.cpl.hi.0001-01-01-14400.nc.incomplete"  // the stop of the test namelist: 4 hours
        let limit = ParallelDataset.maximumPathLength
        let fits = "/" + String(repeating: "d", count: limit - name.utf8.count - 2)
        #expect(configuration.fileNameProblem(runDirectory: fits) == nil, "a path of exactly \(limit) bytes is allowed")
        let over = fits + "e"
        let problem = try #require(configuration.fileNameProblem(runDirectory: over))
        #expect(problem == "the run directory and case name make file paths too long for MPI-IO: \(over)/\(name) is \(limit + 1) bytes long, "
            + "more than the \(limit) bytes allowed (Open MPI 4.1 aborts every rank on paths of about 235 bytes or more); "
            + "use a run directory at least 1 byte shorter, or a shorter case_name")
        #expect(configuration.fileNameProblem(runDirectory: ".") == nil)
        #expect(try self.configuration(caseName: String(repeating: "c", count: CaseName.maximumLength)).fileNameProblem(runDirectory: "/scratch/user/runs") == nil,
                "the longest case name leaves room for a run directory")
    }

    @Test("every file a real run writes is one of RunFileNames' names")
    func namesOfARealRun() throws {
        let good = try GoodRun.shared.get()
        let date = ModelDate(year: 1, month: 1, day: 1, secondOfDay: 10_800)
        let known = Set(RunFileNames.all(caseName: "default", date: date, instance: .only).map { String($0.dropLast(RunFileNames.temporarySuffix.count)) })
        let written = good.files.keys.filter { $0.hasPrefix("default.") && $0.hasSuffix(".nc") }
        #expect(written.count == 12, "a restart and a history file for the coupler and each of 5 components: \(written.sorted())")
        #expect(Set(written).isSubset(of: known), "names RunFileNames does not know: \(Set(written).subtracting(known).sorted())")
    }

    @Test("coupled-driver check --rundir refuses a run directory too long for MPI-IO")
    func checkRefuses() {
        let dir = TemporaryDirectory("check-rundir")
        let path = dir.write("ok.nml", TestNamelist(worldSize: 2).text)
        let long = dir.path + "/" + String(repeating: "r", count: 200)
        let refused = Job.run(Job.product("coupled-driver"), ["check", path, "--ranks", "2", "--picture", dir.path + "/l.svg", "--rundir", long])
        #expect(refused.exitCode == 1, "\(refused.output)")
        #expect(refused.standardError.contains("error: the run directory and case name make file paths too long for MPI-IO: \(long)/drivertest.cpl.hi."),
                "\(refused.standardError)")
        #expect(!refused.standardOutput.contains("The namelist is valid"))
        let fine = Job.run(Job.product("coupled-driver"), ["check", path, "--ranks", "2", "--picture", dir.path + "/l.svg", "--rundir", dir.path])
        #expect(fine.exitCode == 0, "\(fine.output)")
    }
}
