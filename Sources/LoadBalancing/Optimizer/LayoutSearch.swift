import Coupling
import Driver

/// Finds the layout with the least predicted time per simulated day on N ranks, exactly, over
/// the layouts of `LayoutArrangement` (every arrangement offered, every integer task count).
///
/// **The time of a layout.** Within one cycle of the run sequence (one ocean interval in the
/// usual case) the coupler meets every component at every step, so the steps follow one
/// another and a step takes its surface part (land, river and sea ice), plus the coupler's work,
/// plus the atmosphere's run. The river runs on the land's side, after the land (its runs follow
/// the land's in the sequence). Per cycle, with `X(n)` a component's cost of one coupling
/// interval on n tasks and `k_X` its intervals per cycle:
///
///     surface  S = Σ_steps max(l·L + r·R, i·I)        (side by side)
///              S = k_lnd·L + k_rof·R + k_ice·I        (stacked)
///     others   G = k_atm·A + k_cpl·C + S
///     cycle      = max(O, G)       ocean concurrent (one ocean interval per cycle)
///                = k_ocn·O + G     ocean sequential (it runs first, everyone waits)
///
/// where l, r and i are 1 at the steps where the land, river or sea ice starts an interval and 0
/// elsewhere (the sum is over the steps' distinct patterns, `SurfaceStep`). These are exactly the
/// times the `TimelinePredictor` gives those layouts (the tests check it on every layout of the
/// family for small N).
///
/// **The search.** A component that may use *up to* n tasks is best on the task count minimising
/// its cost over `1 ... n` (a prefix minimum: more tasks are never forced on it). The cycle time
/// only grows with each component's cost, so:
/// - stacked: the best surface within width w is `k_lnd·L*(w) + k_rof·R*(w) + k_ice·I*(w)`
///   (`*` = prefix minimum);
/// - side by side: `min over x` of the surface with land and river up to x and ice up to w − x; prefix
///   minima of convex costs are convex, so this function of x is convex (a maximum and sums of
///   convex functions) and a binary search on its slope finds the minimum;
/// - the atmosphere on n_atm tasks covers that surface and the coupler (up to n_atm tasks):
///   `h(n_atm) = k_atm·A(n_atm) + C*(n_atm) + S*(n_atm)`, and the best with up to M ranks is
///   the prefix minimum `G*(M)`;
/// - concurrent ocean: `min over M of max(O*(N − M), G*(M))`; sequential: `O*(N) + G*(N)`.
/// Each step is an exact minimisation, so the result is the optimum over the whole family, in
/// O(N log N) time (well under a second for thousands of ranks). The family is not every possible
/// layout: strided and interleaved layouts, or a coupler outside the atmosphere, are not
/// searched; the predictor can still judge them.
///
/// The formulas are those of `cpl_seq_option = 'CESM1_MOD'`. With any other order they may
/// misjudge a concurrent ocean (with `'CESM1_MOD_TIGHT'` the atmosphere waits for it at the end
/// of each ocean interval, so `max(O, G)` understates it): the search still picks the task
/// counts by the formulas, but ranks and reports every layout by the `TimelinePredictor`'s time.
public struct LayoutSearch: Sendable {
    /// The components' coupling intervals and roles: when each runs and meets the coupler.
    public let sequence: RunSequence
    /// Each component's cost model at its thread count; a missing one costs nothing.
    public let costs: [ComponentKind: CostModel]
    /// Threads per task of each component, kept as in the namelist (1 when missing).
    public let threads: [ComponentKind: Int]

    /// The components the search places (its arrangements know where each goes); a run in
    /// which any other component takes part is refused.
    public static let placedComponents: Set<ComponentKind> = [.atm, .lnd, .rof, .ice, .ocn, .cpl]

    /// A search over `sequence` with each component's cost model and threads per task.
    public init(sequence: RunSequence, costs: [ComponentKind: CostModel], threads: [ComponentKind: Int] = [:]) {
        self.sequence = sequence
        self.costs = costs
        self.threads = threads
    }

    /// The best layout on `totalTasks` ranks, and the best of every other arrangement offered.
    public func run(totalTasks: Int) throws(LayoutSearchError) -> LayoutSearchResult {
        guard totalTasks >= 1 else { throw LayoutSearchError("the total task count is \(totalTasks); at least 1 is needed") }
        if let kind = ComponentKind.all.first(where: { (threads[$0] ?? 1) < 1 }) {
            throw LayoutSearchError("\(kind) has \(threads[kind]!) threads per task; at least 1 is needed")
        }
        if let kind = ComponentKind.models.first(where: { sequence.isPresent($0) && !Self.placedComponents.contains($0) }) {
            throw LayoutSearchError("\(kind) (\(kind.longName)) takes part in the run, but the layout search places only "
                + Self.placedComponents.sorted().map(\.rawValue).joined(separator: ", "))
        }
        let predictor = TimelinePredictor(sequence: sequence, costs: costs)
        let proposals = LayoutArrangement.offered(for: sequence, totalTasks: totalTasks).map { arrangement in
            let (tasks, cycleSeconds) = best(arrangement, totalTasks: totalTasks)
            guard let layout = arrangement.layout(tasks: tasks, totalTasks: totalTasks, threads: threads, sequence: sequence) else {
                preconditionFailure("the search built task counts outside its own family: \(arrangement) \(tasks)")
            }
            // The formulas are those of the lagged ocean (`CESM1_MOD`); with any other order they
            // only choose the task counts, and the time is the predictor's.
            let prediction = predictor.predict(layout)
            return LayoutProposal(arrangement: arrangement, tasks: tasks, layout: layout,
                                  secondsPerDay: sequence.option == .cesm1Mod ? cycleSeconds / sequence.cycleDays : prediction.secondsPerDay,
                                  prediction: prediction)
        }
        let ranked = proposals.enumerated().sorted { ($0.element.secondsPerDay, $0.offset) < ($1.element.secondsPerDay, $1.offset) }
            .map(\.element)
        return LayoutSearchResult(best: ranked[0], alternatives: Array(ranked.dropFirst()))
    }

    /// The task counts of the fastest layout of `arrangement` and its time per cycle, seconds.
    private func best(_ arrangement: LayoutArrangement, totalTasks: Int) -> (tasks: [ComponentKind: Int], cycleSeconds: Double) {
        let n = totalTasks
        let coupler = PrefixMinimum(count: n) { cyclePart(.cpl, tasks: $0) }
        let land = PrefixMinimum(count: n) { intervalCost(.lnd, tasks: $0) }
        let river = PrefixMinimum(count: n) { intervalCost(.rof, tasks: $0) }
        let ice = PrefixMinimum(count: n) { intervalCost(.ice, tasks: $0) }
        let ocean = PrefixMinimum(count: n) { cyclePart(.ocn, tasks: $0) }
        let costs = SurfaceCosts(steps: surfaceSteps, land: land, river: river, ice: ice)
        let surfaces = (1 ... n).map { width in
            arrangement.surface == .stacked ? stacked(width: width, costs) : sideBySide(width: width, costs)
        }
        let others = PrefixMinimum(count: n) { atmosphere in
            cyclePart(.atm, tasks: atmosphere) + coupler.value(upTo: atmosphere) + surfaces[atmosphere - 1].seconds
        }

        var othersRanks = n
        var oceanTasks = 1
        var cycleSeconds = others.value(upTo: n)
        if sequence.isPresent(.ocn) {
            switch arrangement.ocean {
            case .sequential:
                oceanTasks = ocean.argument(upTo: n)
                cycleSeconds += ocean.value(upTo: n)
            case .concurrent:
                cycleSeconds = .infinity
                for ranks in 1 ..< n {
                    let time = max(ocean.value(upTo: n - ranks), others.value(upTo: ranks))
                    if time < cycleSeconds {
                        (cycleSeconds, othersRanks, oceanTasks) = (time, ranks, ocean.argument(upTo: n - ranks))
                    }
                }
            }
        }
        let atmosphere = others.argument(upTo: othersRanks)
        let surface = surfaces[atmosphere - 1]
        let tasks: [ComponentKind: Int] = [
            .atm: sequence.isPresent(.atm) ? atmosphere : 1, .lnd: surface.land, .rof: surface.river, .ice: surface.ice,
            .ocn: oceanTasks, .cpl: coupler.argument(upTo: atmosphere),
        ]
        return (tasks, cycleSeconds)
    }

    /// Land, river and sea ice all within ranks `0 ..< width`.
    private func stacked(width: Int, _ costs: SurfaceCosts) -> SurfaceChoice {
        SurfaceChoice(seconds: intervalsPerCycle(.lnd) * costs.land.value(upTo: width) + intervalsPerCycle(.rof) * costs.river.value(upTo: width)
                          + intervalsPerCycle(.ice) * costs.ice.value(upTo: width),
                      land: costs.land.argument(upTo: width), river: costs.river.argument(upTo: width), ice: costs.ice.argument(upTo: width))
    }

    /// Land and river on `0 ..< x`, sea ice on the next `width − x` ranks, with the best x.
    private func sideBySide(width: Int, _ costs: SurfaceCosts) -> SurfaceChoice {
        guard width >= 2 else { return SurfaceChoice(seconds: .infinity, land: 1, river: 1, ice: 1) }
        func seconds(_ x: Int) -> Double {
            let l = costs.land.value(upTo: x), r = costs.river.value(upTo: x), i = costs.ice.value(upTo: width - x)
            return costs.steps.reduce(0) { sum, step in
                sum + step.count * max((step.land ? l : 0) + (step.river ? r : 0), step.ice ? i : 0)
            }
        }
        // Convex in x: the first x whose right neighbour is no better is a minimum.
        var low = 1, high = width - 1
        while low < high {
            let middle = (low + high) / 2
            if seconds(middle + 1) >= seconds(middle) { high = middle } else { low = middle + 1 }
        }
        return SurfaceChoice(seconds: seconds(low), land: costs.land.argument(upTo: low), river: costs.river.argument(upTo: low),
                             ice: costs.ice.argument(upTo: width - low))
    }

    /// The distinct patterns of land, river and sea ice intervals starting at one step of the
    /// cycle, with how many steps have each (absent components never start), in a fixed order.
    private var surfaceSteps: [SurfaceStep] {
        let patterns = [false, true].flatMap { land in [false, true].flatMap { river in [false, true].map { ice in (land, river, ice) } } }
        return patterns.compactMap { land, river, ice in
            let count = (0 ..< sequence.cycleSteps).count { step in
                func starts(_ kind: ComponentKind) -> Bool { sequence.isPresent(kind) && step % sequence.steps(kind) == 0 }
                return (starts(.lnd), starts(.rof), starts(.ice)) == (land, river, ice)
            }
            return count == 0 ? nil : SurfaceStep(land: land, river: river, ice: ice, count: Double(count))
        }
    }

    /// Component `kind`'s cost of one coupling interval (one driver step for the coupler) on `tasks`
    /// tasks, seconds; 0 when it is absent.
    private func intervalCost(_ kind: ComponentKind, tasks: Int) -> Double {
        guard sequence.isPresent(kind) else { return 0 }
        return (costs[kind] ?? .zero).secondsPerDay(tasks: tasks) * sequence.intervalDays(kind)
    }

    /// How many coupling intervals of `kind` a cycle holds (0 when it is absent).
    private func intervalsPerCycle(_ kind: ComponentKind) -> Double {
        sequence.isPresent(kind) ? Double(sequence.cycleSteps / sequence.steps(kind)) : 0
    }

    /// Component `kind`'s cost over one cycle on `tasks` tasks, seconds.
    private func cyclePart(_ kind: ComponentKind, tasks: Int) -> Double {
        intervalsPerCycle(kind) * intervalCost(kind, tasks: tasks)
    }
}

/// The prefix-minimum costs of the surface components and the cycle's surface steps, for one search.
private struct SurfaceCosts {
    let steps: [SurfaceStep]
    let land: PrefixMinimum
    let river: PrefixMinimum
    let ice: PrefixMinimum
}

/// The best surface within some width: its time per cycle and the task counts.
private struct SurfaceChoice {
    let seconds: Double
    let land: Int
    let river: Int
    let ice: Int
}

/// Which surface components start an interval at a step, and at how many steps of a cycle.
private struct SurfaceStep {
    let land: Bool
    let river: Bool
    let ice: Bool
    let count: Double
}
