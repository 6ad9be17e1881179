import Coupling
import MPI
import Testing

@Suite("Processor layout")
struct ProcessorLayoutTests {
    /// atm, lnd, ice, ocn and cpl on every rank, then `sets`.
    private func layout(_ sets: [ComponentKind: ProcessorSet], worldSize: Int) -> ProcessorLayout {
        var all = ProcessorLayout.allOnAllRanks(worldSize: worldSize, components: [.atm, .lnd, .ice, .ocn])
        for (kind, set) in sets { all[kind] = set }
        return all
    }

    @Test("a strided set lists root, root+stride, ...")
    func stridedRanks() {
        let set = ProcessorSet(ntasks: 4, nthreads: 2, rootRank: 1, stride: 3)
        #expect(set.ranks == [1, 4, 7, 10])
        #expect(set.lastRank == 10)
        #expect(set.contains(rank: 7))
        #expect(!set.contains(rank: 8))
        #expect(!set.contains(rank: 13))
        #expect(set.task(ofRank: 7) == 2)
        #expect(set.task(ofRank: 5) == nil)
        #expect(set.hardwareThreads == 8)
        #expect(set.rankSummary == "1-10/3")
    }

    /// Found by ConfigurationFuzzTests: `atm_rootpe = 9223372036854775807` (or a huge stride or
    /// thread count) overflowed in the arithmetic of `coupled-driver check` and trapped.
    @Test("sets no job could run have clamped arithmetic, not traps")
    func extremeSets() {
        let far = ProcessorSet(ntasks: 2, nthreads: Int.max, rootRank: Int.max, stride: Int.max)
        #expect(far.lastRank == Int.max)
        #expect(far.hardwareThreads == Int.max)
        #expect(!far.contains(rank: 0))
        let negative = ProcessorSet(ntasks: 3, rootRank: Int.min, stride: Int.max)
        #expect(negative.contains(rank: Int.min + Int.max))
        #expect(negative.task(ofRank: Int.min + Int.max) == 1)
        #expect(ProcessorSet(ntasks: Int.min, rootRank: 0, stride: 2).lastRank == Int.min)
        var layout = ProcessorLayout.allOnAllRanks(worldSize: 4)
        layout[.atm] = far
        #expect(layout.requiredWorldSize == Int.max)
        #expect(layout.problems(worldSize: 4).map(\.key) == ["atm_ntasks"])
    }

    @Test("overlapping sets run sequentially, disjoint ones concurrently")
    func relations() {
        let l = layout([.atm: ProcessorSet(ntasks: 2, rootRank: 0), .lnd: ProcessorSet(ntasks: 1, rootRank: 1),
                        .ice: ProcessorSet(ntasks: 2, rootRank: 0), .ocn: ProcessorSet(ntasks: 2, rootRank: 2),
                        .cpl: ProcessorSet(ntasks: 2, rootRank: 0)], worldSize: 4)
        #expect(l.relation(.atm, .lnd) == .sequential)
        #expect(l.relation(.atm, .ocn) == .concurrent)
        #expect(l.concurrentPartners(of: .ocn) == [.atm, .lnd, .ice, .cpl])
        #expect(l.sequentialPartners(of: .lnd) == [.atm, .ice, .cpl])
        #expect(l.components(onRank: 1) == [.atm, .lnd, .ice, .cpl])
        #expect(l.components(onRank: 3) == [.ocn])
        #expect(l.problems(worldSize: 4).isEmpty)
        #expect(l.joinedRanks(.ocn) == [0, 1, 2, 3])
    }

    @Test("interleaved strided sets are disjoint")
    func interleaved() {
        let l = layout([.atm: ProcessorSet(ntasks: 3, rootRank: 0, stride: 2), .ocn: ProcessorSet(ntasks: 3, rootRank: 1, stride: 2),
                        .lnd: ProcessorSet(ntasks: 2, rootRank: 2, stride: 2), .ice: ProcessorSet(ntasks: 6),
                        .cpl: ProcessorSet(ntasks: 2, rootRank: 4)], worldSize: 6)
        #expect(l.relation(.atm, .ocn) == .concurrent)
        #expect(l.relation(.atm, .lnd) == .sequential)
        #expect(l.relation(.ocn, .cpl) == .sequential)
        #expect(l.joinedRanks(.atm) == [0, 2, 4, 5])
        #expect(l.idleRanks(worldSize: 8) == [6, 7])
    }

    @Test("every problem of an invalid layout is listed")
    func everyProblem() {
        let l = layout([.atm: ProcessorSet(ntasks: 0), .lnd: ProcessorSet(ntasks: 2, nthreads: 0, rootRank: -1),
                        .ice: ProcessorSet(ntasks: 2, stride: 0), .ocn: ProcessorSet(ntasks: 3, rootRank: 2, stride: 2)],
                       worldSize: 4)
        let problems = l.problems(worldSize: 4)
        #expect(problems.map(\.key) == ["atm_ntasks", "lnd_nthreads", "lnd_rootpe", "ice_pestride", "ocn_ntasks"])
        #expect(problems[0].message == "atm_ntasks = 0: a component needs at least 1 task")
        #expect(problems[4].message.contains("ocn needs ranks up to 6"))
        #expect(problems[4].message.contains("the job has 4 ranks (0-3)"))
    }

    @Test("the table names every component with its ranks and partners")
    func table() {
        let l = layout([.ocn: ProcessorSet(ntasks: 2, rootRank: 2), .atm: ProcessorSet(ntasks: 2, nthreads: 2),
                        .lnd: ProcessorSet(ntasks: 2), .ice: ProcessorSet(ntasks: 2), .cpl: ProcessorSet(ntasks: 2)], worldSize: 4)
        let lines = l.table(models: [.atm: "slab"]).split(separator: "\n").map(String.init)
        #expect(lines.count == 7)
        #expect(lines[0].hasPrefix("component  model  ranks  tasks  threads  root  stride  hw threads"))
        let atm = lines[2].split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        #expect(atm == ["atm", "slab", "0-1", "2", "2", "0", "1", "4", "lnd,ice,cpl", "ocn"])
        let ocn = lines[5].split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        #expect(ocn == ["ocn", "-", "2-3", "2", "1", "2", "1", "2", "-", "atm,lnd,ice,cpl"])
    }

    @Test("components not laid out have no ranks and no partners; river, land ice and waves take their rows when laid out")
    func laidOut() {
        let four = layout([:], worldSize: 2)
        #expect(four.components == [.atm, .lnd, .ice, .ocn, .cpl] && four.models == [.atm, .lnd, .ice, .ocn])
        #expect(!four.isLaidOut(.rof) && four[.rof].ranks.isEmpty && !four[.rof].contains(rank: 0))
        #expect(four.sequentialPartners(of: .atm) == [.lnd, .ice, .ocn, .cpl])
        var seven = layout([.atm: ProcessorSet(ntasks: 2)], worldSize: 5)
        seven[.rof] = ProcessorSet(ntasks: 1, rootRank: 2)
        seven[.glc] = ProcessorSet(ntasks: 1, rootRank: 3)
        seven[.wav] = ProcessorSet(ntasks: 1, rootRank: 4)
        #expect(seven.components == ComponentKind.all)
        #expect(seven.concurrentPartners(of: .rof) == [.atm, .glc, .wav])
        #expect(seven.components(onRank: 3) == [.lnd, .ice, .ocn, .glc, .cpl])
        #expect(seven.problems(worldSize: 5).isEmpty && seven.idleRanks(worldSize: 6) == [5])
        let rows = seven.table().split(separator: "\n").dropFirst(2).map { $0.split(separator: " ")[0] }
        #expect(rows == ["atm", "lnd", "rof", "ice", "ocn", "glc", "wav", "cpl"])
        #expect(seven.joinedRanks(.wav) == [0, 1, 2, 3, 4])
    }

    @Test("sorted ranks compress into strided ranges")
    func rankRanges() {
        #expect(RankRange.covering(sortedRanks: [0, 1, 2, 3]) == [RankRange(first: 0, last: 3)])
        #expect(RankRange.covering(sortedRanks: [0, 2, 4, 5]) == [RankRange(first: 0, last: 4, stride: 2), RankRange(first: 5, last: 5)])
        #expect(RankRange.covering(sortedRanks: [7]) == [RankRange(first: 7, last: 7)])
        let ranks = [1, 4, 7, 8, 9, 20]
        #expect(RankRange.covering(sortedRanks: ranks).flatMap { Array($0.ranks) } == ranks)
    }
}
