import MPI

/// Applies an offline mapping `y = S x` to every field of a bundle at once, on the ranks of
/// one communicator (cpl7 map type 'X'): the source values each rank needs are first gathered
/// (by a `Router`) to the ranks owning the destination rows, then each rank computes its rows.
///
/// **Bit-for-bit.** Each destination point's sum is computed by one rank, over the entries of
/// its row in the weights file's order, so `y` is the same to the last bit for any
/// decomposition, any number of ranks or threads, and any chunk size used to read the file.
///
/// **Two ways to provide `x`.** Either each rank holds the source points of a decomposition and
/// the mapper gathers what else its rows need (the coupler's case, `init(weights:communicator:source:destination:)`),
/// or each rank supplies exactly the source points its rows use, e.g. read straight from a file
/// (`init(weights:communicator:destination:)`, used by `remap`), and nothing is exchanged.
///
/// **Fraction-weighted form.** `map(_:weightedBy:into:)` computes `y = S(w·x) / S(w)`, as cpl7
/// does for fields whose source covers only part of a cell (`w` a fraction or a validity mask).
public final class Mapper {
    /// The weights file the matrix came from.
    public let weightsPath: String
    /// The communicator whose ranks share the matrix rows and apply the map together.
    public let communicator: Communicator
    /// The source points this rank holds (`x`).
    public let source: Decomposition
    /// The destination points this rank computes (`y`).
    public let destination: Decomposition
    /// The threads that split this rank's rows.
    public let threads: ThreadTeam
    let matrix: CompressedRows
    private let halo: Router?
    private let haloSize: Int
    /// The source values of the last map gathered from other ranks, point by point.
    private(set) var haloBuffer: [Double] = []

    /// Reads `weights` (in chunks of `chunkSize` entries on every rank) and plans the gathering
    /// of source points. Collective over `communicator`.
    public init(weights: WeightsFile, communicator: Communicator, source: Decomposition, destination: Decomposition,
                threads: ThreadTeam = ThreadTeam(count: 1), chunkSize: Int = WeightsFile.defaultChunkSize, tag: Int = 23) throws {
        try weights.checkFits(.source, points: source.globalSize, gridName: "the source decomposition")
        let rows = try weights.distributeRows(communicator: communicator, destination: destination, chunkSize: chunkSize, threads: threads)
        // Columns this rank needs but does not hold: the halo, gathered by a router. Matrix
        // columns become positions in this rank's source points followed by the halo.
        var xIndex = [Int32](repeating: -1, count: rows.columns.count)
        var remote = [Int32]()
        rows.columns.withUnsafeBufferPointer { columns in
            xIndex.withUnsafeMutableBufferPointer { index in
                for e in 0 ..< columns.count {
                    if let local = source.localIndex(ofGlobal: Int(columns[e])) { index[e] = Int32(local) } else { remote.append(columns[e]) }
                }
            }
        }
        remote.sort()
        let haloIndices = remote.isEmpty ? [] : [remote[0]] + zip(remote, remote.dropFirst()).compactMap { $0 == $1 ? nil : $1 }
        let anyRemote = try communicator.any(!haloIndices.isEmpty)
        if anyRemote {
            let haloDecomposition = try Decomposition(globalSize: source.globalSize, indices: haloIndices.map(Int.init))
            halo = try Router(communicator: communicator, globalSize: source.globalSize, source: source,
                              destination: haloDecomposition, tag: tag)
            for e in 0 ..< xIndex.count where xIndex[e] < 0 {
                xIndex[e] = Int32(source.localSize + haloDecomposition.localIndex(ofGlobal: Int(rows.columns[e]))!)
            }
        } else {
            halo = nil
        }
        haloSize = haloIndices.count
        matrix = CompressedRows(rowStarts: rows.rowStarts, sourceIndex: xIndex, weights: rows.weights)
        self.weightsPath = weights.path
        self.communicator = communicator
        self.source = source
        self.destination = destination
        self.threads = threads
    }

    /// Reads `weights` and makes a mapper whose `source` is exactly the source points this rank's
    /// destination rows use: the caller supplies their values for each map, and no source value
    /// moves between ranks. Collective over `communicator`.
    public init(weights: WeightsFile, communicator: Communicator, destination: Decomposition,
                threads: ThreadTeam = ThreadTeam(count: 1), chunkSize: Int = WeightsFile.defaultChunkSize) throws {
        let rows = try weights.distributeRows(communicator: communicator, destination: destination, chunkSize: chunkSize, threads: threads)
        let (source, xIndex) = try Self.compactColumns(rows.columns, sourceSize: weights.sourceSize)
        matrix = CompressedRows(rowStarts: rows.rowStarts, sourceIndex: xIndex, weights: rows.weights)
        halo = nil
        haloSize = 0
        self.weightsPath = weights.path
        self.communicator = communicator
        self.source = source
        self.destination = destination
        self.threads = threads
    }

    /// The number of matrix entries this rank applies.
    public var localEntryCount: Int { matrix.weights.count }

    /// The number of source points this rank gathers from other ranks for each map.
    public var haloPointCount: Int { haloSize }

    /// `y = S x` for every field. `x` is over `source`'s points, `y` over `destination`'s, with
    /// the same number of fields (matched by position). Collective over the communicator.
    public func map(_ x: FieldBundle, into y: inout FieldBundle) throws {
        try check(x, y)
        try map(x, into: &y, fromField: 0)
    }

    /// `y = S x` into fields `first ..< first + x.fieldCount` of `y`, whose other fields keep
    /// their values: a map's result written where a bundle of more fields wants it, without a
    /// copy. Collective over the communicator.
    public func map(_ x: FieldBundle, into y: inout FieldBundle, fromField first: Int) throws {
        guard x.pointCount == source.localSize, y.pointCount == destination.localSize, first >= 0, first + x.fieldCount <= y.fieldCount else {
            throw ExchangeError("map \(weightsPath): bundles of \(x.pointCount) × \(x.fieldCount) and \(y.pointCount) × \(y.fieldCount) "
                + "values given for fields from \(first); the map needs \(source.localSize) source and \(destination.localSize) destination points")
        }
        let k = x.fieldCount, yStride = y.fieldCount
        try gatherHalo(of: x)
        let matrix = self.matrix, nLocal = source.localSize, threads = self.threads
        x.storage.withUnsafeBufferPointer { xs in
            haloBuffer.withUnsafeBufferPointer { h in
                y.storage.withUnsafeMutableBufferPointer { ys in
                    let input = SourceValues(local: xs, halo: h, localCount: nLocal)
                    let output = UnsafeSendableBuffer(ys)
                    threads.parallelFor(0 ..< matrix.rowCount) { rows in
                        matrix.multiply(rows: rows, fieldCount: k, x: input, y: output.buffer, yStride: yStride, yFirst: first)
                    }
                }
            }
        }
    }

    /// `S(w·x) / S(w)` of fields `fields` of `x` into fields `targets` of `y` (`emptyValue`
    /// where `S(w)` is 0), as `SparseMatrixMap` defines it. When no rank needs a halo and the
    /// fields are consecutive in `x`, the rows read `w` and `x` and form `w·x` as they go, with
    /// the same bits as a map of the weighted copy, which is then never made. Returns `S(w)`.
    /// Collective over the communicator.
    @discardableResult
    public func map(_ fields: [Int], of x: FieldBundle, weightedBy w: [Double], into y: inout FieldBundle, fields targets: [Int],
                    emptyValue: Double = 0) throws -> [Double] {
        guard halo == nil, let first = fields.first, fields == Array(first ..< first + fields.count), fields.last! < x.fieldCount,
              w.count == x.pointCount else {
            return try mapThroughWeightedCopy(fields, of: x, weightedBy: w, into: &y, fields: targets, emptyValue: emptyValue)
        }
        guard x.pointCount == source.localSize, y.pointCount == destination.localSize else {
            throw ExchangeError("map \(weightsPath): bundles of \(x.pointCount) and \(y.pointCount) points given; the map needs "
                + "\(source.localSize) source and \(destination.localSize) destination points")
        }
        let k = fields.count, kx = x.fieldCount, matrix = self.matrix, threads = self.threads
        var mapped = FieldBundle(uninitializedFields: fields.map { x.fieldNames[$0] } + ["weight"], pointCount: y.pointCount)
        x.storage.withUnsafeBufferPointer { xs in
            w.withUnsafeBufferPointer { ws in
                mapped.storage.withUnsafeMutableBufferPointer { ms in
                    let input = UnsafeSendablePointers(x: xs.baseAddress ?? UnsafePointer(bitPattern: 8)!, w: ws.baseAddress ?? UnsafePointer(bitPattern: 8)!)
                    let output = UnsafeSendableBuffer(ms)
                    threads.parallelFor(0 ..< matrix.rowCount) { rows in
                        matrix.multiplyWeighted(rows: rows, fields: first ..< first + k, xStride: kx, x: input.x, w: input.w,
                                                y: output.buffer.baseAddress!)
                    }
                }
            }
        }
        return mapped.divideByWeight(into: &y, fields: targets, emptyValue: emptyValue)
    }

    /// Gathers into `haloBuffer` the source values of every field of `x` that this rank's rows
    /// need from other ranks. Collective over the communicator.
    func gatherHalo(of x: FieldBundle) throws {
        guard let halo else { return }
        let k = x.fieldCount
        if haloBuffer.count < haloSize * k { haloBuffer = [Double](repeating: 0, count: haloSize * k) }
        try x.storage.withUnsafeBufferPointer { xs in
            try haloBuffer.withUnsafeMutableBufferPointer { h in
                try halo.move(fieldCount: k, source: xs, destination: UnsafeMutableBufferPointer(rebasing: h[0 ..< haloSize * k]))
            }
        }
    }

    private func check(_ x: FieldBundle, _ y: FieldBundle) throws {
        guard x.pointCount == source.localSize, y.pointCount == destination.localSize, x.fieldCount == y.fieldCount else {
            throw ExchangeError("map \(weightsPath): bundles of \(x.pointCount) × \(x.fieldCount) and \(y.pointCount) × \(y.fieldCount) "
                + "values given; the map needs \(source.localSize) source and \(destination.localSize) destination points with equal field counts")
        }
    }

    /// The source points the columns use, as a decomposition, and each entry's position among
    /// them. When the columns span a range not much wider than the entries, a table over that
    /// range does it; otherwise a sort. Neither needs memory for the whole source grid.
    static func compactColumns(_ columns: [Int32], sourceSize: Int) throws -> (source: Decomposition, position: [Int32]) {
        guard let low = columns.min(), let high = columns.max() else { return (try Decomposition(globalSize: sourceSize, indices: []), []) }
        let span = Int(high) - Int(low) + 1
        if span <= 4 * columns.count {
            var slot = [Int32](repeating: -1, count: span)
            for c in columns { slot[Int(c &- low)] = 0 }
            var used: Int32 = 0
            for i in 0 ..< span where slot[i] == 0 {
                slot[i] = used
                used += 1
            }
            // Every point of the span used (as by a rank that maps a whole grid): one segment,
            // and the positions are the columns less the first (from 0, the columns themselves).
            if Int(used) == span {
                let source = try Decomposition(globalSize: sourceSize, segments: [.init(start: Int(low), count: span)])
                return (source, low == 0 ? columns : columns.map { $0 &- low })
            }
            var distinct = [Int]()
            distinct.reserveCapacity(Int(used))
            for i in 0 ..< span where slot[i] >= 0 { distinct.append(Int(low) + i) }
            return (try Decomposition(globalSize: sourceSize, indices: distinct), columns.map { slot[Int($0 &- low)] })
        }
        var sorted = columns.sorted()
        var unique = 0
        for i in sorted.indices where i == 0 || sorted[i] != sorted[unique - 1] {
            sorted[unique] = sorted[i]
            unique += 1
        }
        let distinct = sorted[..<unique]
        let position = columns.map { c -> Int32 in
            var lowIndex = 0, highIndex = unique
            while lowIndex < highIndex {
                let mid = (lowIndex + highIndex) / 2
                if distinct[mid] < c { lowIndex = mid + 1 } else { highIndex = mid }
            }
            return Int32(lowIndex)
        }
        return (try Decomposition(globalSize: sourceSize, indices: distinct.map(Int.init)), position)
    }
}
