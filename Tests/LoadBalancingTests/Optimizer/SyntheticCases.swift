import Coupling
import Driver
import Foundation
import LoadBalancing

/// Coupling sequences and cost curves for the predictor and search tests.
enum SyntheticCases {
    /// A sequence from intervals in driver steps of 1800 s (atm, lnd, ice, ocn, and a river when
    /// `rof` is given) and roles.
    static func sequence(atm: Int64 = 1, lnd: Int64 = 1, ice: Int64 = 1, ocn: Int64 = 2, rof: Int64? = nil,
                         roles: [ComponentKind: CouplingRole] = [:], option: SequenceOption = .cesm1Mod) -> RunSequence {
        var intervals: [ComponentKind: Int64] = [.atm: 1800 * atm, .lnd: 1800 * lnd, .ice: 1800 * ice, .ocn: 1800 * ocn]
        if let rof { intervals[.rof] = 1800 * rof }
        return try! RunSequence(option: option, intervals: intervals, roles: roles)
    }

    /// Named sequences covering the run sequence's cases.
    static let sequences: [(name: String, sequence: RunSequence)] = [
        ("ocean every 2 steps", sequence()),
        ("ocean every step", sequence(ocn: 1)),
        ("land every 2 steps, ocean every 4", sequence(lnd: 2, ocn: 4)),
        ("atmosphere every 2 steps", sequence(atm: 2, ocn: 2)),
        ("ocean more often than the atmosphere", sequence(atm: 2, ocn: 1)),
        ("data atmosphere and data ocean", sequence(roles: [.atm: .exportsOnly, .ocn: .exportsOnly])),
        ("no sea ice", sequence(roles: [.ice: .absent])),
        ("no land", sequence(roles: [.lnd: .absent])),
        ("no ocean", sequence(roles: [.ocn: .absent])),
        ("no atmosphere", sequence(roles: [.atm: .absent])),
        ("river every step", sequence(rof: 1)),
        ("river every 2 steps, land every step, ocean every 4", sequence(ocn: 4, rof: 2)),
        ("river but no land", sequence(rof: 1, roles: [.lnd: .absent])),
    ]

    /// A random convex cost curve: each of a, b, c is 0 with probability 1/3, else drawn on a log scale.
    static func randomModel(_ generator: inout SeededGenerator, scale: Double) -> CostModel {
        func term(_ low: Double, _ high: Double) -> Double {
            Int.random(in: 0 ..< 3, using: &generator) == 0 ? 0 : scale * low * pow(high / low, Double.random(in: 0 ... 1, using: &generator))
        }
        return CostModel(parallelSeconds: term(10, 1000), serialSeconds: term(0.1, 50), perTaskSeconds: term(0.01, 10))
    }

    /// Random costs for every component; the coupler is usually cheaper.
    static func randomCosts(_ generator: inout SeededGenerator) -> [ComponentKind: CostModel] {
        var costs = [ComponentKind: CostModel]()
        for kind in LayoutSearch.placedComponents.sorted() { costs[kind] = randomModel(&generator, scale: kind == .cpl ? 0.2 : 1) }
        return costs
    }

    /// Named cost shapes.
    static let shapes: [(name: String, costs: [ComponentKind: CostModel])] = [
        ("perfectly parallel", [.atm: CostModel(parallelSeconds: 400), .lnd: CostModel(parallelSeconds: 60),
                                .ice: CostModel(parallelSeconds: 90), .ocn: CostModel(parallelSeconds: 300),
                                .rof: CostModel(parallelSeconds: 30), .cpl: CostModel(parallelSeconds: 40)]),
        ("Amdahl", [.atm: CostModel(parallelSeconds: 400, serialSeconds: 20), .lnd: CostModel(parallelSeconds: 60, serialSeconds: 5),
                    .ice: CostModel(parallelSeconds: 90, serialSeconds: 8), .ocn: CostModel(parallelSeconds: 300, serialSeconds: 30),
                    .rof: CostModel(parallelSeconds: 30, serialSeconds: 6), .cpl: CostModel(parallelSeconds: 40, serialSeconds: 2)]),
        ("communication: interior optimum", [.atm: CostModel(parallelSeconds: 400, serialSeconds: 5, perTaskSeconds: 30),
                                             .lnd: CostModel(parallelSeconds: 60, perTaskSeconds: 8),
                                             .ice: CostModel(parallelSeconds: 90, serialSeconds: 1, perTaskSeconds: 12),
                                             .ocn: CostModel(parallelSeconds: 300, perTaskSeconds: 25),
                                             .rof: CostModel(parallelSeconds: 20, perTaskSeconds: 6),
                                             .cpl: CostModel(parallelSeconds: 40, perTaskSeconds: 10)]),
        ("expensive ocean", [.atm: CostModel(parallelSeconds: 100, serialSeconds: 10), .lnd: CostModel(parallelSeconds: 20, serialSeconds: 2),
                             .ice: CostModel(parallelSeconds: 30, serialSeconds: 3), .ocn: CostModel(parallelSeconds: 900, serialSeconds: 40),
                             .rof: CostModel(parallelSeconds: 5, serialSeconds: 1), .cpl: CostModel(parallelSeconds: 10, serialSeconds: 1)]),
        ("land heavier than ice", [.atm: CostModel(parallelSeconds: 50), .lnd: CostModel(parallelSeconds: 500, serialSeconds: 1),
                                   .ice: CostModel(parallelSeconds: 20, serialSeconds: 3), .ocn: CostModel(parallelSeconds: 100),
                                   .rof: CostModel(parallelSeconds: 300, serialSeconds: 2), .cpl: CostModel(serialSeconds: 1)]),
    ]

    /// Every layout of `arrangement` on `totalTasks` ranks: every combination of task counts the
    /// arrangement accepts (absent components only ever have 1 task).
    static func members(of arrangement: LayoutArrangement, totalTasks: Int, sequence: RunSequence,
                        threads: [ComponentKind: Int] = [:]) -> [ProcessorLayout] {
        func range(_ kind: ComponentKind) -> ClosedRange<Int> { sequence.isPresent(kind) ? 1 ... totalTasks : 1 ... 1 }
        var layouts = [ProcessorLayout]()
        for ocn in range(.ocn) {
            for atm in range(.atm) {
                for lnd in range(.lnd) {
                    for rof in range(.rof) {
                        for ice in range(.ice) {
                            for cpl in range(.cpl) {
                                let tasks: [ComponentKind: Int] = [.atm: atm, .lnd: lnd, .rof: rof, .ice: ice, .ocn: ocn, .cpl: cpl]
                                if let layout = arrangement.layout(tasks: tasks, totalTasks: totalTasks, threads: threads, sequence: sequence) {
                                    layouts.append(layout)
                                }
                            }
                        }
                    }
                }
            }
        }
        return layouts
    }

    /// Whether `a` and `b` agree to rounding.
    static func close(_ a: Double, _ b: Double) -> Bool {
        abs(a - b) <= 1e-9 * max(abs(a), abs(b), 1e-300)
    }
}
