import MPI

/// The rows of a mapping matrix that one rank owns, in compressed-row form: the entries of
/// local destination point `r` are `rowStarts[r] ..< rowStarts[r + 1]`, in the order the
/// weights file lists them.
public struct MatrixRows: Sendable {
    public let rowStarts: [Int]
    /// 0-based global source indices.
    public let columns: [Int32]
    public let weights: [Double]

    /// The number of entries.
    public var entryCount: Int { weights.count }
}

extension WeightsFile {
    /// The default number of entries a rank reads at a time: large enough that the per-chunk
    /// exchange costs little next to the read, small enough that the read buffers (20 bytes per
    /// entry) stay a few megabytes. Chosen with `coupled-driver-bench weights` (docs/performance.md).
    public static let defaultChunkSize = 262_144

    /// Reads the matrix on every rank of `communicator` and gives each rank the rows of the
    /// destination points it owns in `destination`. Collective.
    ///
    /// Rank `p` reads entries `blockRange(n_s, P, p)`, `chunkSize` at a time, and sends each
    /// entry only to the rank owning its row. No rank holds the whole matrix. Entries of a row
    /// keep the file's order (readers' ranges are in rank order and chunks in file order).
    /// A bad entry anywhere is reported on every rank, with the same message.
    public func distributeRows(communicator: Communicator, destination: Decomposition, chunkSize: Int = defaultChunkSize)
        throws(WeightsError) -> MatrixRows {
        precondition(chunkSize >= 1, "chunk size must be at least 1")
        try checkFits(.destination, points: destination.globalSize, gridName: "the destination decomposition")
        let size = communicator.size
        let range = Decomposition.blockRange(globalSize: entryCount, parts: size, part: communicator.rank)
        var perReader = [[UInt64]](repeating: [], count: size)
        do {
            let owners = try SegmentOwners(communicator: communicator, decomposition: destination)
            let rounds = try communicator.allReduce((range.count + chunkSize - 1) / chunkSize, .maximum)
            for round in 0 ..< rounds {
                let chunk = min(range.lowerBound + round * chunkSize, range.upperBound) ..< min(range.lowerBound + (round + 1) * chunkSize, range.upperBound)
                var outgoing = [[UInt64]](repeating: [], count: size)
                var failure: WeightsError? = nil
                var failedEntry = Int.max
                do throws(WeightsError) {
                    let e = try entries(chunk)
                    for i in 0 ..< e.weights.count {
                        guard let owner = owners.owner(of: Int(e.rows[i])) else {
                            throw WeightsError(path: path, "entry \(chunk.lowerBound + i + 1): destination point \(e.rows[i] + 1) is owned by no rank",
                                               entry: chunk.lowerBound + i)
                        }
                        outgoing[owner].append(UInt64(UInt32(bitPattern: e.rows[i])) << 32 | UInt64(UInt32(bitPattern: e.columns[i])))
                        outgoing[owner].append(e.weights[i].bitPattern)
                    }
                } catch {
                    failure = error
                    failedEntry = error.entry ?? chunk.lowerBound
                }
                try agree(on: failure, at: failedEntry, communicator: communicator)
                let (values, counts) = try communicator.allToAllv(outgoing.flatMap { $0 }, sendCounts: outgoing.map(\.count))
                var offset = 0
                for (reader, count) in counts.enumerated() {
                    perReader[reader].append(contentsOf: values[offset ..< offset + count])
                    offset += count
                }
            }
        } catch let error as WeightsError {
            throw error
        } catch {
            throw WeightsError(path: path, "distributing the matrix failed: \(error)")
        }
        return Self.compressRows(perReader, destination: destination)
    }

    /// Every rank throws the failure with the lowest entry number found on any rank.
    private func agree(on failure: WeightsError?, at entry: Int, communicator: Communicator) throws {
        let first = try communicator.allReduce(entry, .minimum)
        guard first != Int.max else { return }
        let reader = try communicator.allReduce(failure != nil && entry == first ? communicator.rank : Int.max, .minimum)
        let message = try communicator.broadcast(failure?.message ?? "", root: reader)
        throw WeightsError(path: path, message)
    }

    /// Sorts received entries into rows (stable, so file order is kept within a row).
    private static func compressRows(_ perReader: [[UInt64]], destination: Decomposition) -> MatrixRows {
        let total = perReader.reduce(0) { $0 + $1.count } / 2
        var localRow = [Int32](repeating: 0, count: total)
        var rowCounts = [Int](repeating: 0, count: destination.localSize + 1)
        var e = 0
        for list in perReader {
            for i in stride(from: 0, to: list.count, by: 2) {
                let row = Int(list[i] >> 32)
                let local = destination.localIndex(ofGlobal: row)!
                localRow[e] = Int32(local)
                rowCounts[local + 1] += 1
                e += 1
            }
        }
        for r in 0 ..< destination.localSize { rowCounts[r + 1] += rowCounts[r] }
        let rowStarts = rowCounts
        var next = rowCounts
        var columns = [Int32](repeating: 0, count: total)
        var weights = [Double](repeating: 0, count: total)
        e = 0
        for list in perReader {
            for i in stride(from: 0, to: list.count, by: 2) {
                let slot = next[Int(localRow[e])]
                next[Int(localRow[e])] += 1
                columns[slot] = Int32(bitPattern: UInt32(truncatingIfNeeded: list[i]))
                weights[slot] = Double(bitPattern: list[i + 1])
                e += 1
            }
        }
        return MatrixRows(rowStarts: rowStarts, columns: columns, weights: weights)
    }
}
