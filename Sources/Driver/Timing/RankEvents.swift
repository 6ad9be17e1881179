/// The run-sequence events one rank took part in during one driver step, as the timeline
/// recorded them (`timing/timing.json`, `events`).
public struct RankEvents: Sendable, Hashable, Codable {
    /// The world rank.
    public let rank: Int
    /// The driver step, counted from 0 at the start of the case.
    public let step: Int
    /// The events, in the order the rank did them (`cpl -> ocn`, `ocn run`, ...).
    public internal(set) var events: [String]
}
