/// One term of the cost model `T(n) = a/n + b + c·n` (see `CostModel`).
public enum CostTerm: String, Sendable, Hashable, CaseIterable, Codable {
    /// `a/n`: work shared perfectly among the tasks.
    case parallel
    /// `b`: work every task repeats, or that one task does while the others wait (Amdahl's serial part).
    case serial
    /// `c·n`: cost that grows with the task count (communication, collectives, halo exchanges).
    case perTask
}
