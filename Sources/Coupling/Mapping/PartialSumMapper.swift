import MPI

/// Applies an offline mapping `y = S x` the way of cpl7's map type 'Y': each rank applies the
/// matrix entries of the source points it holds, and the partial sums travel to the ranks
/// owning the destination points, which add them. Where the source grid is much larger than the
/// destination (an ocean at 0.1° mapped to the atmosphere), what moves is one value per field
/// per destination point a rank's source points reach, instead of the source points a rank's
/// destination rows need (`Mapper`, type 'X').
///
/// **Reproducible, not layout-independent.** Each partial sum runs over its entries in the
/// weights file's order, and each destination point adds its partial sums in source-rank order,
/// so a run repeats itself and restarts exactly. But how a row's entries split into partial
/// sums follows the source decomposition: another layout rounds differently (on one rank the
/// result equals `Mapper`'s bit for bit). cpl7's `bfbflag = .true.` therefore forces type 'X'.
public final class PartialSumMapper {
    /// The weights file the matrix came from.
    public let weightsPath: String
    /// The communicator whose ranks share the matrix and apply the map together.
    public let communicator: Communicator
    /// The source points this rank holds (`x`).
    public let source: Decomposition
    /// The destination points this rank computes (`y`).
    public let destination: Decomposition
    /// The threads that split this rank's partial rows.
    public let threads: ThreadTeam
    /// The destination points this rank's source points reach, and the matrix entries to them.
    private let partialRows: Decomposition
    private let matrix: CompressedRows
    /// Partial rows sent to each other rank (positions in `partialRows`, ascending global index).
    private let sends: [(peer: Int, rows: [Int32])]
    /// For each rank whose partial sums reach this rank's points, in ascending rank order (this
    /// rank included): the local destination points they are added to.
    private let receives: [(peer: Int, points: [Int32])]
    /// This rank's partial rows that reach its own destination points, in the order of its entry in `receives`.
    private let ownRows: [Int32]
    private let tag: Int

    /// Reads `weights` (in chunks of `chunkSize` entries on every rank), keeps this rank's
    /// entries — those of the source points it holds — and plans the exchange of partial sums.
    /// Collective over `communicator`.
    public init(weights: WeightsFile, communicator: Communicator, source: Decomposition, destination: Decomposition,
                threads: ThreadTeam = ThreadTeam(count: 1), chunkSize: Int = WeightsFile.defaultChunkSize, tag: Int = 29) throws {
        try weights.checkFits(.destination, points: destination.globalSize, gridName: "the destination decomposition")
        let (rows, partialRows) = try weights.distributePartialRows(communicator: communicator, source: source, chunkSize: chunkSize)
        let columns = rows.columns.map { Int32(source.localIndex(ofGlobal: Int($0))!) }
        matrix = CompressedRows(rowStarts: rows.rowStarts, sourceIndex: columns, weights: rows.weights)

        // Who owns each reached destination point; tell each owner which of its points come.
        let owners = try SegmentOwners(communicator: communicator, decomposition: destination)
        let size = communicator.size, me = communicator.rank
        var rowsTo = [[Int32]](repeating: [], count: size)
        var globalsTo = [[Int]](repeating: [], count: size)
        for (local, global) in partialRows.globalIndices.enumerated() {
            guard let owner = owners.owner(of: global) else {
                throw ExchangeError("map \(weights.path): destination point \(global + 1) is owned by no rank")
            }
            rowsTo[owner].append(Int32(local))
            globalsTo[owner].append(global)
        }
        let arriving = try communicator.allToAllv(globalsTo.flatMap { $0 }, sendCounts: globalsTo.map(\.count))
        var receives = [(peer: Int, points: [Int32])]()
        var offset = 0
        for (peer, count) in arriving.counts.enumerated() {
            defer { offset += count }
            guard count > 0 else { continue }
            receives.append((peer, arriving.values[offset ..< offset + count].map { Int32(destination.localIndex(ofGlobal: $0)!) }))
        }
        sends = (0 ..< size).filter { $0 != me && !rowsTo[$0].isEmpty }.map { ($0, rowsTo[$0]) }
        ownRows = rowsTo[me]
        self.receives = receives
        self.partialRows = partialRows
        self.weightsPath = weights.path
        self.communicator = communicator
        self.source = source
        self.destination = destination
        self.threads = threads
        self.tag = tag
    }

    /// The number of matrix entries this rank applies.
    public var localEntryCount: Int { matrix.weights.count }

    /// The partial sums (points; each carries every field) this rank sends to other ranks for each map.
    public var partialPointsSent: Int { sends.reduce(0) { $0 + $1.rows.count } }

    /// The partial sums this rank receives from other ranks for each map.
    public var partialPointsReceived: Int { receives.filter { $0.peer != communicator.rank }.reduce(0) { $0 + $1.points.count } }

    /// `y = S x` for every field. `x` is over `source`'s points, `y` over `destination`'s, with
    /// the same number of fields (matched by position). Collective over the communicator.
    public func map(_ x: FieldBundle, into y: inout FieldBundle) throws {
        guard x.pointCount == source.localSize, y.pointCount == destination.localSize, x.fieldCount == y.fieldCount else {
            throw ExchangeError("map \(weightsPath): bundles of \(x.pointCount) × \(x.fieldCount) and \(y.pointCount) × \(y.fieldCount) "
                + "values given; the map needs \(source.localSize) source and \(destination.localSize) destination points with equal field counts")
        }
        let k = x.fieldCount
        let partial = UnsafeMutableBufferPointer<Double>.allocate(capacity: partialRows.localSize * k)
        let incoming = UnsafeMutableBufferPointer<Double>.allocate(capacity: receives.reduce(0) { $0 + $1.points.count } * k)
        let outgoing = UnsafeMutableBufferPointer<Double>.allocate(capacity: partialPointsSent * k)
        defer { partial.deallocate(); incoming.deallocate(); outgoing.deallocate() }
        let matrix = self.matrix, threads = self.threads, localCount = source.localSize
        x.storage.withUnsafeBufferPointer { xs in
            let input = SourceValues(local: xs, halo: UnsafeBufferPointer(start: nil, count: 0), localCount: localCount)
            let output = UnsafeSendableBuffer(partial)
            threads.parallelFor(0 ..< matrix.rowCount) { rows in
                matrix.multiply(rows: rows, fieldCount: k, x: input, y: output.buffer)
            }
        }
        var requests = [Request]()
        do {
            var offset = 0
            for (peer, points) in receives {
                if peer != communicator.rank {
                    let slice = UnsafeMutableBufferPointer(rebasing: incoming[offset ..< offset + points.count * k])
                    requests.append(try communicator.startReceive(into: slice, from: peer, tag: tag))
                }
                offset += points.count * k
            }
            offset = 0
            for (peer, rows) in sends {
                let start = offset
                for row in rows {
                    outgoing.baseAddress!.advanced(by: offset).update(from: partial.baseAddress!.advanced(by: Int(row) * k), count: k)
                    offset += k
                }
                requests.append(try communicator.startSend(UnsafeBufferPointer(rebasing: outgoing[start ..< offset]), to: peer, tag: tag))
            }
            try Request.waitAll(&requests)
        } catch {
            throw ExchangeError("map \(weightsPath): moving partial sums failed: \(error)")
        }
        // Each destination point adds its partial sums in source-rank order, this rank's own in its place.
        y.storage.withUnsafeMutableBufferPointer { ys in
            for i in ys.indices { ys[i] = 0 }
            var offset = 0
            for (peer, points) in receives {
                for (i, point) in points.enumerated() {
                    let from = peer == communicator.rank ? partial.baseAddress! + Int(ownRows[i]) * k : incoming.baseAddress! + offset + i * k
                    for f in 0 ..< k { ys[Int(point) * k + f] += from[f] }
                }
                offset += points.count * k
            }
        }
    }
}

extension PartialSumMapper: SparseMatrixMap {
    /// `S x` into fields `first ..< first + x.fieldCount` of `y`, whose other fields keep their
    /// values (by way of a bundle of `x`'s fields). Collective over the communicator.
    public func map(_ x: FieldBundle, into y: inout FieldBundle, fromField first: Int) throws {
        var mapped = FieldBundle(fields: x.fieldNames, pointCount: y.pointCount)
        try map(x, into: &mapped)
        y.setFields(first ..< first + x.fieldCount, from: mapped)
    }
}
