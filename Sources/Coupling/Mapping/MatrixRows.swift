import MPI

/// The rows of a mapping matrix that one rank owns, in compressed-row form: the entries of
/// local destination point `r` are `rowStarts[r] ..< rowStarts[r + 1]`, in the order the
/// weights file lists them.
public struct MatrixRows: Sendable {
    /// Where each local row's entries start, plus one past the last entry (local row count + 1 values).
    public let rowStarts: [Int]
    /// 0-based global source indices.
    public let columns: [Int32]
    /// The weight of each entry, in file order.
    public let weights: [Double]

    /// The number of entries.
    public var entryCount: Int { weights.count }
}

extension WeightsFile {
    /// The default number of entries a rank reads at a time: large enough that the per-chunk
    /// exchange costs little next to the read, small enough that the chunk's buffers (about 50
    /// bytes per entry) stay a few megabytes. Chosen with `coupled-driver-bench` (docs/performance.md).
    public static let defaultChunkSize = 65_536

    /// Reads the matrix on every rank of `communicator` and gives each rank the rows of the
    /// destination points it owns in `destination`. Collective.
    ///
    /// Rank `p` reads entries `blockRange(n_s, P, p)`, `chunkSize` at a time, and sends each
    /// entry only to the rank owning its row. No rank holds the whole matrix. Entries of a row
    /// keep the file's order (readers' ranges are in rank order and chunks in file order).
    /// A bad entry anywhere is reported on every rank, with the same message.
    /// On one rank, with two or more `threads`, one thread reads while another puts entries in rows.
    public func distributeRows(communicator: Communicator, destination: Decomposition, chunkSize: Int = defaultChunkSize,
                               threads: ThreadTeam = ThreadTeam(count: 1)) throws(WeightsError) -> MatrixRows {
        try checkFits(.destination, points: destination.globalSize, gridName: "the destination decomposition")
        if communicator.size == 1 { return try readRows(destination: destination, chunkSize: chunkSize, threads: threads) }
        let rounds = try route(communicator: communicator, by: .destination, owners: destination, chunkSize: chunkSize)
        return Self.compressRows(rounds, readers: communicator.size, destination: destination)
    }

    /// `distributeRows` on one rank, which owns every entry, so nothing is sent: the rows are
    /// read first, `chunkSize` at a time, to count each row's entries; then the columns and
    /// weights, a chunk at a time, each entry put straight into its row's place (file order within
    /// a row). Every array of the file is read once, and the rank holds no more than the rows
    /// it returns, their row numbers and a chunk.
    private func readRows(destination: Decomposition, chunkSize: Int, threads: ThreadTeam) throws(WeightsError) -> MatrixRows {
        precondition(chunkSize >= 1, "chunk size must be at least 1")
        let n = entryCount, chunkLength = min(chunkSize, n)
        var localRows = [Int32](unsafeUninitializedCapacity: n) { _, count in count = n }
        let rowCount = destination.localSize
        var rowStarts = [Int](repeating: 0, count: rowCount + 1)
        // The first entry whose row is outside the grid, reported when the columns and weights
        // before it are found good.
        var badRow: Int? = nil
        try localRows.withUnsafeMutableBufferPointer { (rows) throws(WeightsError) in
            try rowStarts.withUnsafeMutableBufferPointer { (counts) throws(WeightsError) in
                for first in Swift.stride(from: 0, to: n, by: chunkSize) where badRow == nil {
                    let chunk = first ..< min(first + chunkSize, n)
                    let chunkRows = UnsafeMutableBufferPointer(rebasing: rows[chunk])
                    let bad = try read(.rows, chunk, into: chunkRows)
                    let good = UnsafeMutableBufferPointer(rebasing: chunkRows[0 ..< (bad ?? chunk.count)])
                    try makeLocal(good, firstEntry: first, in: destination)
                    for row in good { counts[Int(row) &+ 1] &+= 1 }
                    badRow = bad.map { first + $0 }
                }
                for row in 0 ..< rowCount { counts[row + 1] += counts[row] }
            }
        }
        var next = rowStarts
        var columns = [Int32](unsafeUninitializedCapacity: n) { _, count in count = n }
        var weights = [Double](unsafeUninitializedCapacity: n) { _, count in count = n }
        let chunks = Swift.stride(from: 0, to: n, by: chunkSize).map { $0 ..< min($0 + chunkSize, n) }
        let reads = [ChunkRead(length: chunkLength), ChunkRead(length: chunkLength)]
        defer { reads.forEach { $0.deallocate() } }
        try localRows.withUnsafeMutableBufferPointer { (rows) throws(WeightsError) in
            try next.withUnsafeMutableBufferPointer { (next) throws(WeightsError) in
                try columns.withUnsafeMutableBufferPointer { (allColumns) throws(WeightsError) in
                    try weights.withUnsafeMutableBufferPointer { (allWeights) throws(WeightsError) in
                        let placing = Placing(rows: rows, next: next, columns: allColumns, weights: allWeights)
                        // Chunk k + 1's columns and weights are read (by the second thread when there
                        // is one) while chunk k's entries are put in place.
                        read(chunks[0], into: reads[0])
                        for (k, chunk) in chunks.enumerated() {
                            let current = reads[k % 2]
                            let bad = [badRow.flatMap { chunk.contains($0) ? $0 - chunk.lowerBound : nil }] + (try current.outcome.pointee.get())
                            let chunkRows = UnsafeMutableBufferPointer(rebasing: rows[chunk])
                            try throwFirst(of: bad, range: chunk, rows: chunkRows, columns: current.columns(chunk.count),
                                           weights: current.weights(chunk.count))
                            guard k + 1 < chunks.count else {
                                placing.place(chunk, from: current)
                                break
                            }
                            let upcoming = reads[(k + 1) % 2], nextChunk = chunks[k + 1]
                            threads.parallelFor(0 ..< 2) { tasks in
                                if tasks.contains(0) { self.read(nextChunk, into: upcoming) }
                                if tasks.contains(1) { placing.place(chunk, from: current) }
                            }
                        }
                    }
                }
            }
        }
        return MatrixRows(rowStarts: rowStarts, columns: columns, weights: weights)
    }

    /// Reads the columns and weights of `chunk` into `buffers`, with the first bad position of each
    /// (or the error) in its outcome.
    private func read(_ chunk: Range<Int>, into buffers: ChunkRead) {
        buffers.outcome.pointee = Result { () throws(WeightsError) in
            [try read(.columns, chunk, into: buffers.columns(chunk.count)), try read(weights: chunk, into: buffers.weights(chunk.count))]
        }
    }

    /// Replaces the global rows of entries `firstEntry ..< firstEntry + rows.count` by their
    /// local rows in `destination`; a row `destination` does not hold is an error naming the entry.
    private func makeLocal(_ rows: UnsafeMutableBufferPointer<Int32>, firstEntry: Int, in destination: Decomposition) throws(WeightsError) {
        func unowned(_ i: Int) -> WeightsError {
            WeightsError(path: path, "entry \(firstEntry + i + 1): destination point \(rows[i] + 1) is owned by no rank", entry: firstEntry + i)
        }
        if destination.segments.count == 1 {
            let segment = destination.segments[0]
            let start = Int32(segment.start), end = Int32(segment.end)
            for i in rows.indices {
                guard rows[i] >= start && rows[i] < end else { throw unowned(i) }
                rows[i] &-= start
            }
        } else {
            for i in rows.indices {
                guard let local = destination.localIndex(ofGlobal: Int(rows[i])) else { throw unowned(i) }
                rows[i] = Int32(local)
            }
        }
    }

    /// Reads the matrix on every rank of `communicator` and gives each rank the entries of the
    /// source points it owns in `source` (map type 'Y'), as rows of the destination points they
    /// reach: the partial rows, over `partialRows` (ascending global indices). Collective; read
    /// as `distributeRows` reads, and entries of a partial row keep the file's order.
    public func distributePartialRows(communicator: Communicator, source: Decomposition, chunkSize: Int = defaultChunkSize)
        throws(WeightsError) -> (rows: MatrixRows, partialRows: Decomposition) {
        try checkFits(.source, points: source.globalSize, gridName: "the source decomposition")
        let rounds = try route(communicator: communicator, by: .source, owners: source, chunkSize: chunkSize)
        var reached = [Int]()
        for round in rounds {
            round.values.withUnsafeBufferPointer { v in
                for i in 0 ..< v.count / 2 { reached.append(Int(v[2 * i] >> 32)) }
            }
        }
        reached.sort()
        var distinct = [Int]()
        for row in reached where distinct.last != row { distinct.append(row) }
        let partialRows: Decomposition
        do { partialRows = try Decomposition(globalSize: destinationSize, indices: distinct) } catch {
            throw WeightsError(path: path, "the destination points of this rank's entries: \(error)")
        }
        return (Self.compressRows(rounds, readers: communicator.size, destination: partialRows), partialRows)
    }

    /// Which end of an entry decides the rank it goes to.
    private enum RoutingEnd { case source, destination }

    /// Reads this rank's block of entries, `chunkSize` at a time, and sends each entry to the
    /// rank owning its row (`.destination`) or its column (`.source`) in `owners`. Returns what
    /// each round brought: two words per entry (row << 32 | column, weight bits), by reader.
    private func route(communicator: Communicator, by end: RoutingEnd, owners decomposition: Decomposition, chunkSize: Int)
        throws(WeightsError) -> [(values: [UInt64], counts: [Int])] {
        precondition(chunkSize >= 1, "chunk size must be at least 1")
        let size = communicator.size
        let range = Decomposition.blockRange(globalSize: entryCount, parts: size, part: communicator.rank)
        let pointName = end == .destination ? "destination" : "source"
        var rounds = [(values: [UInt64], counts: [Int])]()
        do {
            let owners = try SegmentOwners(communicator: communicator, decomposition: decomposition)
            let roundCount = try communicator.allReduce((range.count + chunkSize - 1) / chunkSize, .maximum)
            var owner = [Int32](repeating: 0, count: min(chunkSize, range.count))
            var outgoing = [UInt64](repeating: 0, count: 2 * min(chunkSize, range.count))
            for round in 0 ..< roundCount {
                let first = min(range.lowerBound + round * chunkSize, range.upperBound)
                let chunk = first ..< min(first + chunkSize, range.upperBound)
                var counts = [Int](repeating: 0, count: size)
                var failure: WeightsError? = nil
                do throws(WeightsError) {
                    let e = try entries(chunk)
                    let points = end == .destination ? e.rows : e.columns
                    for i in 0 ..< chunk.count {
                        guard let o = owners.owner(of: Int(points[i])) else {
                            throw WeightsError(path: path, "entry \(chunk.lowerBound + i + 1): \(pointName) point \(points[i] + 1) is owned by no rank",
                                               entry: chunk.lowerBound + i)
                        }
                        owner[i] = Int32(o)
                        counts[o] += 2
                    }
                    pack(e, owners: owner, counts: counts, into: &outgoing)
                } catch {
                    failure = error
                    counts = [Int](repeating: 0, count: size)
                }
                try agree(on: failure, communicator: communicator)
                let received = try outgoing.withUnsafeBufferPointer { try communicator.allToAllv($0, sendCounts: counts) }
                rounds.append(received)
            }
        } catch let error as WeightsError {
            throw error
        } catch {
            throw WeightsError(path: path, "distributing the matrix failed: \(error)")
        }
        return rounds
    }

    /// Puts each entry of a chunk, in order, into the part of `outgoing` for its owner.
    private func pack(_ e: (rows: [Int32], columns: [Int32], weights: [Double]), owners: [Int32], counts: [Int],
                      into outgoing: inout [UInt64]) {
        var next = [Int](repeating: 0, count: counts.count)
        var offset = 0
        for (rank, count) in counts.enumerated() {
            next[rank] = offset
            offset += count
        }
        outgoing.withUnsafeMutableBufferPointer { out in
            for i in 0 ..< e.weights.count {
                let o = Int(owners[i])
                let slot = next[o]
                out[slot] = UInt64(UInt32(bitPattern: e.rows[i])) << 32 | UInt64(UInt32(bitPattern: e.columns[i]))
                out[slot + 1] = e.weights[i].bitPattern
                next[o] = slot + 2
            }
        }
    }

    /// Every rank throws the failure with the lowest entry number found on any rank.
    private func agree(on failure: WeightsError?, communicator: Communicator) throws {
        let entry = failure.map { $0.entry ?? 0 } ?? Int.max
        let first = try communicator.allReduce(entry, .minimum)
        guard first != Int.max else { return }
        let reader = try communicator.allReduce(failure != nil && entry == first ? communicator.rank : Int.max, .minimum)
        let message = try communicator.broadcast(failure?.message ?? "", root: reader)
        throw WeightsError(path: path, message)
    }

    /// Sorts received entries into rows, taking readers in rank order and each reader's
    /// rounds in order (file order), stably, so file order is kept within a row.
    private static func compressRows(_ rounds: [(values: [UInt64], counts: [Int])], readers: Int,
                                     destination: Decomposition) -> MatrixRows {
        // Where each reader's part starts in each round's buffer.
        let offsets = rounds.map { round in
            var result = [Int](repeating: 0, count: readers + 1)
            for r in 0 ..< readers { result[r + 1] = result[r] + round.counts[r] }
            return result
        }
        // Local row of each received entry: a subtraction for a one-segment (block) decomposition.
        let singleSegment = destination.segments.count == 1 ? destination.segments[0].start : nil
        let localRows = rounds.map { round in
            [Int32](unsafeUninitializedCapacity: round.values.count / 2) { rows, n in
                round.values.withUnsafeBufferPointer { v in
                    for i in 0 ..< v.count / 2 {
                        let row = Int(v[2 * i] >> 32)
                        rows[i] = Int32(singleSegment.map { row - $0 } ?? destination.localIndex(ofGlobal: row)!)
                    }
                }
                n = round.values.count / 2
            }
        }
        let rowCount = destination.localSize
        var rowStarts = [Int](repeating: 0, count: rowCount + 1)
        rowStarts.withUnsafeMutableBufferPointer { starts in
            for rows in localRows {
                for row in rows { starts[Int(row) + 1] += 1 }
            }
            for r in 0 ..< rowCount { starts[r + 1] += starts[r] }
        }
        let total = rowStarts[rowCount]
        var next = rowStarts
        var weights = [Double]()
        let columns = [Int32](unsafeUninitializedCapacity: total) { c, filled in
            weights = [Double](unsafeUninitializedCapacity: total) { w, filledWeights in
                next.withUnsafeMutableBufferPointer { next in
                    for reader in 0 ..< readers {
                        for (index, round) in rounds.enumerated() {
                            let first = offsets[index][reader] / 2, last = offsets[index][reader + 1] / 2
                            round.values.withUnsafeBufferPointer { v in
                                localRows[index].withUnsafeBufferPointer { rows in
                                    for i in first ..< last {
                                        let row = Int(rows[i])
                                        let slot = next[row]
                                        next[row] = slot + 1
                                        c[slot] = Int32(bitPattern: UInt32(truncatingIfNeeded: v[2 * i]))
                                        w[slot] = Double(bitPattern: v[2 * i + 1])
                                    }
                                }
                            }
                        }
                    }
                }
                filledWeights = total
            }
            filled = total
        }
        return MatrixRows(rowStarts: rowStarts, columns: columns, weights: weights)
    }
}

/// The columns and weights of one chunk of a one-rank read, and what reading them found: the
/// first bad position of each, or the error. Shared by the thread that reads and the one that
/// places, never at the same time.
private struct ChunkRead: @unchecked Sendable {
    let columnBuffer: UnsafeMutableBufferPointer<Int32>
    let weightBuffer: UnsafeMutableBufferPointer<Double>
    let outcome: UnsafeMutablePointer<Result<[Int?], WeightsError>>

    init(length: Int) {
        columnBuffer = .allocate(capacity: length)
        weightBuffer = .allocate(capacity: length)
        outcome = .allocate(capacity: 1)
        outcome.initialize(to: .success([]))
    }

    func columns(_ count: Int) -> UnsafeMutableBufferPointer<Int32> { UnsafeMutableBufferPointer(rebasing: columnBuffer[0 ..< count]) }
    func weights(_ count: Int) -> UnsafeMutableBufferPointer<Double> { UnsafeMutableBufferPointer(rebasing: weightBuffer[0 ..< count]) }

    func deallocate() {
        columnBuffer.deallocate()
        weightBuffer.deallocate()
        outcome.deinitialize(count: 1)
        outcome.deallocate()
    }
}

/// Where a one-rank read puts each entry: the local row of every entry, the next free slot of
/// every row, and the rows' columns and weights.
private struct Placing: @unchecked Sendable {
    let rows: UnsafeMutableBufferPointer<Int32>
    let next: UnsafeMutableBufferPointer<Int>
    let columns: UnsafeMutableBufferPointer<Int32>
    let weights: UnsafeMutableBufferPointer<Double>

    /// Puts the entries of `chunk`, read into `read`, in their rows' next slots, in file order.
    func place(_ chunk: Range<Int>, from read: ChunkRead) {
        let c = read.columnBuffer, s = read.weightBuffer
        for i in 0 ..< chunk.count {
            let row = Int(rows[chunk.lowerBound &+ i])
            let slot = next[row]
            columns[slot] = c[i]
            weights[slot] = s[i]
            next[row] = slot &+ 1
        }
    }
}
