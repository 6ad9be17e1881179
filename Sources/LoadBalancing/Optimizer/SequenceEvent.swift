import Coupling

/// One thing a driver step does, as the timeline predictor sees it.
public enum SequenceEvent: Sendable, Hashable {
    /// Fields move between the coupler and a model component (either way). The ranks of both take
    /// part; it is taken to start when all of them are free and to take no time.
    case exchange(ComponentKind)
    /// A model component runs through one coupling interval on its ranks, starting when all of them
    /// are free; `.run(.cpl)` is the coupler's own work for the step on the coupler's ranks.
    case run(ComponentKind)
}
