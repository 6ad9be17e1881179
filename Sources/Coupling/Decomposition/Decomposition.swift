/// The points of a global grid that one rank owns, as sorted, disjoint segments of
/// global indices (MCT's GlobalSegMap, seen from one rank).
///
/// Global indices are 0-based positions in the grid's C-order flattening (for a
/// `(lat, lon)` grid: `lat * nlon + lon`). A rank's local points are its global
/// indices in ascending order: local point `i` is the `i`-th smallest global index it owns.
public struct Decomposition: Sendable, Hashable {
    /// A run of consecutive global indices `start ..< start + count`.
    public struct Segment: Sendable, Hashable {
        /// The first global index of the run.
        public let start: Int
        /// The number of indices in the run.
        public let count: Int
        /// The run `start ..< start + count`.
        public init(start: Int, count: Int) {
            self.start = start
            self.count = count
        }
        /// The global index after the last one of the run.
        public var end: Int { start + count }
    }

    /// The number of points of the whole grid.
    public let globalSize: Int
    /// This rank's segments, ascending and disjoint, none empty, none adjacent.
    public let segments: [Segment]
    /// `offsets[s]` is the local index of the first point of `segments[s]`.
    private let offsets: [Int]

    /// Makes a decomposition from the global indices a rank owns, which must be strictly increasing
    /// and within `0 ..< globalSize`.
    public init(globalSize: Int, indices: [Int]) throws(DecompositionError) {
        var segments = [Segment]()
        var previous = -1
        var runStart = 0, runCount = 0
        for (position, index) in indices.enumerated() {
            guard index >= 0 && index < globalSize else {
                throw DecompositionError("global index \(index) at position \(position) is outside the grid (0..<\(globalSize))")
            }
            guard index > previous else {
                throw DecompositionError("global indices must be strictly increasing: \(index) at position \(position) follows \(previous)")
            }
            if runCount > 0 && index == runStart + runCount {
                runCount += 1
            } else {
                if runCount > 0 { segments.append(Segment(start: runStart, count: runCount)) }
                runStart = index
                runCount = 1
            }
            previous = index
        }
        if runCount > 0 { segments.append(Segment(start: runStart, count: runCount)) }
        self.init(globalSize: globalSize, normalizedSegments: segments)
    }

    /// Makes a decomposition from segments; they are sorted and merged, and must not overlap.
    public init(globalSize: Int, segments: [Segment]) throws(DecompositionError) {
        var merged = [Segment]()
        for segment in segments.filter({ $0.count > 0 }).sorted(by: { $0.start < $1.start }) {
            guard segment.start >= 0 && segment.end <= globalSize else {
                throw DecompositionError("segment \(segment.start)..<\(segment.end) is outside the grid (0..<\(globalSize))")
            }
            if let last = merged.last {
                guard segment.start >= last.end else {
                    throw DecompositionError("segments \(last.start)..<\(last.end) and \(segment.start)..<\(segment.end) overlap")
                }
                if segment.start == last.end {
                    merged[merged.count - 1] = Segment(start: last.start, count: last.count + segment.count)
                    continue
                }
            }
            merged.append(segment)
        }
        self.init(globalSize: globalSize, normalizedSegments: merged)
    }

    private init(globalSize: Int, normalizedSegments: [Segment]) {
        self.globalSize = globalSize
        self.segments = normalizedSegments
        var offsets = [Int]()
        offsets.reserveCapacity(normalizedSegments.count)
        var total = 0
        for segment in normalizedSegments {
            offsets.append(total)
            total += segment.count
        }
        self.offsets = offsets
        self.localSize = total
    }

    /// Part `part` of `parts` contiguous blocks of nearly equal size (the first
    /// `globalSize % parts` blocks have one point more).
    public static func block(globalSize: Int, parts: Int, part: Int) -> Decomposition {
        precondition(parts >= 1 && part >= 0 && part < parts, "block part \(part) of \(parts)")
        let range = blockRange(globalSize: globalSize, parts: parts, part: part)
        return Decomposition(globalSize: globalSize,
                             normalizedSegments: range.isEmpty ? [] : [Segment(start: range.lowerBound, count: range.count)])
    }

    /// The global index range of block `part` of `parts` (see `block`).
    public static func blockRange(globalSize: Int, parts: Int, part: Int) -> Range<Int> {
        let base = globalSize / parts, extra = globalSize % parts
        let start = part * base + min(part, extra)
        return start ..< start + base + (part < extra ? 1 : 0)
    }

    /// The block that global index `index` falls in (inverse of `blockRange`).
    public static func blockOwner(of index: Int, globalSize: Int, parts: Int) -> Int {
        let base = globalSize / parts, extra = globalSize % parts
        let bigBlocks = extra * (base + 1)
        return index < bigBlocks ? index / (base + 1) : extra + (index - bigBlocks) / max(base, 1)
    }

    /// The number of points this rank owns.
    public let localSize: Int

    /// The global index of local point `local`.
    public func globalIndex(ofLocal local: Int) -> Int {
        let s = segmentIndex(containingLocal: local)
        return segments[s].start + (local - offsets[s])
    }

    /// The local index of global index `global`, or `nil` if this rank does not own it.
    public func localIndex(ofGlobal global: Int) -> Int? {
        var low = 0, high = segments.count
        while low < high {
            let mid = (low + high) / 2
            if segments[mid].end <= global { low = mid + 1 } else { high = mid }
        }
        guard low < segments.count, segments[low].start <= global else { return nil }
        return offsets[low] + (global - segments[low].start)
    }

    /// All owned global indices, ascending (local order).
    public var globalIndices: [Int] {
        var result = [Int]()
        result.reserveCapacity(localSize)
        for segment in segments { result.append(contentsOf: segment.start ..< segment.end) }
        return result
    }

    private func segmentIndex(containingLocal local: Int) -> Int {
        var low = 0, high = offsets.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if offsets[mid] <= local { low = mid } else { high = mid - 1 }
        }
        return low
    }
}

/// A decomposition that cannot be made, with the reason.
public struct DecompositionError: Error, Sendable, CustomStringConvertible {
    /// What is wrong with the indices or segments.
    public let message: String
    /// An error saying `message`.
    public init(_ message: String) { self.message = message }
    /// The message.
    public var description: String { message }
}
