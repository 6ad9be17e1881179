import Coupling

/// Predicts how long a layout takes per simulated day by walking the driver's run sequence on
/// every rank, the way the ranks themselves walk it.
///
/// Each rank executes the events of `CouplingSchedule.events(atStep:)` in program order and
/// skips those it has no part in (list scheduling). A rank is free from some time on:
/// - an exchange between the coupler and component X starts when every rank of X and of the
///   coupler is free, and (an approximation: it is small next to the runs) takes no time;
/// - a run of X starts when every rank of X is free (its tasks work together: halo exchanges,
///   reductions) and keeps them busy for X's cost of one coupling interval,
///   `T_X(ntasks) × interval / 1 day`; the coupler's own work takes `T_cpl(ntasks) × step / 1 day`
///   per driver step.
///
/// Components on disjoint ranks overlap in time exactly where the sequence lets them (the ocean
/// beside everything until its interval ends; land beside sea ice); shared ranks make them take
/// turns. Any valid layout can be predicted, overlapping or not, with any strides.
///
/// The sequence is simulated for three cycles (see `CouplingSchedule.cycleSteps`); the first
/// lets start-up effects pass, and the time per day is the mean over the other two, from the
/// moment the last rank finishes each cycle.
public struct TimelinePredictor: Sendable {
    /// The components' coupling intervals and roles, which give the run sequence to walk.
    public let schedule: CouplingSchedule
    /// Each component's cost model at the layout's thread counts (a missing one costs nothing).
    public let costs: [ComponentKind: CostModel]

    /// A predictor for runs following `schedule`, with each component's cost model.
    public init(schedule: CouplingSchedule, costs: [ComponentKind: CostModel]) {
        self.schedule = schedule
        self.costs = costs
    }

    /// The predicted steady state of `layout`, which must be valid on the ranks it spans.
    public func predict(_ layout: ProcessorLayout) -> TimelinePrediction {
        precondition(layout.problems(worldSize: layout.requiredWorldSize).isEmpty, "only a valid layout can be predicted")
        // Per component (in `ComponentKind.all` order): its ranks, its ranks with the coupler's (a rank
        // may appear twice, which changes nothing below), one run's cost.
        let kinds = ComponentKind.all
        let own = kinds.map { layout[$0].ranks }
        let joined = own.map { $0 + own[kinds.firstIndex(of: .cpl)!] }
        let runSeconds = kinds.map { kind in
            schedule.isPresent(kind) ? (costs[kind] ?? .zero).secondsPerDay(tasks: layout[kind].ntasks) * schedule.intervalDays(kind) : 0
        }
        let cycle = schedule.cycleSteps
        let program = (0 ..< cycle).map { step in
            schedule.events(atStep: step).map { event -> (component: Int, isRun: Bool) in
                switch event {
                case .exchange(let kind): (kinds.firstIndex(of: kind)!, false)
                case .run(let kind): (kinds.firstIndex(of: kind)!, true)
                }
            }
        }
        var free = [Double](repeating: 0, count: layout.requiredWorldSize)
        var finished = [Double]()
        var bars = [TimelineBar]()
        for step in 0 ..< 3 * cycle {
            let recording = step >= 2 * cycle
            for (component, isRun) in program[step % cycle] {
                let ranks = isRun ? own[component] : joined[component]
                var start = 0.0
                for rank in ranks { start = max(start, free[rank]) }
                let end = isRun ? start + runSeconds[component] : start
                for rank in ranks { free[rank] = end }
                if recording && isRun { bars.append(TimelineBar(component: kinds[component], step: step % cycle, start: start, end: end)) }
            }
            if (step + 1) % cycle == 0 { finished.append(free.max()!) }
        }
        let cycleSeconds = (finished[2] - finished[0]) / 2
        let origin = min(finished[1], bars.map(\.start).min() ?? finished[1])
        return TimelinePrediction(
            layout: layout, secondsPerDay: cycleSeconds / schedule.cycleDays, cycleSeconds: cycleSeconds, cycleSteps: cycle,
            bars: bars.map { TimelineBar(component: $0.component, step: $0.step, start: $0.start - origin, end: $0.end - origin) })
    }
}
