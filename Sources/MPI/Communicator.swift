import CMPI
import CMPIShims

/// An MPI communicator: a set of ranks that talk to each other.
///
/// A value type around the MPI handle. The rank and size are read once when the
/// value is made. Every operation throws `MPIError` on failure (communicators made
/// here return errors rather than abort).
///
/// A process that no MPI launcher started can use `singleProcess()` instead: a communicator of
/// that process alone, with the semantics of a one-rank MPI communicator, for which MPI is never
/// initialised (tools such as `remap` then start as fast as any serial program).
public struct Communicator: @unchecked Sendable {
    /// How the ranks of a communicator reach each other.
    enum Transport {
        /// Through the MPI library.
        case mpi(MPI_Comm)
        /// One process alone, without MPI: its messages to itself go through a mailbox.
        case singleProcess(SelfMessages)
    }

    let transport: Transport
    /// This process's rank in the communicator.
    public let rank: Int
    /// The number of ranks in the communicator.
    public let size: Int

    /// Wraps an existing handle.
    public init(handle: MPI_Comm) throws(MPIError) {
        var r: Int32 = 0, s: Int32 = 0
        try check(MPI_Comm_rank(handle, &r), "MPI_Comm_rank")
        try check(MPI_Comm_size(handle, &s), "MPI_Comm_size")
        self.transport = .mpi(handle)
        self.rank = Int(r)
        self.size = Int(s)
    }

    private init(selfMessages: SelfMessages) {
        transport = .singleProcess(selfMessages)
        rank = 0
        size = 1
    }

    /// `MPI_COMM_WORLD`.
    public static func world() throws(MPIError) -> Communicator {
        try Communicator(handle: cmpi_comm_world())
    }

    /// `MPI_COMM_SELF`: a communicator of this rank alone.
    public static func selfOnly() throws(MPIError) -> Communicator {
        try Communicator(handle: cmpi_comm_self())
    }

    /// A communicator of this process alone that does not use MPI, which need not be (and is not)
    /// initialised. Every operation behaves as on a one-rank MPI communicator; a receive whose
    /// message was never sent throws instead of waiting forever.
    public static func singleProcess() -> Communicator {
        Communicator(selfMessages: SelfMessages())
    }

    /// The MPI handle, for the few places (PnetCDF, plug-ins) that need it; `nil` for a
    /// single-process communicator.
    public var handle: MPI_Comm? {
        guard case .mpi(let handle) = transport else { return nil }
        return handle
    }

    /// Whether this rank is rank 0 of the communicator.
    public var isRoot: Bool { rank == 0 }

    /// The Fortran integer handle of this communicator (for Fortran plug-ins, which run under MPI).
    public var fortranHandle: Int32 {
        guard let handle else { preconditionFailure("a single-process communicator has no Fortran handle") }
        return Int32(cmpi_comm_c2f(handle))
    }

    /// Frees the communicator. Do not use the value afterwards.
    public func free() {
        guard case .mpi(let handle) = transport else { return }
        var h: MPI_Comm? = handle
        MPI_Comm_free(&h)
    }

    /// Throws MPI's error for a rank that is not in this communicator.
    func checkRank(_ other: Int, _ operation: @autoclosure () -> String) throws(MPIError) {
        guard other < 0 || other >= size else { return }
        throw MPIError(code: MPI_ERR_RANK, operation: operation(), message: "rank \(other) is not in a communicator of \(size) rank(s)")
    }

    // MARK: Making communicators

    /// Splits the communicator: ranks with the same `color` form a new communicator,
    /// ordered by `key`. A `nil` color gives `nil` (`MPI_UNDEFINED`). Collective.
    public func split(color: Int?, key: Int) throws(MPIError) -> Communicator? {
        guard case .mpi(let handle) = transport else { return color == nil ? nil : .singleProcess() }
        var newComm: MPI_Comm? = nil
        try check(MPI_Comm_split(handle, Int32(color ?? Int(MPI_UNDEFINED)), Int32(key), &newComm), "MPI_Comm_split")
        guard let newComm, newComm != cmpi_comm_null() else { return nil }
        try check(MPI_Comm_set_errhandler(newComm, cmpi_errors_return()), "MPI_Comm_set_errhandler")
        return try Communicator(handle: newComm)
    }

    /// Makes a communicator of the ranks given as (first, last, stride) ranges of this
    /// communicator (`MPI_Group_range_incl` + `MPI_Comm_create_group`).
    ///
    /// Collective only over the ranks in the new group: ranks outside it must not call it.
    /// Ranks of the new communicator are numbered in the order the ranges list them.
    public func subcommunicator(ranges: [RankRange], tag: Int) throws(MPIError) -> Communicator {
        guard case .mpi(let handle) = transport else {
            for range in ranges { for r in range.ranks { try checkRank(r, "MPI_Group_range_incl") } }
            return .singleProcess()
        }
        var worldGroup: MPI_Group? = nil
        try check(MPI_Comm_group(handle, &worldGroup), "MPI_Comm_group")
        defer { MPI_Group_free(&worldGroup) }
        // Open MPI declares the ranges as `int ranges[][3]`.
        var triplets = ranges.map { (Int32($0.first), Int32($0.last), Int32($0.stride)) }
        var group: MPI_Group? = nil
        try check(MPI_Group_range_incl(worldGroup, Int32(ranges.count), &triplets, &group), "MPI_Group_range_incl")
        defer { MPI_Group_free(&group) }
        var newComm: MPI_Comm? = nil
        try check(MPI_Comm_create_group(handle, group, Int32(tag), &newComm), "MPI_Comm_create_group")
        guard let newComm else { throw MPIError(code: MPI_ERR_COMM, operation: "MPI_Comm_create_group returned no communicator") }
        try check(MPI_Comm_set_errhandler(newComm, cmpi_errors_return()), "MPI_Comm_set_errhandler")
        return try Communicator(handle: newComm)
    }

    /// The ranks in `other` of this communicator's ranks `ranks` (`MPI_Group_translate_ranks`);
    /// `nil` where a rank is not in `other`.
    public func translate(ranks: [Int], to other: Communicator) throws(MPIError) -> [Int?] {
        guard case .mpi(let handle) = transport, let otherHandle = other.handle else {
            // One process: its rank here is its rank there, and no other rank exists.
            for r in ranks { try checkRank(r, "MPI_Group_translate_ranks") }
            return ranks.map { _ in other.rank }
        }
        var mine: MPI_Group? = nil, theirs: MPI_Group? = nil
        try check(MPI_Comm_group(handle, &mine), "MPI_Comm_group")
        defer { MPI_Group_free(&mine) }
        try check(MPI_Comm_group(otherHandle, &theirs), "MPI_Comm_group")
        defer { MPI_Group_free(&theirs) }
        var input = ranks.map { Int32($0) }
        var output = [Int32](repeating: 0, count: ranks.count)
        try check(MPI_Group_translate_ranks(mine, Int32(ranks.count), &input, theirs, &output), "MPI_Group_translate_ranks")
        return output.map { $0 == MPI_UNDEFINED ? nil : Int($0) }
    }

    /// Ends every process of the job (`MPI_Abort`).
    public func abort(code: Int32) -> Never {
        guard case .mpi(let handle) = transport else { MPIRuntime.abort(code: code) }
        MPI_Abort(handle, code)
        MPIRuntime.abort(code: code)
    }
}

/// Ranks `first, first + stride, ..., last` of a communicator, as MPI group ranges describe them.
public struct RankRange: Sendable, Hashable {
    /// The first rank.
    public let first: Int
    /// The last rank (reached from `first` in steps of `stride`).
    public let last: Int
    /// The step between ranks (at least 1).
    public let stride: Int

    /// Ranks `first, first + stride, ..., last`.
    public init(first: Int, last: Int, stride: Int = 1) {
        self.first = first
        self.last = last
        self.stride = stride
    }

    /// The ranks this range covers.
    public var ranks: StrideThrough<Int> { Swift.stride(from: first, through: last, by: stride) }

    /// Ascending ranks as few ranges as a greedy scan finds: each range extends while the
    /// step between consecutive ranks stays the same.
    public static func covering(sortedRanks: [Int]) -> [RankRange] {
        var result = [RankRange]()
        var index = 0
        while index < sortedRanks.count {
            let first = sortedRanks[index]
            guard index + 1 < sortedRanks.count else {
                result.append(RankRange(first: first, last: first))
                break
            }
            let step = sortedRanks[index + 1] - first
            var last = index + 1
            while last + 1 < sortedRanks.count && sortedRanks[last + 1] - sortedRanks[last] == step { last += 1 }
            result.append(RankRange(first: first, last: sortedRanks[last], stride: step))
            index = last + 1
        }
        return result
    }
}
