/// Runs of consecutive local point indices, `start ..< start + count` each: which points of a
/// bundle go into (or come out of) one message, in message order.
public struct PointRuns: Sendable, Hashable {
    /// The first local point index of each run.
    public private(set) var starts: [Int] = []
    /// The number of points in each run.
    public private(set) var counts: [Int] = []
    /// The total number of points.
    public private(set) var pointCount = 0

    /// No runs.
    public init() {}

    /// Appends points `start ..< start + count`, extending the last run when they follow it.
    public mutating func append(start: Int, count: Int) {
        guard count > 0 else { return }
        if let last = starts.last, last + counts[counts.count - 1] == start {
            counts[counts.count - 1] += count
        } else {
            starts.append(start)
            counts.append(count)
        }
        pointCount += count
    }

    /// The number of runs.
    public var runCount: Int { starts.count }
}
