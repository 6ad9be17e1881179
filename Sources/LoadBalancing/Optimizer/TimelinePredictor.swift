import Coupling
import Driver

/// Predicts how long a layout takes per simulated day by walking the driver's run sequence on
/// every rank, the way the ranks themselves walk it.
///
/// Each rank executes the events of `RunSequence.events(atStep:)` in program order and skips
/// those it has no part in (`participants(of:in:)`; list scheduling). A rank is free from some
/// time on:
/// - an exchange between the coupler and component X starts when every rank of X and of the
///   coupler is free, and (an approximation: it is small next to the runs) takes no time;
/// - a run of X starts when every rank of X is free (its tasks work together: halo exchanges,
///   reductions) and keeps them busy for X's cost of one coupling interval,
///   `T_X(ntasks) × interval / 1 day`;
/// - the coupler's phases start when every coupler rank is free; the first phase of a driver
///   step carries the coupler's cost of the step, `T_cpl(ntasks) × step / 1 day`, the others
///   take no time;
/// - advancing the clock involves no other rank and takes no time; history and restart are
///   left out (their alarms are taken not to ring).
///
/// Components on disjoint ranks overlap in time exactly where the sequence lets them (with
/// `CESM1_MOD`, the ocean beside everything until its interval ends; land beside sea ice);
/// shared ranks make them take turns. Any valid layout can be predicted, overlapping or not,
/// with any strides.
///
/// The sequence is simulated for three cycles (see `RunSequence.cycleSteps`); the first lets
/// start-up effects pass, and the time per day is the mean over the other two, from the moment
/// the last rank finishes each cycle.
public struct TimelinePredictor: Sendable {
    /// The run sequence to walk: the one the driver executed in the test runs.
    public let sequence: RunSequence
    /// Each component's cost model at the layout's thread counts (a missing one costs nothing).
    public let costs: [ComponentKind: CostModel]

    /// A predictor for runs following `sequence`, with each component's cost model.
    public init(sequence: RunSequence, costs: [ComponentKind: CostModel]) {
        self.sequence = sequence
        self.costs = costs
    }

    /// The world ranks of `layout` that take part in `event`: both sides of an exchange, the
    /// component's ranks for its run, the coupler's for its phases, every rank for the clock,
    /// history and restart.
    public func participants(of event: SequenceEvent, in layout: ProcessorLayout) -> [Int] {
        switch event {
        case .send(let kind), .receive(let kind): layout[kind].ranks + layout[.cpl].ranks
        case .run(let kind): layout[kind].ranks
        case .coupler, .averagedHistory: layout[.cpl].ranks
        case .advanceClock, .history, .restart: Array(0 ..< layout.requiredWorldSize)
        }
    }

    /// The predicted steady state of `layout`, which must be valid on the ranks it spans.
    public func predict(_ layout: ProcessorLayout) -> TimelinePrediction {
        precondition(layout.problems(worldSize: layout.requiredWorldSize).isEmpty, "only a valid layout can be predicted")
        let runSeconds = Dictionary(uniqueKeysWithValues: ComponentKind.all.map { kind in
            (kind, sequence.isPresent(kind) ? (costs[kind] ?? .zero).secondsPerDay(tasks: layout[kind].ntasks) * sequence.intervalDays(kind) : 0)
        })
        // One cycle's program: per step, each event that takes time or makes ranks wait for each
        // other, with its ranks and its duration.
        let cycle = sequence.cycleSteps
        let program = (0 ..< cycle).map { step in
            var couplerCharged = false
            return sequence.events(atStep: step).compactMap { event -> (ranks: [Int], seconds: Double, run: ComponentKind?)? in
                switch event {
                case .run(let kind): return (participants(of: event, in: layout), runSeconds[kind]!, kind)
                case .send, .receive: return (participants(of: event, in: layout), 0, nil)
                case .coupler:
                    defer { couplerCharged = true }
                    return (participants(of: event, in: layout), couplerCharged ? 0 : runSeconds[.cpl]!, couplerCharged ? nil : .cpl)
                case .advanceClock, .history, .averagedHistory, .restart: return nil
                }
            }
        }
        var free = [Double](repeating: 0, count: layout.requiredWorldSize)
        var finished = [Double]()
        var bars = [TimelineBar]()
        for step in 0 ..< 3 * cycle {
            let recording = step >= 2 * cycle
            for (ranks, seconds, run) in program[step % cycle] {
                var start = 0.0
                for rank in ranks { start = max(start, free[rank]) }
                let end = start + seconds
                for rank in ranks { free[rank] = end }
                if recording, let run { bars.append(TimelineBar(component: run, step: step % cycle, start: start, end: end)) }
            }
            if (step + 1) % cycle == 0 { finished.append(free.max()!) }
        }
        let cycleSeconds = (finished[2] - finished[0]) / 2
        let origin = min(finished[1], bars.map(\.start).min() ?? finished[1])
        return TimelinePrediction(
            layout: layout, secondsPerDay: cycleSeconds / sequence.cycleDays, cycleSeconds: cycleSeconds, cycleSteps: cycle,
            bars: bars.map { TimelineBar(component: $0.component, step: $0.step, start: $0.start - origin, end: $0.end - origin) })
    }
}
