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
}
