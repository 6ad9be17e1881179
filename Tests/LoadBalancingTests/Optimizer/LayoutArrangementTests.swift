import Coupling
import LoadBalancing
import Testing

@Suite("Layout arrangements")
struct LayoutArrangementTests {
    @Test("a concurrent ocean follows the ranks the others use; side-by-side ice follows the land")
    func placements() throws {
        let sequence = SyntheticCases.sequence()
        let arrangement = LayoutArrangement(ocean: .concurrent, surface: .sideBySide)
        let layout = try #require(arrangement.layout(tasks: [.atm: 6, .lnd: 2, .ice: 4, .ocn: 4, .cpl: 3], totalTasks: 12,
                                                     threads: [.atm: 2], sequence: sequence))
        #expect(layout[.ocn] == ProcessorSet(ntasks: 4, rootRank: 6))
        #expect(layout[.lnd] == ProcessorSet(ntasks: 2, rootRank: 0))
        #expect(layout[.ice] == ProcessorSet(ntasks: 4, rootRank: 2))
        #expect(layout[.atm] == ProcessorSet(ntasks: 6, nthreads: 2, rootRank: 0))
        #expect(layout[.cpl] == ProcessorSet(ntasks: 3, rootRank: 0))
        #expect(layout.concurrentPartners(of: .ocn) == [.atm, .lnd, .ice, .cpl])
        #expect(layout.relation(.lnd, .ice) == .concurrent)
        #expect(layout.idleRanks(worldSize: 12) == [10, 11])
    }

    @Test("a river goes with the land: side-by-side ice follows the wider of the two")
    func riverWithTheLand() throws {
        let sequence = SyntheticCases.sequence(rof: 2)
        let side = LayoutArrangement(ocean: .concurrent, surface: .sideBySide)
        let layout = try #require(side.layout(tasks: [.atm: 7, .lnd: 2, .rof: 3, .ice: 4, .ocn: 3, .cpl: 3], totalTasks: 10,
                                              threads: [:], sequence: sequence))
        #expect(layout[.rof] == ProcessorSet(ntasks: 3, rootRank: 0))
        #expect(layout[.ice] == ProcessorSet(ntasks: 4, rootRank: 3))
        #expect(layout[.ocn] == ProcessorSet(ntasks: 3, rootRank: 7))
        #expect(layout.relation(.rof, .ice) == .concurrent && layout.relation(.rof, .lnd) == .sequential)
        // The atmosphere must cover the river's ranks as well.
        #expect(side.layout(tasks: [.atm: 6, .lnd: 2, .rof: 3, .ice: 4, .ocn: 3, .cpl: 3], totalTasks: 10, threads: [:], sequence: sequence) == nil)
        let stacked = LayoutArrangement(ocean: .sequential, surface: .stacked)
        #expect(stacked.layout(tasks: [.atm: 4, .lnd: 2, .rof: 5, .ice: 4, .ocn: 3, .cpl: 3], totalTasks: 10, threads: [:], sequence: sequence) == nil)
        // A river without a land still has a land side.
        #expect(LayoutArrangement.offered(for: SyntheticCases.sequence(rof: 1, roles: [.lnd: .absent]), totalTasks: 3).contains(side))
    }

    @Test("counts outside the family give no layout")
    func outsideTheFamily() {
        let sequence = SyntheticCases.sequence()
        let side = LayoutArrangement(ocean: .concurrent, surface: .sideBySide)
        let base: [ComponentKind: Int] = [.atm: 6, .lnd: 2, .ice: 4, .ocn: 4, .cpl: 3]
        #expect(side.layout(tasks: base.merging([.atm: 5]) { $1 }, totalTasks: 10, threads: [:], sequence: sequence) == nil)  // atm must cover land + ice
        #expect(side.layout(tasks: base.merging([.ocn: 5]) { $1 }, totalTasks: 10, threads: [:], sequence: sequence) == nil)  // ocean overlaps
        #expect(side.layout(tasks: base.merging([.cpl: 7]) { $1 }, totalTasks: 10, threads: [:], sequence: sequence) == nil)  // coupler beyond atm
        #expect(side.layout(tasks: base.merging([.lnd: 0]) { $1 }, totalTasks: 10, threads: [:], sequence: sequence) == nil)
        let noOcean = SyntheticCases.sequence(roles: [.ocn: .absent])
        #expect(side.layout(tasks: base, totalTasks: 10, threads: [:], sequence: noOcean) == nil)  // not offered without an ocean
        let stacked = LayoutArrangement(ocean: .sequential, surface: .stacked)
        #expect(stacked.layout(tasks: base, totalTasks: 10, threads: [:], sequence: noOcean) == nil)  // absent ocean must have 1 task
        #expect(stacked.layout(tasks: base.merging([.ocn: 1]) { $1 }, totalTasks: 10, threads: [:], sequence: noOcean) != nil)
    }

    @Test("which arrangements are offered")
    func offered() {
        let all = LayoutArrangement.offered(for: SyntheticCases.sequence(), totalTasks: 3)
        #expect(all.count == 4)
        #expect(LayoutArrangement.offered(for: SyntheticCases.sequence(), totalTasks: 2).count == 3)
        #expect(LayoutArrangement.offered(for: SyntheticCases.sequence(), totalTasks: 1) == [LayoutArrangement(ocean: .sequential, surface: .stacked)])
        // An ocean coupled more often than the atmosphere: its intervals differ, so no concurrent ocean.
        #expect(LayoutArrangement.offered(for: SyntheticCases.sequence(atm: 2, ocn: 1), totalTasks: 8).allSatisfy { $0.ocean == .sequential })
        #expect(LayoutArrangement.offered(for: SyntheticCases.sequence(roles: [.ice: .exportsOnly]), totalTasks: 8)
            .allSatisfy { $0.surface == .stacked })
        #expect(LayoutArrangement.offered(for: SyntheticCases.sequence(roles: [.lnd: .absent]), totalTasks: 8).allSatisfy { $0.surface == .stacked })
    }
}
