import Coupling

/// One run of a component in a predicted timeline: it occupies all the component's ranks from
/// `start` to `end` (wall-clock seconds from the start of the cycle shown).
public struct TimelineBar: Sendable, Hashable {
    /// The component running; `.cpl` is the coupler's own work.
    public let component: ComponentKind
    /// The driver step within the cycle (0 for the first).
    public let step: Int
    /// When the run starts, wall-clock seconds from the start of the cycle.
    public let start: Double
    /// When the run ends, wall-clock seconds from the start of the cycle.
    public let end: Double

    /// A bar for `component`'s run in driver step `step`, from `start` to `end` seconds.
    public init(component: ComponentKind, step: Int, start: Double, end: Double) {
        self.component = component
        self.step = step
        self.start = start
        self.end = end
    }
}
