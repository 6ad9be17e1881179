import Coupling
import MPI
import Pictures

/// Records, on each rank, the phases of a few driver steps for the timeline picture
/// (`timing/timeline.svg`): every timer (`Timers`) named after a group this rank is the root
/// of — `atm run`, `cpl map ocn->atm`, `cpl rearrange cpl->ice`, ... The window covers two of the longest coupling
/// intervals, after the first one when the run is long enough (start-up effects excluded).
/// On the same ranks and steps it records the run-sequence events the rank took part in.
/// Every rank meets at a barrier when the window opens, so their clocks share an origin.
final class TimelineRecorder {
    /// The driver steps recorded (counted from 0 at the start of this run).
    let window: Range<Int>
    private let roots: Set<ComponentKind>
    private var origin: Double?
    private var step = -1
    private(set) var bars: [TimelinePicture.Bar] = []
    /// The run-sequence events this rank took part in, one entry per recorded step.
    private(set) var events: [RankEvents] = []
    private let rank: Int

    /// A recorder for a run of `steps` driver steps whose longest coupling interval is
    /// `stepsPerLongestInterval` steps, on world rank `rank`, the root of `roots`.
    init(steps: Int, stepsPerLongestInterval: Int, rank: Int, roots: Set<ComponentKind>) {
        self.rank = rank
        let length = min(2 * stepsPerLongestInterval, steps)
        let start = steps >= 3 * stepsPerLongestInterval ? stepsPerLongestInterval : 0
        window = start ..< start + length
        self.roots = roots
    }

    /// A driver step begins (collective over `world` when the window opens).
    func stepBegins(world: Communicator) throws(MPIError) {
        step += 1
        if step == window.lowerBound {
            try world.barrier()
            origin = MPIRuntime.wallTime()
        }
    }

    /// Records timer `name` from `start` to `end` (wall time) if it falls in the window and
    /// names a group this rank is the root of (its first word: `atm`, ..., `cpl`).
    func record(_ name: String, start: Double, end: Double) {
        guard let origin, window.contains(step), let first = name.split(separator: " ").first,
              let group = ComponentKind(rawValue: String(first)), roots.contains(group) else { return }
        bars.append(TimelinePicture.Bar(group: group, label: name, start: start - origin, end: end - origin))
    }

    /// Records that this rank took part in `event` in driver step `caseStep` (counted from the
    /// start of the case), if the step falls in the window and this rank is a group's root.
    func record(_ event: SequenceEvent, atStep caseStep: Int) {
        guard origin != nil, window.contains(step), !roots.isEmpty else { return }
        if events.last?.step != caseStep { events.append(RankEvents(rank: rank, step: caseStep, events: [])) }
        events[events.count - 1].events.append("\(event)")
    }
}
