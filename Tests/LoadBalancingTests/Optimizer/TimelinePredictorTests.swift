import Coupling
import LoadBalancing
import Testing

/// Hand-computed timelines. Driver step 1800 s (48 steps a day): a cost of 48·x s/day is x s per
/// step for a component coupled every step, and a cost of 24·x s/day is x s per run for an ocean
/// coupled every 2 steps.
@Suite("Timeline predictor")
struct TimelinePredictorTests {
    /// Constant costs: land 1 s, ice 2 s, coupler 0.5 s, atmosphere 3 s per step; ocean `ocean` s per 2-step interval.
    private func costs(ocean: Double) -> [ComponentKind: CostModel] {
        [.lnd: CostModel(serialSeconds: 48 * 1), .ice: CostModel(serialSeconds: 48 * 2), .cpl: CostModel(serialSeconds: 48 * 0.5),
         .atm: CostModel(serialSeconds: 48 * 3), .ocn: CostModel(serialSeconds: 24 * ocean)]
    }

    private func layout(_ sets: [ComponentKind: ProcessorSet]) -> ProcessorLayout {
        var layout = ProcessorLayout.allOnAllRanks(worldSize: 1)
        for (kind, set) in sets { layout[kind] = set }
        return layout
    }

    @Test("one rank: the ocean, then per step land, ice, coupler, atmosphere, one after another")
    func oneRank() {
        let prediction = TimelinePredictor(sequence: SyntheticCases.sequence(), costs: costs(ocean: 5)).predict(.allOnAllRanks(worldSize: 1))
        // Per 2-step cycle: 5 + 2 × (1 + 2 + 0.5 + 3) = 18 s; 24 cycles a day.
        #expect(SyntheticCases.close(prediction.cycleSeconds, 18))
        #expect(SyntheticCases.close(prediction.secondsPerDay, 18 * 24))
        let expected: [(ComponentKind, Int, Double, Double)] = [
            (.ocn, 0, 0, 5), (.lnd, 0, 5, 6), (.ice, 0, 6, 8), (.cpl, 0, 8, 8.5), (.atm, 0, 8.5, 11.5),
            (.lnd, 1, 11.5, 12.5), (.ice, 1, 12.5, 14.5), (.cpl, 1, 14.5, 15), (.atm, 1, 15, 18),
        ]
        #expect(prediction.bars.count == expected.count)
        for (bar, (kind, step, start, end)) in zip(prediction.bars, expected) {
            #expect(bar.component == kind && bar.step == step && SyntheticCases.close(bar.start, start) && SyntheticCases.close(bar.end, end),
                    "\(bar)")
        }
    }

    @Test("a concurrent ocean overlaps the others; the coupler waits for the slower side at the interval's end")
    func concurrentOcean() {
        let split = layout([.ocn: ProcessorSet(ntasks: 1, rootRank: 1)])
        // Others: 2 × 6.5 = 13 s per ocean interval.
        let fastOcean = TimelinePredictor(sequence: SyntheticCases.sequence(), costs: costs(ocean: 5)).predict(split)
        #expect(SyntheticCases.close(fastOcean.secondsPerDay, 13 * 24))
        let slowOcean = TimelinePredictor(sequence: SyntheticCases.sequence(), costs: costs(ocean: 20)).predict(split)
        #expect(SyntheticCases.close(slowOcean.secondsPerDay, 20 * 24))
        #expect(slowOcean.bars.contains { $0.component == .ocn && SyntheticCases.close($0.start, 0) && SyntheticCases.close($0.end, 20) })
        #expect(slowOcean.bars.contains { $0.component == .lnd && $0.step == 0 && SyntheticCases.close($0.start, 0) })
    }

    @Test("land and sea ice side by side run at the same time")
    func sideBySide() {
        let l = layout([.lnd: ProcessorSet(ntasks: 1, rootRank: 0), .ice: ProcessorSet(ntasks: 1, rootRank: 1),
                        .atm: ProcessorSet(ntasks: 2), .cpl: ProcessorSet(ntasks: 1), .ocn: ProcessorSet(ntasks: 1, rootRank: 2)])
        // Per step max(1, 2) + 0.5 + 3 = 5.5; the ocean (5 s) hides behind 2 steps = 11 s.
        let prediction = TimelinePredictor(sequence: SyntheticCases.sequence(), costs: costs(ocean: 5)).predict(l)
        #expect(SyntheticCases.close(prediction.secondsPerDay, 11 * 24))
        let step0 = prediction.bars.filter { $0.step == 0 }
        #expect(step0.contains { $0.component == .lnd && SyntheticCases.close($0.start, 0) })
        #expect(step0.contains { $0.component == .ice && SyntheticCases.close($0.start, 0) })
        #expect(step0.contains { $0.component == .atm && SyntheticCases.close($0.start, 2.5) })
    }

    @Test("strided sets: land on odd ranks and ice on even ranks do not overlap, so they run side by side")
    func strides() {
        let l = layout([.lnd: ProcessorSet(ntasks: 2, rootRank: 1, stride: 2), .ice: ProcessorSet(ntasks: 2, rootRank: 0, stride: 2),
                        .atm: ProcessorSet(ntasks: 4), .cpl: ProcessorSet(ntasks: 1), .ocn: ProcessorSet(ntasks: 4)])
        // Ocean every step (1 s): per step 1 + max(2, 1) + 1 + 1 = 5.
        let sequence = SyntheticCases.sequence(ocn: 1)
        let costs: [ComponentKind: CostModel] = [.ocn: CostModel(serialSeconds: 48), .lnd: CostModel(serialSeconds: 96),
                                                 .ice: CostModel(serialSeconds: 48), .cpl: CostModel(serialSeconds: 48),
                                                 .atm: CostModel(serialSeconds: 48)]
        #expect(SyntheticCases.close(TimelinePredictor(sequence: sequence, costs: costs).predict(l).secondsPerDay, 5 * 48))
    }

    @Test("an atmosphere that imports nothing, on its own rank, runs ahead of the coupler")
    func dataAtmosphereRunsAhead() {
        let l = layout([.atm: ProcessorSet(ntasks: 1, rootRank: 1)])
        let costs: [ComponentKind: CostModel] = [.ocn: CostModel(serialSeconds: 48), .lnd: CostModel(serialSeconds: 48),
                                                 .ice: CostModel(serialSeconds: 48), .cpl: CostModel(serialSeconds: 48),
                                                 .atm: CostModel(serialSeconds: 48 * 3)]
        // Rank 0 does ocean, land, ice, coupler (4 s) while the data atmosphere (3 s) runs on rank 1: 4 s per step.
        let data = TimelinePredictor(sequence: SyntheticCases.sequence(ocn: 1, roles: [.atm: .exportsOnly]), costs: costs).predict(l)
        #expect(SyntheticCases.close(data.secondsPerDay, 4 * 48))
        // An atmosphere that needs the coupler's fields waits for them: 4 + 3 s per step.
        let active = TimelinePredictor(sequence: SyntheticCases.sequence(ocn: 1), costs: costs).predict(l)
        #expect(SyntheticCases.close(active.secondsPerDay, 7 * 48))
    }

    @Test("an absent component costs nothing and holds nobody up")
    func absentComponent() {
        // The absent ocean's placeholder shares rank 0 but never runs or exchanges.
        let prediction = TimelinePredictor(sequence: SyntheticCases.sequence(roles: [.ocn: .absent]), costs: costs(ocean: 100))
            .predict(.allOnAllRanks(worldSize: 1))
        #expect(SyntheticCases.close(prediction.secondsPerDay, 6.5 * 48))
        #expect(prediction.cycleSteps == 1)
        #expect(!prediction.bars.contains { $0.component == .ocn })
    }

    @Test("the atmosphere every 2 steps: steps without it take only the surface and the coupler")
    func longerAtmosphereInterval() {
        let costs: [ComponentKind: CostModel] = [.lnd: CostModel(serialSeconds: 48), .ice: CostModel(serialSeconds: 48),
                                                 .cpl: CostModel(serialSeconds: 48), .atm: CostModel(serialSeconds: 24 * 4),
                                                 .ocn: CostModel(serialSeconds: 24 * 2)]
        // Cycle of 2 steps: ocean 2, then (1 + 1 + 1 + 4) + (1 + 1 + 1) = 12 s.
        let prediction = TimelinePredictor(sequence: SyntheticCases.sequence(atm: 2, ocn: 2), costs: costs).predict(.allOnAllRanks(worldSize: 1))
        #expect(SyntheticCases.close(prediction.cycleSeconds, 12))
        #expect(prediction.bars.filter { $0.component == .atm }.count == 1)
    }
}
