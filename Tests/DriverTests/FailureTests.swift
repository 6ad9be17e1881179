import TestSupport
import Coupling
import Foundation
import Testing

/// Failures end the whole job with a clear message and a non-zero exit, never a hang.
@Suite("Failures end the job", .serialized)
struct FailureTests {
    /// A hang would show as a time-out; every failing job here must end well within this.
    let limit = 60.0

    @Test("an impossible layout is reported once, with file and line, and every rank exits non-zero", arguments: [1, 2, 3, 4])
    func impossibleLayout(ranks: Int) {
        let dir = TemporaryDirectory("badlayout")
        var namelist = TestNamelist(worldSize: ranks)
        namelist.pes[.ocn] = ProcessorSet(ntasks: 2, rootRank: ranks)
        namelist.pes[.atm] = ProcessorSet(ntasks: ranks, nthreads: 0)
        let path = dir.write("bad.nml", namelist.text)
        let result = Job.mpirun(ranks: ranks, "coupled-driver", [path, "--rundir", dir.path], timeout: limit)
        #expect(!result.timedOut)
        #expect(result.exitCode != 0)
        #expect(result.standardError.contains("bad.nml:3:"), "\(result.standardError)")
        #expect(result.standardError.contains("atm_nthreads = 0: a task needs at least 1 thread"))
        #expect(result.standardError.contains("ocn needs ranks up to \(ranks + 1)"))
        let mentions = result.standardError.components(separatedBy: "a task needs at least 1 thread").count - 1
        #expect(mentions == 1, "the problem should be printed once, by rank 0")
    }

    @Test("a component that throws on one rank ends the job, naming component, rank and model time")
    func throwingComponent() throws {
        let dir = TemporaryDirectory("throw")
        var namelist = TestNamelist(worldSize: 4)
        namelist.extraGroups = "&test_component_nml fail_component = 'atm', fail_phase = 'run', fail_rank = 2, fail_call = 2 /\n"
        let path = dir.write("throw.nml", namelist.text)
        let result = Job.mpirun(ranks: 4, "coupled-driver", [path, "--rundir", dir.path], timeout: limit)
        #expect(!result.timedOut)
        #expect(result.exitCode != 0)
        let expected = "atm (model 'test') failed on world rank 2 during run at model time 0001-01-01-01800: failing on purpose"
        #expect(result.standardError.contains(expected), "\(result.output)")
        let cpl = try #require(dir.read("cpl.log"))
        #expect(cpl.contains("ERROR: " + expected))
        #expect(!cpl.contains("SUCCESSFUL TERMINATION"))
    }

    @Test("a component that fails to initialise on every rank of its group ends the job")
    func failingInitialize() throws {
        let dir = TemporaryDirectory("initfail")
        var namelist = TestNamelist(worldSize: 3, pes: [.lnd: ProcessorSet(ntasks: 2, rootRank: 1)])
        namelist.extraGroups = "&test_component_nml fail_component = 'lnd', fail_phase = 'initialize' /\n"
        let path = dir.write("init.nml", namelist.text)
        let result = Job.mpirun(ranks: 3, "coupled-driver", [path, "--rundir", dir.path], timeout: limit)
        #expect(!result.timedOut)
        #expect(result.exitCode != 0)
        #expect(result.standardError.contains("lnd (model 'test') failed on world rank"), "\(result.output)")
        #expect(result.standardError.contains("during initialize"))
    }

    @Test("a component that fails to finalise ends the job")
    func failingFinalize() {
        let dir = TemporaryDirectory("finalfail")
        var namelist = TestNamelist(worldSize: 2)
        namelist.extraGroups = "&test_component_nml fail_component = 'ocn', fail_phase = 'finalize', fail_rank = 1 /\n"
        let path = dir.write("final.nml", namelist.text)
        let result = Job.mpirun(ranks: 2, "coupled-driver", [path, "--rundir", dir.path], timeout: limit)
        #expect(!result.timedOut)
        #expect(result.exitCode != 0)
        #expect(result.standardError.contains("ocn (model 'test') failed on world rank 1 during finalize"), "\(result.output)")
    }

    @Test("a missing namelist file and an unwritable run directory are clear errors")
    func missingFiles() {
        let dir = TemporaryDirectory("missing")
        let missing = Job.mpirun(ranks: 2, "coupled-driver", [dir.path + "/nope.nml"], timeout: limit)
        #expect(missing.exitCode != 0)
        #expect(missing.standardError.contains("cannot read namelist \(dir.path)/nope.nml: No such file or directory"))
        let path = dir.write("ok.nml", TestNamelist(worldSize: 2).text)
        dir.write("file", "not a directory")
        let unwritable = Job.mpirun(ranks: 2, "coupled-driver", [path, "--rundir", dir.path + "/file/run"], timeout: limit)
        #expect(unwritable.exitCode != 0)
        #expect(unwritable.standardError.contains("the run directory cannot be written"), "\(unwritable.output)")
    }

    @Test("a syntax error and an unknown key are reported with location and suggestion")
    func namelistErrors() {
        let dir = TemporaryDirectory("syntax")
        var namelist = TestNamelist(worldSize: 2)
        namelist.extraGroups = "&seq_infodata_inparm2 case_name = 'x' /\n"
        let text = namelist.text.replacingOccurrences(of: "atm_ntasks", with: "atm_ntask")
        let path = dir.write("typo.nml", text)
        let result = Job.mpirun(ranks: 2, "coupled-driver", [path], timeout: limit)
        #expect(result.exitCode != 0)
        #expect(result.standardError.contains("typo.nml:3:3: error: unknown key 'atm_ntask' in &cime_pes; did you mean 'atm_ntasks'?"),
                "\(result.standardError)")
        #expect(result.standardError.contains("seq_infodata_inparm2"))
    }
}
