/// Where the water of each cell of a regular longitude–latitude grid goes: to one of its eight
/// neighbours (D8), or nowhere (an ocean cell, which receives rivers, or the bottom of a
/// closed basin, which keeps its water).
///
/// Cells are numbered longitude fastest, from the southernmost row: cell `j·nlon + i` is
/// longitude `i`, latitude row `j`. Longitude is periodic; rows do not wrap over the poles.
public struct RiverNetwork: Sendable, Equatable {
    /// Cells per latitude row.
    public let longitudeCount: Int
    /// Latitude rows.
    public let latitudeCount: Int
    /// Whether each cell is ocean.
    public let isOcean: [Bool]
    /// The cell each cell drains to, or `nil` (ocean, closed basin).
    public let downstream: [Int?]
    /// The land cells, each after every cell that drains to it: routing in this order sees a
    /// cell's inflows before the cell.
    public let upstreamFirst: [Int]

    /// The cell count.
    public var cellCount: Int { isOcean.count }

    /// A network of given directions, checked: every direction leads to a neighbour, no ocean
    /// cell drains anywhere, and no path comes back to where it started.
    public init(longitudeCount: Int, latitudeCount: Int, isOcean: [Bool], downstream: [Int?]) throws(RiverNetworkError) {
        let n = longitudeCount * latitudeCount
        guard longitudeCount > 0, latitudeCount > 0, isOcean.count == n, downstream.count == n else {
            throw RiverNetworkError("\(isOcean.count) cells and \(downstream.count) directions for a grid of \(longitudeCount) × \(latitudeCount)")
        }
        for cell in 0 ..< n {
            guard let next = downstream[cell] else { continue }
            if isOcean[cell] { throw RiverNetworkError("ocean cell \(cell) drains to cell \(next)") }
            let neighbours = Self.neighbours(of: cell, longitudeCount: longitudeCount, latitudeCount: latitudeCount)
            guard neighbours.contains(next) else { throw RiverNetworkError("cell \(cell) drains to cell \(next), which is not one of its neighbours") }
        }
        self.longitudeCount = longitudeCount
        self.latitudeCount = latitudeCount
        self.isOcean = isOcean
        self.downstream = downstream
        // Kahn's order over the land cells: a cell comes once all that drain to it have come.
        var inflows = [Int](repeating: 0, count: n)
        for cell in 0 ..< n where !isOcean[cell] { if let next = downstream[cell], !isOcean[next] { inflows[next] += 1 } }
        var order = (0 ..< n).filter { !isOcean[$0] && inflows[$0] == 0 }
        var position = 0
        while position < order.count {
            if let next = downstream[order[position]], !isOcean[next] {
                inflows[next] -= 1
                if inflows[next] == 0 { order.append(next) }
            }
            position += 1
        }
        let landCount = isOcean.lazy.filter { !$0 }.count
        guard order.count == landCount else {
            let cell = (0 ..< n).first { !isOcean[$0] && inflows[$0] > 0 }!
            throw RiverNetworkError("the directions go round in a circle through cell \(cell)")
        }
        upstreamFirst = order
    }

    /// The network of the elevations `elevation` (m) over the land cells: each land cell drains
    /// to the neighbour from which a flood rising from the ocean first reaches it, the lowest of
    /// its neighbours on the way down, and water leaves a depression over its lowest pass
    /// (priority flood, Barnes et al. 2014). Every land cell then reaches the ocean; ties go to
    /// the cell reached first, so the same input gives the same network everywhere.
    public init(longitudeCount: Int, latitudeCount: Int, isOcean: [Bool], elevation: [Double]) throws(RiverNetworkError) {
        let n = longitudeCount * latitudeCount
        guard elevation.count == n, isOcean.count == n else {
            throw RiverNetworkError("\(elevation.count) elevations and \(isOcean.count) mask values for a grid of \(longitudeCount) × \(latitudeCount)")
        }
        if let cell = elevation.indices.first(where: { !elevation[$0].isFinite }) {
            throw RiverNetworkError("the elevation of cell \(cell) is \(elevation[cell])")
        }
        var downstream = [Int?](repeating: nil, count: n)
        var reached = isOcean
        var flood = FloodQueue()
        for cell in 0 ..< n where isOcean[cell] { flood.push(level: -Double.infinity, cell: cell) }
        while let (level, cell) = flood.pop() {
            for next in Self.neighbours(of: cell, longitudeCount: longitudeCount, latitudeCount: latitudeCount) where !reached[next] {
                reached[next] = true
                downstream[next] = cell
                flood.push(level: max(level, elevation[next]), cell: next)
            }
        }
        try self.init(longitudeCount: longitudeCount, latitudeCount: latitudeCount, isOcean: isOcean, downstream: downstream)
    }

    /// The up to eight neighbours of `cell`, longitude periodic.
    static func neighbours(of cell: Int, longitudeCount: Int, latitudeCount: Int) -> [Int] {
        let i = cell % longitudeCount, j = cell / longitudeCount
        var result = [Int]()
        for dj in -1 ... 1 {
            let row = j + dj
            guard row >= 0, row < latitudeCount else { continue }
            for di in -1 ... 1 where di != 0 || dj != 0 {
                let column = (i + di + longitudeCount) % longitudeCount
                let neighbour = row * longitudeCount + column
                if neighbour != cell, !result.contains(neighbour) { result.append(neighbour) }
            }
        }
        return result
    }
}

/// A river network that cannot be: its message names the cell.
public struct RiverNetworkError: Error, Sendable, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}

/// The cells of a priority flood, lowest level first, then first pushed (a binary heap).
private struct FloodQueue {
    private var heap: [(level: Double, order: Int, cell: Int)] = []
    private var pushed = 0

    private static func before(_ a: (level: Double, order: Int, cell: Int), _ b: (level: Double, order: Int, cell: Int)) -> Bool {
        a.level < b.level || (a.level == b.level && a.order < b.order)
    }

    mutating func push(level: Double, cell: Int) {
        heap.append((level, pushed, cell))
        pushed += 1
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard Self.before(heap[child], heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() -> (level: Double, cell: Int)? {
        guard let top = heap.first else { return nil }
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            var parent = 0
            while true {
                let left = 2 * parent + 1, right = left + 1
                var first = parent
                if left < heap.count, Self.before(heap[left], heap[first]) { first = left }
                if right < heap.count, Self.before(heap[right], heap[first]) { first = right }
                guard first != parent else { break }
                heap.swapAt(parent, first)
                parent = first
            }
        }
        return (top.level, top.cell)
    }
}
