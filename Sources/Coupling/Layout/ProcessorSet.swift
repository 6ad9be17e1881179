import MPI

/// Where one component runs: `ntasks` MPI tasks at ranks `rootRank, rootRank + stride, ...`
/// of `MPI_COMM_WORLD`, each with `nthreads` threads (CESM's `*_ntasks`, `*_nthreads`,
/// `*_rootpe`, `*_pestride`).
public struct ProcessorSet: Sendable, Hashable {
    /// The number of MPI tasks (`*_ntasks`).
    public var ntasks: Int
    /// Threads per task (`*_nthreads`).
    public var nthreads: Int
    /// The world rank of the first task (`*_rootpe`).
    public var rootRank: Int
    /// The distance between consecutive tasks' world ranks (`*_pestride`).
    public var stride: Int

    /// A set of `ntasks` tasks from world rank `rootRank`, every `stride`th rank, with `nthreads` threads each.
    public init(ntasks: Int, nthreads: Int = 1, rootRank: Int = 0, stride: Int = 1) {
        self.ntasks = ntasks
        self.nthreads = nthreads
        self.rootRank = rootRank
        self.stride = stride
    }

    /// The world ranks of the tasks, in task order.
    public var ranks: [Int] { (0 ..< max(ntasks, 0)).map { rootRank + $0 * stride } }

    /// The highest world rank used (clamped to what an `Int` holds, for sets no job could run).
    public var lastRank: Int { Int(clamping: Int128(rootRank) + (Int128(ntasks) - 1) * Int128(stride)) }

    /// Whether world rank `rank` is one of the tasks.
    public func contains(rank: Int) -> Bool {
        guard ntasks >= 1 else { return false }
        guard stride >= 1 else { return rank == rootRank }
        return rank >= rootRank && rank <= lastRank && (Int128(rank) - Int128(rootRank)) % Int128(stride) == 0
    }

    /// The task number (rank in the component's communicator) of world rank `rank`, if it is one.
    public func task(ofRank rank: Int) -> Int? {
        contains(rank: rank) ? Int((Int128(rank) - Int128(rootRank)) / Int128(stride)) : nil
    }

    /// The ranks as one MPI group range.
    public var rankRange: RankRange { RankRange(first: rootRank, last: lastRank, stride: stride) }

    /// Hardware threads the component occupies: tasks × threads (clamped to what an `Int` holds).
    public var hardwareThreads: Int { Int(clamping: Int128(ntasks) * Int128(nthreads)) }

    /// Whether some rank runs both this set and `other`.
    public func overlaps(_ other: ProcessorSet) -> Bool {
        // Walk the smaller set; layouts are small enough that this is cheap.
        let (small, large) = ntasks <= other.ntasks ? (self, other) : (other, self)
        return small.ranks.contains { large.contains(rank: $0) }
    }

    /// A compact description of the ranks: `0-3`, `4`, `0-6/2` (first-last/stride).
    public var rankSummary: String {
        if ntasks == 1 { return "\(rootRank)" }
        return stride == 1 ? "\(rootRank)-\(lastRank)" : "\(rootRank)-\(lastRank)/\(stride)"
    }
}
