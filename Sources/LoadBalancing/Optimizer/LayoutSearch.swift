import Coupling
import Driver

/// Finds the layout with the least predicted time per simulated day on N ranks, exactly, over
/// the layouts of `LayoutArrangement` (every arrangement offered, every integer task count).
///
/// **The time of a layout.** Within one cycle of the run sequence (one ocean interval in the
/// usual case) the coupler meets every component at every step, so the steps follow one
/// another and a step takes its land/ice part, plus the coupler's work, plus the atmosphere's
/// run. Per cycle, with `X(n)` a component's cost of one coupling interval on n tasks and
/// `k_X` its intervals per cycle:
///
///     surface  S = k_both·max(L, I) + (k_lnd − k_both)·L + (k_ice − k_both)·I   (side by side)
///              S = k_lnd·L + k_ice·I                                           (stacked)
///     others   G = k_atm·A + k_cpl·C + S
///     cycle      = max(O, G)       ocean concurrent (one ocean interval per cycle)
///                = k_ocn·O + G     ocean sequential (it runs first, everyone waits)
///
/// where `k_both` counts the steps where land and ice both start. These are exactly the times
/// the `TimelinePredictor` gives those layouts (the tests check it on every layout of the family
/// for small N).
///
/// **The search.** A component that may use *up to* n tasks is best on the task count minimising
/// its cost over `1 ... n` (a prefix minimum: more tasks are never forced on it). The cycle time
/// only grows with each component's cost, so:
/// - stacked: the best surface within width w is `k_lnd·L*(w) + k_ice·I*(w)` (`*` = prefix minimum);
/// - side by side: `min over x` of the surface with land up to x and ice up to w − x; prefix
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
    public static let placedComponents: Set<ComponentKind> = [.atm, .lnd, .ice, .ocn, .cpl]

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
        let ice = PrefixMinimum(count: n) { intervalCost(.ice, tasks: $0) }
        let ocean = PrefixMinimum(count: n) { cyclePart(.ocn, tasks: $0) }
        let surfaces = (1 ... n).map { width in
            arrangement.surface == .stacked ? stacked(width: width, land: land, ice: ice) : sideBySide(width: width, land: land, ice: ice)
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
            .atm: sequence.isPresent(.atm) ? atmosphere : 1, .lnd: surface.land, .ice: surface.ice,
            .ocn: oceanTasks, .cpl: coupler.argument(upTo: atmosphere),
        ]
        return (tasks, cycleSeconds)
    }

    /// Land and sea ice both within ranks `0 ..< width`.
    private func stacked(width: Int, land: PrefixMinimum, ice: PrefixMinimum) -> (seconds: Double, land: Int, ice: Int) {
        (intervalsPerCycle(.lnd) * land.value(upTo: width) + intervalsPerCycle(.ice) * ice.value(upTo: width),
         land.argument(upTo: width), ice.argument(upTo: width))
    }

    /// Land on `0 ..< x`, sea ice on the next `width − x` ranks, with the best x.
    private func sideBySide(width: Int, land: PrefixMinimum, ice: PrefixMinimum) -> (seconds: Double, land: Int, ice: Int) {
        guard width >= 2 else { return (.infinity, 1, 1) }
        let both = Double(sequence.cycleSteps / leastCommonMultiple(sequence.steps(.lnd), sequence.steps(.ice)))
        let landAlone = intervalsPerCycle(.lnd) - both, iceAlone = intervalsPerCycle(.ice) - both
        func seconds(_ x: Int) -> Double {
            let l = land.value(upTo: x), i = ice.value(upTo: width - x)
            return both * max(l, i) + landAlone * l + iceAlone * i
        }
        // Convex in x: the first x whose right neighbour is no better is a minimum.
        var low = 1, high = width - 1
        while low < high {
            let middle = (low + high) / 2
            if seconds(middle + 1) >= seconds(middle) { high = middle } else { low = middle + 1 }
        }
        return (seconds(low), land.argument(upTo: low), ice.argument(upTo: width - low))
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

private func leastCommonMultiple(_ a: Int, _ b: Int) -> Int {
    var (x, y) = (a, b)
    while y != 0 { (x, y) = (y, x % y) }
    return a / x * b
}
