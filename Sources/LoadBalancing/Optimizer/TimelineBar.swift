import Coupling

/// One run of a component in a predicted timeline: it occupies all the component's ranks from
/// `start` to `end` (wall-clock seconds from the start of the cycle shown).
public struct TimelineBar: Sendable, Hashable {
    /// The component running; `.cpl` is the coupler's own work.
    public let component: ComponentKind
    /// The driver step within the cycle (0 for the first).
    public let step: Int
    public let start: Double
    public let end: Double

    public init(component: ComponentKind, step: Int, start: Double, end: Double) {
        self.component = component
        self.step = step
        self.start = start
        self.end = end
    }
}
