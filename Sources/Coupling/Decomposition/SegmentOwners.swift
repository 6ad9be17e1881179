import MPI

/// Which rank owns each global index of a decomposition spread over a communicator: every
/// rank's segments, sorted. Memory grows with the number of segments, not with the grid
/// (block decompositions have one segment per rank), as MCT's global segment map.
public struct SegmentOwners: Sendable {
    private let starts: [Int]
    private let ends: [Int]
    private let owners: [Int]

    /// Gathers every rank's segments. Collective over `communicator`.
    public init(communicator: Communicator, decomposition: Decomposition) throws(MPIError) {
        let mine = decomposition.segments.flatMap { [$0.start, $0.count] }
        let all = try communicator.allGatherv(mine)
        var table = [(start: Int, end: Int, owner: Int)]()
        for (rank, list) in all.enumerated() {
            for i in stride(from: 0, to: list.count, by: 2) { table.append((list[i], list[i] + list[i + 1], rank)) }
        }
        table.sort { $0.start < $1.start }
        starts = table.map(\.start)
        ends = table.map(\.end)
        owners = table.map(\.owner)
    }

    /// The rank owning global index `index`, or `nil` if none does.
    public func owner(of index: Int) -> Int? {
        var low = 0, high = starts.count
        while low < high {
            let mid = (low + high) / 2
            if ends[mid] <= index { low = mid + 1 } else { high = mid }
        }
        return low < starts.count && starts[low] <= index ? owners[low] : nil
    }

    /// The number of segments over all ranks.
    public var segmentCount: Int { starts.count }

    /// How the ranks' segments cover `0 ..< globalSize`: how many indices no rank owns and the
    /// first of them, and the first index more than one rank owns with its number of owners.
    public func coverage(globalSize: Int) -> Coverage {
        var unownedCount = 0, firstUnowned: Int? = nil, shared: (index: Int, owners: Int)? = nil
        var covered = 0  // every index below this is owned by some rank
        for (start, end) in zip(starts, ends) {
            if start > covered {
                unownedCount += start - covered
                firstUnowned = firstUnowned ?? covered
            } else if start < covered, shared == nil {
                shared = (start, starts.indices.count { starts[$0] <= start && ends[$0] > start })
            }
            covered = max(covered, end)
        }
        if globalSize > covered {
            unownedCount += globalSize - covered
            firstUnowned = firstUnowned ?? covered
        }
        return Coverage(unownedCount: unownedCount, firstUnowned: firstUnowned, firstShared: shared)
    }

    /// How a decomposition's segments cover its grid (`coverage(globalSize:)`).
    public struct Coverage: Sendable {
        /// How many global indices no rank owns.
        public let unownedCount: Int
        /// The smallest global index no rank owns, if any.
        public let firstUnowned: Int?
        /// The smallest global index more than one rank owns, and how many ranks own it, if any.
        public let firstShared: (index: Int, owners: Int)?
    }
}
