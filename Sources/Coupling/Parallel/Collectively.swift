import MPI

/// Runs `body` on every rank of `communicator`; if it fails on any rank, every rank throws
/// the same `CollectiveFailure`: the error of the lowest failing rank. Use it around work
/// that can fail on some ranks only (reading a part of a file) and is followed by collective
/// calls, so one rank's failure does not leave the others waiting forever.
///
/// `body` must not communicate: a rank failing inside a communicating body would leave the
/// others in that communication, not here. In a coupled run such failures end the job through
/// the failure notices of `FailureNotices` instead.
public func collectively<T>(_ communicator: Communicator, _ body: () throws -> T) throws -> T {
    var result: T? = nil
    var failure: (any Error)? = nil
    do { result = try body() } catch { failure = error }
    let failingRank = try communicator.allReduce(failure == nil ? Int.max : communicator.rank, .minimum)
    guard failingRank == Int.max else {
        let message = try communicator.broadcast(failure.map { "\($0)" } ?? "", root: failingRank)
        throw CollectiveFailure(message: message, rank: failingRank)
    }
    return result!
}

/// An error that happened on one rank and was shared with every rank of a communicator.
public struct CollectiveFailure: Error, Sendable, CustomStringConvertible {
    /// The error's description on the rank where it happened.
    public let message: String
    /// The rank (in the communicator) where it happened first.
    public let rank: Int
    /// The message.
    public var description: String { message }
}
