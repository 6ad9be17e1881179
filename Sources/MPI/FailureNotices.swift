import CMPI
import CMPIShims

/// The channel through which a rank that failed tells every other rank, so that no rank
/// waits forever for one that will never answer, and the agreement by which the job then ends
/// with one message.
///
/// Every wait of this module (point-to-point and collective alike) is interruptible: while it
/// waits it looks for a notice, and when one has come it stops waiting and throws
/// `MPIError.peerFailed`. A rank that fails calls `announce()`; it and every rank it
/// interrupts then meet in `agreeOnFailure`, on a communicator of their own that no
/// interrupted operation is pending on. The successful path costs nothing but the look for a
/// notice inside waits that are waiting anyway.
///
/// What this cannot interrupt — a rank dead, or stuck in a library's own collective (PnetCDF,
/// a plug-in's own MPI calls) — the agreement's time limit and the driver's hang watchdog end.
///
/// The driver opens the channel once after `MPI_Init` (`open(world:)`); without it (a tool
/// that never opens it) waits are interruptible by nothing and behave as plain MPI waits.
public enum FailureNotices {
    /// The channel's communicators. Only the thread that calls MPI touches this (the driver
    /// initialises MPI as FUNNELED), as it touches every other MPI state.
    private struct Channel {
        /// Carries notices: a failed rank's world rank, tag `noticeTag`.
        let notices: MPI_Comm
        /// Carries the agreement alone, so that it never meets an operation left pending by an
        /// interrupted wait.
        let agreement: MPI_Comm
        let worldRank: Int32
        let worldSize: Int32
    }

    nonisolated(unsafe) private static var channel: Channel?
    nonisolated(unsafe) private static var interruptingRank: Int?
    private static let noticeTag: Int32 = 7_001

    /// The world rank whose notice interrupted a wait of this rank, if one did: this rank's
    /// own error is then a consequence of that rank's failure, not a failure of its own.
    public static var interruptedBy: Int? { interruptingRank }

    /// Opens the channel over `world` (collective over it; once per job).
    public static func open(world: Communicator) throws(MPIError) {
        // A single-process communicator has no other rank to tell.
        guard channel == nil, let worldHandle = world.handle else { return }
        var notices: MPI_Comm? = nil, agreement: MPI_Comm? = nil
        try check(MPI_Comm_dup(worldHandle, &notices), "MPI_Comm_dup")
        try check(MPI_Comm_dup(worldHandle, &agreement), "MPI_Comm_dup")
        guard let notices, let agreement else { throw MPIError(code: MPI_ERR_COMM, operation: "MPI_Comm_dup returned no communicator") }
        try check(MPI_Comm_set_errhandler(notices, cmpi_errors_return()), "MPI_Comm_set_errhandler")
        try check(MPI_Comm_set_errhandler(agreement, cmpi_errors_return()), "MPI_Comm_set_errhandler")
        channel = Channel(notices: notices, agreement: agreement, worldRank: Int32(world.rank), worldSize: Int32(world.size))
    }

    /// Tells every other rank that this rank failed: each wait they are in, or enter later,
    /// stops and throws. Does not wait for anything. Call it once, at the failure.
    public static func announce() {
        guard let channel else { return }
        var rank = channel.worldRank
        for destination in 0 ..< channel.worldSize where destination != channel.worldRank {
            var request: MPI_Request? = nil
            if MPI_Isend(&rank, 1, cmpi_type_int32(), destination, noticeTag, channel.notices, &request) == MPI_SUCCESS {
                MPI_Request_free(&request)
            }
        }
    }

    /// Throws `MPIError.peerFailed` when another rank has announced a failure (or did so
    /// before); returns at once otherwise. Every wait of this module calls it while it waits.
    public static func poll(during operation: @autoclosure () -> String) throws(MPIError) {
        if let interruptingRank { throw MPIError.peerFailed(worldRank: interruptingRank, during: operation()) }
        guard let channel else { return }
        var arrived: Int32 = 0
        var status = MPI_Status()
        guard MPI_Iprobe(MPI_ANY_SOURCE, noticeTag, channel.notices, &arrived, &status) == MPI_SUCCESS, arrived != 0 else { return }
        var rank: Int32 = -1
        MPI_Recv(&rank, 1, cmpi_type_int32(), status.MPI_SOURCE, noticeTag, channel.notices, cmpi_status_ignore())
        interruptingRank = Int(rank)
        throw MPIError.peerFailed(worldRank: Int(rank), during: operation())
    }

    /// The end of a failed job: every rank (those that failed, and those interrupted) says
    /// whether it failed itself, and learns the lowest world rank that did. Returns `nil` when
    /// not every rank joined within `seconds` (a rank dead, stuck, or still computing).
    public static func agreeOnFailure(failedHere: Bool, within seconds: Double) -> Int? {
        guard let channel else { return failedHere ? Int(0) : nil }
        var mine: Int32 = failedHere ? channel.worldRank : Int32.max
        var lowest: Int32 = Int32.max
        var request: MPI_Request? = nil
        guard MPI_Iallreduce(&mine, &lowest, 1, cmpi_type_int32(), cmpi_op_min(), channel.agreement, &request) == MPI_SUCCESS,
              completes(&request, within: seconds) else { return nil }
        return lowest == Int32.max ? nil : Int(lowest)
    }

    /// After `agreeOnFailure`: waits (at most `seconds`) until every rank has reached this point,
    /// so that the rank reporting the failure has written its message before any rank exits
    /// (`mpirun` ends the whole job when the first rank exits non-zero). Whether all arrived.
    @discardableResult
    public static func meetBeforeExit(within seconds: Double) -> Bool {
        guard let channel else { return true }
        var request: MPI_Request? = nil
        guard MPI_Ibarrier(channel.agreement, &request) == MPI_SUCCESS else { return false }
        return completes(&request, within: seconds)
    }

    private static func completes(_ request: inout MPI_Request?, within seconds: Double) -> Bool {
        let deadline = MPI_Wtime() + seconds
        var done: Int32 = 0
        while MPI_Wtime() < deadline {
            guard MPI_Test(&request, &done, cmpi_status_ignore()) == MPI_SUCCESS else { return false }
            if done != 0 { return true }
        }
        return false
    }
}

extension MPIError {
    /// The error a wait throws when world rank `worldRank` announced a failure: this rank stops
    /// waiting for what will not come.
    public static func peerFailed(worldRank: Int, during operation: String) -> MPIError {
        MPIError(code: MPI_ERR_OTHER, operation: operation, message: "world rank \(worldRank) failed, so this rank stopped waiting")
    }
}

/// Waits for `requests` to complete, looking for failure notices meanwhile; returns the error
/// instead of throwing (for use inside closures that lend buffers to MPI).
func completeOrFail(_ requests: inout [MPI_Request?], _ operation: @autoclosure () -> String) -> MPIError? {
    var done: Int32 = 0
    while true {
        let code = MPI_Testall(Int32(requests.count), &requests, &done, cmpi_statuses_ignore())
        if code != MPI_SUCCESS { return MPIError(code: code, operation: operation()) }
        if done != 0 { return nil }
        do { try FailureNotices.poll(during: operation()) } catch { return error }
    }
}

/// Waits for one request; see `completeOrFail(_:_:)`.
func completeOrFail(_ request: inout MPI_Request?, _ operation: @autoclosure () -> String) -> MPIError? {
    var requests = [request]
    defer { request = requests[0] }
    return completeOrFail(&requests, operation())
}

/// Starts a nonblocking operation with `start` and waits for it, interruptibly.
@inline(__always)
func startAndComplete(_ operation: @autoclosure () -> String, _ start: (inout MPI_Request?) -> Int32) -> MPIError? {
    var request: MPI_Request? = nil
    let code = start(&request)
    if code != MPI_SUCCESS { return MPIError(code: code, operation: operation()) }
    return completeOrFail(&request, operation())
}
