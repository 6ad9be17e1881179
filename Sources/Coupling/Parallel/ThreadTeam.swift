import Dispatch

/// The threads a component task may use for its loops (its `nthreads`).
///
/// `parallelFor` splits a range into one contiguous chunk per thread and runs the
/// chunks at once; the split depends only on the range and the thread count, so a
/// loop whose chunks write disjoint outputs gives the same bytes for any thread count.
/// Only the calling (main) thread may call MPI: the driver initialises MPI FUNNELED.
public struct ThreadTeam: Sendable {
    /// The number of threads.
    public let count: Int

    /// A team of `count` threads (at least 1).
    public init(count: Int) {
        precondition(count >= 1, "a thread team needs at least one thread")
        self.count = count
    }

    /// Runs `body` on the chunks of `range`, one per thread, and waits for all of them.
    public func parallelFor(_ range: Range<Int>, _ body: @Sendable (Range<Int>) -> Void) {
        parallelForChunks(range) { _, chunk in body(chunk) }
    }

    /// Runs `body` on the chunks of `range`, one per thread, with the chunk's number (below
    /// `count`), and waits for all of them: a chunk's partial results can go to its own slot.
    public func parallelForChunks(_ range: Range<Int>, _ body: @Sendable (_ number: Int, _ chunk: Range<Int>) -> Void) {
        let chunks = min(count, range.count)
        if chunks <= 1 {
            body(0, range)
            return
        }
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let part = Decomposition.blockRange(globalSize: range.count, parts: chunks, part: chunk)
            body(chunk, range.lowerBound + part.lowerBound ..< range.lowerBound + part.upperBound)
        }
    }
}
