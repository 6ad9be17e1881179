import TestSupport
import Coupling
import Foundation
import Testing

/// Coupled runs of the test component under `mpirun` with 1 to 4 ranks: group membership,
/// calling order and clock as each rank's components recorded them.
@Suite("Multi-rank runs", .serialized)
struct MultiRankRunTests {
    private func runAndCompare(_ namelist: TestNamelist, ranks: Int) throws {
        let dir = TemporaryDirectory("run")
        let path = dir.write("test.nml", namelist.text)
        let result = Job.mpirun(ranks: ranks, "coupled-driver", [path, "--rundir", dir.path + "/rundir"])
        #expect(result.exitCode == 0, "mpirun failed: \(result.output)")
        #expect(!result.timedOut)
        let cpl = try #require(dir.read("rundir/cpl.log"), "no cpl.log")
        #expect(cpl.contains("SUCCESSFUL TERMINATION"))
        for line in namelist.pes.map({ ($0.key, $0.value) }).sorted(by: { $0.0 < $1.0 }).map({ kind, set in
            "  \(kind.rawValue): world ranks \(set.rankSummary) (root \(set.rootRank), stride \(set.stride))"
        }) {
            #expect(cpl.contains(line), "cpl.log lacks \(line)")
        }
        for kind in namelist.models.keys.sorted() {
            #expect(dir.exists("rundir/\(kind.rawValue).log"), "no \(kind.rawValue).log")
        }
        for rank in 0 ..< ranks {
            let recorded = dir.read("rundir/calls.rank\(rank).txt")?.split(separator: "\n").map(String.init) ?? []
            #expect(recorded == namelist.expectedCalls(onRank: rank), "rank \(rank) recorded:\n\(recorded.joined(separator: "\n"))")
        }
    }

    @Test("every component on every rank (all sequential)", arguments: [1, 2, 3, 4])
    func allSequential(ranks: Int) throws {
        try runAndCompare(TestNamelist(worldSize: ranks), ranks: ranks)
    }

    @Test("ocean concurrent on its own ranks, land and ice side by side")
    func concurrent() throws {
        let namelist = TestNamelist(worldSize: 4, pes: [
            .atm: ProcessorSet(ntasks: 2), .lnd: ProcessorSet(ntasks: 1), .ice: ProcessorSet(ntasks: 1, rootRank: 1),
            .ocn: ProcessorSet(ntasks: 2, rootRank: 2), .cpl: ProcessorSet(ntasks: 2),
        ])
        try runAndCompare(namelist, ranks: 4)
    }

    @Test("strided and threaded groups")
    func strided() throws {
        var namelist = TestNamelist(worldSize: 4, pes: [
            .atm: ProcessorSet(ntasks: 2, nthreads: 2, rootRank: 0, stride: 2), .ocn: ProcessorSet(ntasks: 2, rootRank: 1, stride: 2),
            .lnd: ProcessorSet(ntasks: 1, rootRank: 3), .ice: ProcessorSet(ntasks: 2, nthreads: 2, rootRank: 2),
            .cpl: ProcessorSet(ntasks: 3, rootRank: 1),
        ])
        namelist.intervals = [.atm: 900, .lnd: 1800, .ice: 900, .ocn: 7200]
        namelist.stopN = 6
        try runAndCompare(namelist, ranks: 4)
    }

    @Test("ranks whose threads share one bound core are named in cpl.log, with what to do; unbound ranks are not")
    func threadsOnBoundRanks() throws {
        let namelist = TestNamelist(worldSize: 2, pes: [
            .atm: ProcessorSet(ntasks: 2, nthreads: 2), .lnd: ProcessorSet(ntasks: 2), .ice: ProcessorSet(ntasks: 2),
            .ocn: ProcessorSet(ntasks: 2), .cpl: ProcessorSet(ntasks: 2),
        ])
        let dir = TemporaryDirectory("binding")
        let path = dir.write("test.nml", namelist.text)
        for binding in ["core", "none"] {
            let result = Job.run("/usr/bin/mpirun", ["--oversubscribe", "--bind-to", binding, "-n", "2", Job.product("coupled-driver"),
                                                     path, "--rundir", dir.path + "/" + binding])
            #expect(result.exitCode == 0, "--bind-to \(binding): \(result.output)")
        }
        let bound = try #require(dir.read("core/cpl.log")), unbound = try #require(dir.read("none/cpl.log"))
        for rank in 0 ..< 2 {
            #expect(bound.contains("warning: rank \(rank) runs 2 threads on 1 processor(s) it may use"), "\(bound)")
        }
        #expect(bound.contains("'mpirun --bind-to none'"))
        #expect(!unbound.contains("warning: rank"), "\(unbound)")
    }

    @Test("river, land-ice and wave stubs laid out on their own ranks: logged, drawn in cpl.log, and the history bytes unchanged")
    func stubsOnTheirOwnRanks() throws {
        let pes: [ComponentKind: ProcessorSet] = [.atm: ProcessorSet(ntasks: 2), .lnd: ProcessorSet(ntasks: 2), .ice: ProcessorSet(ntasks: 1, rootRank: 1),
                                                  .ocn: ProcessorSet(ntasks: 2), .cpl: ProcessorSet(ntasks: 2)]
        var without = TestNamelist(worldSize: 4, pes: pes)
        without.timeSettings = "history_option = 'nhours', history_n = 2"
        var with = without
        with.pes[.rof] = ProcessorSet(ntasks: 1, rootRank: 2)
        with.pes[.glc] = ProcessorSet(ntasks: 1, rootRank: 3)
        with.pes[.wav] = ProcessorSet(ntasks: 2, rootRank: 2)
        let dir = TemporaryDirectory("stubranks")
        for (name, namelist) in [("without", without), ("with", with)] {
            let path = dir.write("\(name).nml", namelist.text)
            let result = Job.mpirun(ranks: 4, "coupled-driver", ["run", path, "--rundir", dir.path + "/" + name])
            #expect(result.exitCode == 0, "\(name): \(result.output)")
        }
        let cpl = try #require(dir.read("with/cpl.log"))
        for line in ["  rof: world ranks 2 (root 2, stride 1): 1 task x 1 thread; sequential with wav",
                     "  glc: world ranks 3 (root 3, stride 1): 1 task x 1 thread; sequential with wav",
                     "  wav runs model 'stub' every 1800 s"] {
            #expect(cpl.contains(line), "cpl.log lacks \(line):\n\(cpl)")
        }
        #expect(dir.read("with/rof.log")?.contains("ROF: stub component") == true && dir.exists("with/wav.log"))
        #expect(!dir.exists("without/rof.log") && !(dir.read("without/cpl.log") ?? "").contains("rof:"), "a stub &cime_pes leaves out has no ranks")
        let histories = try FileManager.default.contentsOfDirectory(atPath: dir.path + "/without").filter { $0.hasSuffix(".nc") }.sorted()
        #expect(histories.filter { $0.contains(".cpl.hi.") }.count == 2 && histories.count == 10, "\(histories)")
        for name in histories {
            #expect(FileManager.default.contentsEqual(atPath: dir.path + "/without/" + name, andPath: dir.path + "/with/" + name), "\(name) differs")
        }
        for rank in 0 ..< 4 {
            #expect(dir.read("with/calls.rank\(rank).txt") == dir.read("without/calls.rank\(rank).txt"))
        }
    }

    @Test("a layout on 3 ranks with a stub land")
    func mixedWithStub() throws {
        var namelist = TestNamelist(worldSize: 3, pes: [
            .atm: ProcessorSet(ntasks: 3), .lnd: ProcessorSet(ntasks: 1, rootRank: 2), .ice: ProcessorSet(ntasks: 2),
            .ocn: ProcessorSet(ntasks: 1, rootRank: 2), .cpl: ProcessorSet(ntasks: 1),
        ])
        namelist.models[.lnd] = "stub"
        namelist.stopOption = "ndays"
        namelist.stopN = 2
        let dir = TemporaryDirectory("progress")
        let path = dir.write("test.nml", namelist.text)
        let result = Job.mpirun(ranks: 3, "coupled-driver", ["run", path, "--rundir", dir.path])
        #expect(result.exitCode == 0, "\(result.output)")
        let cpl = try #require(dir.read("cpl.log"))
        let progress = cpl.split(separator: "\n").filter { $0.hasPrefix("model date ") }
        #expect(progress.count == 2, "one progress line per simulated day")
        #expect(progress.first?.hasPrefix("model date 0001-01-02-00000") == true)
        #expect(progress.allSatisfy { $0.contains("s per simulated day") && $0.contains("simulated years per day") })
        for rank in 0 ..< 3 {
            let recorded = dir.read("calls.rank\(rank).txt")?.split(separator: "\n").map(String.init) ?? []
            #expect(recorded == namelist.expectedCalls(onRank: rank))
        }
    }
}
