import Foundation
import Testing
import TestSupport

/// `cpl_seq_option = 'CESM1_MOD_TIGHT'`: the ocean's state reaches the atmosphere–ocean fluxes
/// in the step its interval ends, which changes the ocean's forcing; the run still restarts
/// exactly and gives the same bytes on any layout.
@Suite("Tightly coupled ocean (CESM1_MOD_TIGHT)", .serialized)
struct TightCouplingTests {
    @Test("the ocean forcing differs from CESM1_MOD's")
    func forcingDiffers() throws {
        let good = try GoodRun.shared.get()
        var namelist = GoodRun.namelist(ranks: 2)
        namelist.set("cpl_seq_option", "'CESM1_MOD_TIGHT'", in: "seq_infodata_inparm")
        let folder = TemporaryDirectory("tight")
        let path = folder.write("tight.nml", namelist.text)
        let result = Job.mpirun(ranks: 2, "coupled-driver", [path, "--rundir", folder.path + "/run"])
        try #require(result.exitCode == 0 && !result.timedOut, "\(result.output)")
        let log = try #require(folder.read("run/cpl.log"))
        #expect(log.contains("run sequence (cpl_seq_option = 'CESM1_MOD_TIGHT'"))
        let history = try #require(good.files.keys.first { $0.contains(".cpl.hi.") })
        let laggedPath = folder.path + "/lagged-" + history
        try good.files[history]!.write(to: URL(fileURLWithPath: laggedPath))
        let compared = Job.run(Job.product("coupled-driver"), ["compare", laggedPath, folder.path + "/run/" + history])
        #expect(compared.exitCode != 0, "the tight ocean changed nothing:\n\(compared.output)")
        // compare's table: variable, values, differing, ...
        let row = compared.standardOutput.split(separator: "\n").map { $0.split(separator: " ") }.first { $0.first == "x2o_Foxx_sen" }
        let differing = try #require(row.flatMap { Int($0[2]) }, "no x2o_Foxx_sen row:\n\(compared.output)")
        #expect(differing > 0, "the ocean's sensible-heat forcing is the same:\n\(compared.output)")
    }

    @Test("ERS, ERP and PEM pass on 4 ranks")
    func restartsAndLayouts() {
        var namelist = ConfigurationNamelist("default")
        namelist.set("cpl_seq_option", "'CESM1_MOD_TIGHT'", in: "seq_infodata_inparm")
        let output = TemporaryDirectory("tight-system-tests")
        let path = output.write("tight.nml", namelist.text)
        let result = Job.run(Job.product("coupled-driver"),
                             ["test-suite", path, "--output", output.path + "/suite", "--ranks", "4", "--days", "2", "--tests", "ERS", "ERP", "PEM"],
                             timeout: 600)
        #expect(result.exitCode == 0 && !result.timedOut, "\(result.output)")
        #expect(result.standardOutput.contains("3 of 3 system tests passed."), "\(result.output)")
    }
}
