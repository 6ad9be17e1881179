import Driver
import Foundation
import Testing
import TestSupport

/// Every `cpl_seq_option` besides the default changes when the ocean's forcing is formed or when
/// the ocean's state returns, so the ocean's forcing differs from `CESM1_MOD`'s; each run still
/// restarts exactly and gives the same bytes on any layout. One system test checks both: ERP,
/// a straight run against one restarted half-way on half the tasks, other roots and 2 threads
/// (ERS and PEM, each half of it, run for the default option in `SystemTestSuiteTests`).
@Suite("Run sequence options (cpl_seq_option)", .serialized)
struct SequenceOptionTests {
    static let others = SequenceOption.allCases.filter { $0 != .cesm1Mod }

    @Test("the ocean forcing differs from CESM1_MOD's", arguments: others)
    func forcingDiffers(option: SequenceOption) throws {
        let good = try GoodRun.shared.get()
        var namelist = GoodRun.namelist(ranks: 2)
        namelist.set("cpl_seq_option", "'\(option.rawValue)'", in: "seq_infodata_inparm")
        let folder = TemporaryDirectory("sequence-option")
        let path = folder.write("option.nml", namelist.text)
        let result = Job.mpirun(ranks: 2, "coupled-driver", [path, "--rundir", folder.path + "/run"])
        try #require(result.exitCode == 0 && !result.timedOut, "\(result.output)")
        let log = try #require(folder.read("run/cpl.log"))
        #expect(log.contains("run sequence (cpl_seq_option = '\(option.rawValue)'"))
        let history = try #require(good.files.keys.first { $0.contains(".cpl.hi.") })
        let defaultPath = folder.path + "/default-" + history
        try good.files[history]!.write(to: URL(fileURLWithPath: defaultPath))
        let compared = Job.run(Job.product("coupled-driver"), ["compare", defaultPath, folder.path + "/run/" + history])
        #expect(compared.exitCode != 0, "\(option.rawValue) changed nothing:\n\(compared.output)")
        // compare's table: variable, values, differing, ...
        let row = compared.standardOutput.split(separator: "\n").map { $0.split(separator: " ") }.first { $0.first == "x2o_Foxx_sen" }
        let differing = try #require(row.flatMap { Int($0[2]) }, "no x2o_Foxx_sen row:\n\(compared.output)")
        #expect(differing > 0, "the ocean's sensible-heat forcing is the same:\n\(compared.output)")
    }

    @Test("ERP passes on 4 ranks", arguments: others)
    func restartsAndLayouts(option: SequenceOption) {
        var namelist = ConfigurationNamelist("default")
        namelist.set("cpl_seq_option", "'\(option.rawValue)'", in: "seq_infodata_inparm")
        let output = TemporaryDirectory("sequence-option-system-tests")
        let path = output.write("option.nml", namelist.text)
        let result = Job.run(Job.product("coupled-driver"),
                             ["test-suite", path, "--output", output.path + "/suite", "--ranks", "4", "--days", "2", "--tests", "ERP"],
                             timeout: 600)
        #expect(result.exitCode == 0 && !result.timedOut, "\(result.output)")
        #expect(result.standardOutput.contains("1 of 1 system tests passed."), "\(result.output)")
    }
}
