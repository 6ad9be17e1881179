import Coupling
import Driver
import Foundation
import LoadBalancing
import Testing

@Suite("Layout search")
struct LayoutSearchTests {
    /// The least predicted time per day of each arrangement, over all its layouts, judged by the predictor.
    private func bruteForce(_ members: [LayoutArrangement: [ProcessorLayout]], predictor: TimelinePredictor) -> [LayoutArrangement: Double] {
        members.mapValues { layouts in layouts.map { predictor.predict($0).secondsPerDay }.min()! }
    }

    private func members(_ sequence: RunSequence, totalTasks: Int) -> [LayoutArrangement: [ProcessorLayout]] {
        Dictionary(uniqueKeysWithValues: LayoutArrangement.offered(for: sequence, totalTasks: totalTasks).map {
            ($0, SyntheticCases.members(of: $0, totalTasks: totalTasks, sequence: sequence))
        })
    }

    /// Checks the search against brute force: the best overall, and the best of each arrangement.
    private func expectExact(_ sequence: RunSequence, _ costs: [ComponentKind: CostModel], totalTasks: Int,
                             members: [LayoutArrangement: [ProcessorLayout]], _ label: String) throws {
        let result = try LayoutSearch(sequence: sequence, costs: costs).run(totalTasks: totalTasks)
        let truth = bruteForce(members, predictor: TimelinePredictor(sequence: sequence, costs: costs))
        let proposals = [result.best] + result.alternatives
        #expect(Set(proposals.map(\.arrangement)) == Set(truth.keys), "\(label)")
        #expect(SyntheticCases.close(result.best.prediction.secondsPerDay, truth.values.min()!),
                "\(label): search \(result.best.prediction.secondsPerDay), brute force \(truth.values.min()!)")
        for proposal in proposals {
            #expect(SyntheticCases.close(proposal.prediction.secondsPerDay, truth[proposal.arrangement]!),
                    "\(label), \(proposal.arrangement): search \(proposal.prediction.secondsPerDay), brute force \(truth[proposal.arrangement]!)")
            #expect(SyntheticCases.close(proposal.secondsPerDay, proposal.prediction.secondsPerDay),
                    "\(label): composed \(proposal.secondsPerDay), predicted \(proposal.prediction.secondsPerDay)")
        }
        #expect(zip(proposals, proposals.dropFirst()).allSatisfy { $0.secondsPerDay <= $1.secondsPerDay })
    }

    @Test("equals brute force over the whole family: named cost shapes, every sequence, N = 1...4")
    func namedShapesAgainstBruteForce() throws {
        for (name, sequence) in SyntheticCases.sequences {
            for totalTasks in 1 ... 4 {
                let family = members(sequence, totalTasks: totalTasks)
                for (shape, costs) in SyntheticCases.shapes {
                    try expectExact(sequence, costs, totalTasks: totalTasks, members: family, "\(shape), \(name), N = \(totalTasks)")
                }
            }
        }
    }

    @Test("equals brute force over the whole family: named cost shapes, N = 5 and 6")
    func namedShapesOnMoreRanks() throws {
        let sequence = SyntheticCases.sequences[0].sequence
        for totalTasks in 5 ... 6 {
            let family = members(sequence, totalTasks: totalTasks)
            for (shape, costs) in SyntheticCases.shapes {
                try expectExact(sequence, costs, totalTasks: totalTasks, members: family, "\(shape), N = \(totalTasks)")
            }
        }
    }

    @Test("equals brute force over the whole family: random cost curves, every sequence, N = 5; two sequences, N = 7 and 8")
    func randomCurvesAgainstBruteForce() throws {
        var generator = SeededGenerator(seed: 2024)
        for (name, sequence) in SyntheticCases.sequences {
            let family = members(sequence, totalTasks: 5)
            for trial in 0 ..< 3 {
                try expectExact(sequence, SyntheticCases.randomCosts(&generator), totalTasks: 5, members: family,
                                "random curves \(trial), \(name), N = 5")
            }
        }
        for (index, totalTasks) in [7, 8].enumerated() {
            let (name, sequence) = SyntheticCases.sequences[index == 0 ? 2 : 5]
            try expectExact(sequence, SyntheticCases.randomCosts(&generator), totalTasks: totalTasks,
                            members: members(sequence, totalTasks: totalTasks), "random curves, \(name), N = \(totalTasks)")
        }
    }

    @Test("never proposes an invalid layout, and each proposal is a layout of its arrangement")
    func proposalsAreValid() throws {
        var generator = SeededGenerator(seed: 7)
        for (name, sequence) in SyntheticCases.sequences {
            for totalTasks in [1, 2, 3, 5, 16, 33, 100] {
                let threads = Dictionary(uniqueKeysWithValues: LayoutSearch.placedComponents.sorted().map { ($0, Int.random(in: 1 ... 4, using: &generator)) })
                let result = try LayoutSearch(sequence: sequence, costs: SyntheticCases.randomCosts(&generator), threads: threads)
                    .run(totalTasks: totalTasks)
                for proposal in [result.best] + result.alternatives {
                    let layout = proposal.layout
                    #expect(layout.problems(worldSize: totalTasks).isEmpty, "\(name), N = \(totalTasks): \(layout.problems(worldSize: totalTasks))")
                    #expect(layout.components == LayoutSearch.placedComponents.sorted())
                    for kind in layout.components {
                        let set = layout[kind]
                        #expect(set.ntasks >= 1 && set.stride == 1 && set.rootRank >= 0 && set.lastRank < totalTasks)
                        #expect(set.nthreads == threads[kind])
                        #expect(set.ntasks == proposal.tasks[kind])
                        if !sequence.isPresent(kind) { #expect(set.ntasks == 1 && set.rootRank == 0) }
                    }
                    #expect(proposal.arrangement.layout(tasks: proposal.tasks, totalTasks: totalTasks, threads: threads, sequence: sequence) == layout)
                    let idle = layout.idleRanks(worldSize: totalTasks)
                    #expect(idle.isEmpty || idle == Array(idle[0] ..< totalTasks), "idle ranks are the last ones: \(idle)")
                    #expect(SyntheticCases.close(proposal.secondsPerDay, proposal.prediction.secondsPerDay))
                }
            }
        }
    }

    @Test("one rank: every component on rank 0, one after another")
    func oneRank() throws {
        let sequence = SyntheticCases.sequence()
        let costs = SyntheticCases.shapes[1].costs
        let result = try LayoutSearch(sequence: sequence, costs: costs).run(totalTasks: 1)
        #expect(result.alternatives.isEmpty)
        #expect(result.best.arrangement == LayoutArrangement(ocean: .sequential, surface: .stacked))
        #expect(result.best.layout.components.allSatisfy { result.best.layout[$0] == ProcessorSet(ntasks: 1) })
        let sum = result.best.layout.components.filter { $0 == .cpl || sequence.isPresent($0) }.map { costs[$0]!.secondsPerDay(tasks: 1) }.reduce(0, +)
        #expect(SyntheticCases.close(result.best.secondsPerDay, sum))
    }

    @Test("a communication cost gives the atmosphere its best task count, not all ranks")
    func interiorOptimum() throws {
        let atmosphere = CostModel(parallelSeconds: 2000, serialSeconds: 3, perTaskSeconds: 1.5)
        let costs: [ComponentKind: CostModel] = [.atm: atmosphere, .lnd: .zero, .ice: CostModel(serialSeconds: 2), .cpl: CostModel(serialSeconds: 0.5)]
        let sequence = SyntheticCases.sequence(roles: [.ocn: .absent])
        let totalTasks = 128
        let result = try LayoutSearch(sequence: sequence, costs: costs).run(totalTasks: totalTasks)
        let bestAlone = (1 ... totalTasks).min { atmosphere.secondsPerDay(tasks: $0) < atmosphere.secondsPerDay(tasks: $1) }!
        #expect(bestAlone > 1 && bestAlone < totalTasks)
        #expect(result.best.tasks[.atm] == bestAlone)
        #expect(!result.best.layout.idleRanks(worldSize: totalTasks).isEmpty)
        // No layout of the family beats it: spot-check every atmosphere count with land and ice on the same ranks.
        let predictor = TimelinePredictor(sequence: sequence, costs: costs)
        for atm in 1 ... totalTasks {
            let tasks: [ComponentKind: Int] = [.atm: atm, .lnd: atm, .ice: atm, .ocn: 1, .cpl: 1]
            let layout = result.best.arrangement.layout(tasks: tasks, totalTasks: totalTasks, threads: [:], sequence: sequence)!
            #expect(predictor.predict(layout).secondsPerDay >= result.best.secondsPerDay * (1 - 1e-12))
        }
    }

    @Test("an expensive ocean that does not scale runs concurrently, and that is strictly faster")
    func concurrencyMatters() throws {
        let sequence = SyntheticCases.sequence()
        let costs = SyntheticCases.shapes[3].costs
        let totalTasks = 6
        try expectExact(sequence, costs, totalTasks: totalTasks, members: members(sequence, totalTasks: totalTasks), "expensive ocean")
        let result = try LayoutSearch(sequence: sequence, costs: costs).run(totalTasks: totalTasks)
        #expect(result.best.arrangement.ocean == .concurrent)
        let sequential = result.alternatives.filter { $0.arrangement.ocean == .sequential }
        #expect(!sequential.isEmpty && sequential.allSatisfy { $0.secondsPerDay > result.best.secondsPerDay * 1.01 })
        let ocean = result.best.layout[.ocn]
        #expect(ocean.rootRank == result.best.layout[.atm].ntasks)
        #expect(result.best.layout.components.filter { $0 != .ocn }.allSatisfy { !result.best.layout[$0].overlaps(ocean) })
    }

    @Test("absent components cost nothing and sit on rank 0")
    func absentComponents() throws {
        var generator = SeededGenerator(seed: 99)
        let sequence = SyntheticCases.sequence(roles: [.ocn: .absent, .lnd: .absent])
        let result = try LayoutSearch(sequence: sequence, costs: SyntheticCases.randomCosts(&generator)).run(totalTasks: 24)
        #expect(result.alternatives.isEmpty)
        #expect(result.best.arrangement == LayoutArrangement(ocean: .sequential, surface: .stacked))
        #expect(result.best.layout[.ocn] == ProcessorSet(ntasks: 1) && result.best.layout[.lnd] == ProcessorSet(ntasks: 1))
        #expect(result.best.prediction.bars.allSatisfy { $0.component != .ocn && $0.component != .lnd })
    }

    @Test("4096 ranks: the search and its predictions take well under a second, and no sampled layout beats it")
    func manyRanks() throws {
        var generator = SeededGenerator(seed: 4096)
        let sequence = SyntheticCases.sequence(ocn: 4, rof: 2)
        let costs: [ComponentKind: CostModel] = [
            .atm: CostModel(parallelSeconds: 50_000, serialSeconds: 2, perTaskSeconds: 0.002), .lnd: CostModel(parallelSeconds: 4000, serialSeconds: 0.5),
            .rof: CostModel(parallelSeconds: 1500, serialSeconds: 0.1),
            .ice: CostModel(parallelSeconds: 9000, serialSeconds: 1, perTaskSeconds: 0.001), .ocn: CostModel(parallelSeconds: 60_000, serialSeconds: 3),
            .cpl: CostModel(parallelSeconds: 3000, serialSeconds: 0.2, perTaskSeconds: 0.004),
        ]
        let totalTasks = 4096
        let clock = ContinuousClock()
        var result: LayoutSearchResult?
        let elapsed = try clock.measure { result = try LayoutSearch(sequence: sequence, costs: costs).run(totalTasks: totalTasks) }
        #expect(elapsed < .seconds(1), "took \(elapsed)")
        let best = result!.best
        #expect(best.layout.problems(worldSize: totalTasks).isEmpty)
        #expect(SyntheticCases.close(best.secondsPerDay, best.prediction.secondsPerDay))
        let predictor = TimelinePredictor(sequence: sequence, costs: costs)
        var sampled = 0
        for _ in 0 ..< 40 {
            let arrangement = LayoutArrangement.offered(for: sequence, totalTasks: totalTasks).randomElement(using: &generator)!
            var tasks = [ComponentKind: Int]()
            for kind in LayoutSearch.placedComponents.sorted() { tasks[kind] = Int.random(in: 1 ... totalTasks / 2, using: &generator) }
            tasks[.cpl] = min(tasks[.cpl]!, tasks[.atm]!)
            let landSide = max(tasks[.lnd]!, tasks[.rof]!)
            tasks[.atm] = max(tasks[.atm]!, arrangement.surface == .stacked ? max(landSide, tasks[.ice]!) : landSide + tasks[.ice]!)
            guard let layout = arrangement.layout(tasks: tasks, totalTasks: totalTasks, threads: [:], sequence: sequence) else { continue }
            sampled += 1
            #expect(predictor.predict(layout).secondsPerDay >= best.secondsPerDay * (1 - 1e-12))
        }
        #expect(sampled >= 20, "only \(sampled) of 40 sampled layouts were in the family")
    }

    @Test("bad requests are refused")
    func errors() {
        let search = LayoutSearch(sequence: SyntheticCases.sequence(), costs: [:])
        #expect(throws: LayoutSearchError.self) { try search.run(totalTasks: 0) }
        #expect(throws: LayoutSearchError.self) {
            try LayoutSearch(sequence: SyntheticCases.sequence(), costs: [:], threads: [.atm: 0]).run(totalTasks: 4)
        }
    }
}
