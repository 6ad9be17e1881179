import MPI

/// Named wall-clock timers of one rank: total seconds and number of calls per name. Names
/// are like `atm run` or `cpl map atm->ocn`; timing the same name again adds to it.
public final class Timers {
    /// One timer's totals.
    public struct Total: Sendable, Hashable {
        /// Wall-clock seconds summed over all calls.
        public var seconds: Double
        /// How many stretches were timed.
        public var calls: Int
    }

    private var totals: [String: Total] = [:]
    private var order: [String] = []
    /// Called with every timed stretch (name, start and end wall time), for timelines.
    public var observer: ((_ name: String, _ start: Double, _ end: Double) -> Void)?

    /// A set with no timers yet.
    public init() {}

    /// Times `body` under `name`.
    @discardableResult
    public func time<T, E: Error>(_ name: String, _ body: () throws(E) -> T) throws(E) -> T {
        let start = MPIRuntime.wallTime()
        defer {
            let end = MPIRuntime.wallTime()
            add(name, seconds: end - start)
            observer?(name, start, end)
        }
        return try body()
    }

    /// Adds `seconds` (one call) to timer `name`.
    public func add(_ name: String, seconds: Double) {
        if totals[name] == nil { order.append(name) }
        totals[name, default: Total(seconds: 0, calls: 0)].seconds += seconds
        totals[name, default: Total(seconds: 0, calls: 0)].calls += 1
    }

    /// Every timer, in the order first used.
    public var all: [(name: String, total: Total)] { order.map { ($0, totals[$0]!) } }

    /// The total of `name`, if it was used.
    public func total(_ name: String) -> Total? { totals[name] }
}
