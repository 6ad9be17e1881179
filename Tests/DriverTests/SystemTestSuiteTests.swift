import Foundation
import Testing
import TestSupport

/// `coupled-driver test-suite`: CESM's system tests of the default configuration pass, and
/// a model that cannot restart exactly fails them.
@Suite("System tests (test-suite)", .serialized)
struct SystemTestSuiteTests {
    private func suite(_ namelist: String, _ arguments: [String], output: TemporaryDirectory, timeout: Double = 600) -> JobResult {
        Job.run(Job.product("coupled-driver"), ["test-suite", namelist, "--output", output.path] + arguments, timeout: timeout)
    }

    @Test("SMS, ERS, ERP, PEM, PET, SEQ and REP pass on the default configuration on 4 ranks")
    func defaultConfiguration() {
        let output = TemporaryDirectory("system-tests")
        let result = suite(Repository.path("namelists/default.nml"), ["--ranks", "4", "--days", "2"], output: output)
        #expect(result.exitCode == 0 && !result.timedOut, "\(result.output)")
        for test in ["SMS", "ERS", "ERP", "PEM", "PET", "SEQ", "REP"] {
            #expect(result.standardOutput.contains("PASS \(test):"), "\(test) did not pass:\n\(result.output)")
        }
        #expect(result.standardOutput.contains("PASS ERS: 12 history files identical"), "coupler + 5 components x 2 days")
        #expect(result.standardOutput.contains("7 of 7 system tests passed."))
        // ERS really restarted half-way.
        let log = (try? String(contentsOfFile: output.path + "/ERS/restarted/cpl.log", encoding: .utf8)) ?? ""
        #expect(log.contains("continuing from the restart set of 0001-01-02-00000"))
    }

    @Test("ERP and PEM pass on 3 ranks (halves of 1 rank, other roots)")
    func threeRanks() {
        let output = TemporaryDirectory("system-tests-3")
        let result = suite(Repository.path("namelists/default.nml"), ["--ranks", "3", "--days", "2", "--tests", "ERP", "PEM"], output: output)
        #expect(result.exitCode == 0 && !result.timedOut, "\(result.output)")
        #expect(result.standardOutput.contains("2 of 2 system tests passed."), "\(result.output)")
    }

    @Test("a model whose state a restart does not keep fails ERS, and the report shows the differences")
    func inexactRestartFails() {
        let output = TemporaryDirectory("system-tests-fail")
        var namelist = TestNamelist(worldSize: 2)
        namelist.extraGroups = "&test_component_nml count_in_exports = .true. /\n"
        let path = output.write("counting.nml", namelist.text)
        let result = suite(path, ["--ranks", "2", "--days", "2", "--tests", "ERS", "REP"], output: output)
        #expect(result.exitCode != 0, "\(result.output)")
        #expect(result.standardOutput.contains("FAIL ERS:"), "\(result.output)")
        #expect(result.standardOutput.contains("PASS REP:"), "the model is reproducible, only not restartable:\n\(result.output)")
        #expect(result.standardOutput.contains("drivertest.cpl.hi.0001-01-03-00000.nc"), "the differing file is named")
        #expect(result.standardOutput.contains("1 of 2 system tests passed."))
    }
}
