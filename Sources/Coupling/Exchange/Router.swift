import MPI

/// A persistent plan that moves fields between two decompositions of one grid — between
/// components and the coupler (on their joined communicator) or within one processor set —
/// and moves exactly the points that must move. A point that stays on its rank is a local copy.
///
/// Build it once (collective over `communicator`: every rank of it is a source, a destination
/// or both), then call `move` as often as needed; only the ranks of `communicator` take part,
/// and each rank exchanges messages only with the ranks it shares points with.
///
/// Points travel in ascending global index order; a point's fields travel together, which
/// is why `FieldBundle` stores fields point-major.
public final class Router {
    /// The communicator the plan moves points over; every rank of it takes part in building it.
    public let communicator: Communicator
    /// Points of the local source bundle to send, per destination rank.
    private let sends: [(peer: Int, runs: PointRuns)]
    /// Points of the local destination bundle to fill, per source rank.
    private let receives: [(peer: Int, runs: PointRuns)]
    /// Source and destination points that stay on this rank.
    private let localSource: PointRuns
    private let localDestination: PointRuns
    /// The local source and destination sizes the plan was built for.
    public let sourcePointCount: Int
    /// The local destination point count the plan was built for.
    public let destinationPointCount: Int
    private let tag: Int
    private var sendBuffer = UnsafeMutableBufferPointer<Double>(start: nil, count: 0)
    private var receiveBuffer = UnsafeMutableBufferPointer<Double>(start: nil, count: 0)

    /// What a `move` transfers, counted in points (a point carries all fields of the bundle).
    public struct Statistics: Sendable, Hashable {
        /// Points sent to other ranks.
        public let pointsSent: Int
        /// Points received from other ranks.
        public let pointsReceived: Int
        /// Points copied within this rank.
        public let pointsCopiedLocally: Int
        /// Messages sent to other ranks.
        public let messagesSent: Int
    }

    /// Builds the plan. Collective over `communicator`.
    /// - Parameters:
    ///   - source: the points this rank holds before the move (`nil` if it holds none). Across
    ///     ranks, each global index must be held exactly once.
    ///   - destination: the points this rank wants after the move (`nil` if none). Several
    ///     ranks may want the same point (halos).
    ///   - tag: the MPI tag of this router's messages.
    public init(communicator: Communicator, globalSize: Int, source: Decomposition?, destination: Decomposition?,
                tag: Int = 17) throws(ExchangeError) {
        for d in [source, destination].compactMap({ $0 }) where d.globalSize != globalSize {
            throw ExchangeError("a decomposition of a grid of \(d.globalSize) points used with a grid of \(globalSize)")
        }
        let directory = try RoutingDirectory.match(communicator: communicator, globalSize: globalSize, owned: source, wanted: destination)
        let me = communicator.rank
        func runs(_ segments: [Decomposition.Segment], in decomposition: Decomposition?) -> PointRuns {
            var result = PointRuns()
            for segment in segments {
                // Segments from the directory never straddle this rank's own segments' gaps.
                result.append(start: decomposition!.localIndex(ofGlobal: segment.start)!, count: segment.count)
            }
            return result
        }
        sends = directory.sends.keys.sorted().filter { $0 != me }.map { ($0, runs(directory.sends[$0]!, in: source)) }
        receives = directory.receives.keys.sorted().filter { $0 != me }.map { ($0, runs(directory.receives[$0]!, in: destination)) }
        localSource = runs(directory.sends[me] ?? [], in: source)
        localDestination = runs(directory.receives[me] ?? [], in: destination)
        sourcePointCount = source?.localSize ?? 0
        destinationPointCount = destination?.localSize ?? 0
        self.communicator = communicator
        self.tag = tag
    }

    deinit {
        sendBuffer.deallocate()
        receiveBuffer.deallocate()
    }

    /// What one `move` transfers from and to this rank.
    public var statistics: Statistics {
        Statistics(pointsSent: sends.reduce(0) { $0 + $1.runs.pointCount },
                   pointsReceived: receives.reduce(0) { $0 + $1.runs.pointCount },
                   pointsCopiedLocally: localSource.pointCount, messagesSent: sends.count)
    }

    /// Moves every field of `source` into `destination`. Ranks without source points pass an
    /// empty bundle of the same fields, likewise for destinations. Fields are matched by position.
    /// With `scaling`, the fields it names arrive multiplied by its factor of their source point
    /// (each product rounded once, as in a scaled copy of `source`, which is never made).
    public func move(from source: FieldBundle, into destination: inout FieldBundle, scaling: PointScaling? = nil) throws(ExchangeError) {
        guard source.pointCount == sourcePointCount, destination.pointCount == destinationPointCount else {
            throw ExchangeError("bundles of \(source.pointCount) and \(destination.pointCount) points given to a router "
                + "planned for \(sourcePointCount) and \(destinationPointCount)")
        }
        guard source.fieldCount == destination.fieldCount || source.pointCount == 0 || destination.pointCount == 0 else {
            throw ExchangeError("source has \(source.fieldCount) fields, destination \(destination.fieldCount)")
        }
        if let scaling {
            precondition(scaling.factor.count == source.pointCount && scaling.fields.allSatisfy { source.fieldNames.indices.contains($0) },
                         "a scaling of other fields or points than the source's")
        }
        let k = max(source.pointCount > 0 ? source.fieldCount : 0, destination.pointCount > 0 ? destination.fieldCount : 0,
                    source.fieldCount)
        try source.storage.withUnsafeBufferPointer { (x) throws(ExchangeError) in
            try destination.storage.withUnsafeMutableBufferPointer { (y) throws(ExchangeError) in
                try move(fieldCount: k, source: x, destination: y, scaling: scaling)
            }
        }
    }

    /// Moves `fieldCount` fields stored point-major in raw buffers, scaled by `scaling` as
    /// `move(from:into:scaling:)` says.
    public func move(fieldCount k: Int, source x: UnsafeBufferPointer<Double>, destination y: UnsafeMutableBufferPointer<Double>,
                     scaling: PointScaling? = nil) throws(ExchangeError) {
        ensureCapacity(&sendBuffer, sends.reduce(0) { $0 + $1.runs.pointCount } * k)
        ensureCapacity(&receiveBuffer, receives.reduce(0) { $0 + $1.runs.pointCount } * k)
        var requests = [Request]()
        requests.reserveCapacity(sends.count + receives.count)
        do {
            var offset = 0
            for (peer, runs) in receives {
                let slice = UnsafeMutableBufferPointer(rebasing: receiveBuffer[offset ..< offset + runs.pointCount * k])
                requests.append(try communicator.startReceive(into: slice, from: peer, tag: tag))
                offset += runs.pointCount * k
            }
            offset = 0
            for (peer, runs) in sends {
                let start = offset
                for r in 0 ..< runs.runCount {
                    let n = runs.counts[r] * k
                    sendBuffer.baseAddress!.advanced(by: offset).update(from: x.baseAddress!.advanced(by: runs.starts[r] * k), count: n)
                    scaling?.apply(to: sendBuffer.baseAddress! + offset, points: runs.starts[r] ..< runs.starts[r] + runs.counts[r], fieldCount: k)
                    offset += n
                }
                let slice = UnsafeBufferPointer(rebasing: sendBuffer[start ..< offset])
                requests.append(try communicator.startSend(slice, to: peer, tag: tag))
            }
            copyRuns(from: x, localSource, to: y, localDestination, k, scaling: scaling)
            try Request.waitAll(&requests)
        } catch {
            throw ExchangeError("moving fields failed: \(error)")
        }
        var offset = 0
        for (_, runs) in receives {
            for r in 0 ..< runs.runCount {
                let n = runs.counts[r] * k
                y.baseAddress!.advanced(by: runs.starts[r] * k).update(from: receiveBuffer.baseAddress!.advanced(by: offset), count: n)
                offset += n
            }
        }
    }

    /// Copies the points of `sourceRuns` in `x` to those of `destinationRuns` in `y`, in order.
    private func copyRuns(from x: UnsafeBufferPointer<Double>, _ sourceRuns: PointRuns,
                          to y: UnsafeMutableBufferPointer<Double>, _ destinationRuns: PointRuns, _ k: Int, scaling: PointScaling?) {
        var s = 0, d = 0, sUsed = 0, dUsed = 0
        while s < sourceRuns.runCount && d < destinationRuns.runCount {
            let n = min(sourceRuns.counts[s] - sUsed, destinationRuns.counts[d] - dUsed)
            let first = sourceRuns.starts[s] + sUsed
            y.baseAddress!.advanced(by: (destinationRuns.starts[d] + dUsed) * k).update(from: x.baseAddress!.advanced(by: first * k), count: n * k)
            scaling?.apply(to: y.baseAddress! + (destinationRuns.starts[d] + dUsed) * k, points: first ..< first + n, fieldCount: k)
            sUsed += n
            dUsed += n
            if sUsed == sourceRuns.counts[s] { s += 1; sUsed = 0 }
            if dUsed == destinationRuns.counts[d] { d += 1; dUsed = 0 }
        }
    }

    private func ensureCapacity(_ buffer: inout UnsafeMutableBufferPointer<Double>, _ count: Int) {
        guard buffer.count < count else { return }
        buffer.deallocate()
        buffer = UnsafeMutableBufferPointer<Double>.allocate(capacity: count)
    }
}

/// Fields multiplied by a factor per source point as a `Router` moves them (the coupler's
/// area correction of the fluxes it sends).
public struct PointScaling: Sendable {
    /// The fields scaled, by position.
    public let fields: [Int]
    /// One factor per local source point.
    public let factor: [Double]

    /// Scales fields `fields` by `factor`, one factor per local source point.
    public init(fields: [Int], factor: [Double]) {
        self.fields = fields
        self.factor = factor
    }

    /// Scales `bundle` where it is: its points are the factor's.
    public func apply(to bundle: inout FieldBundle) {
        precondition(bundle.pointCount == factor.count, "a scaling of \(factor.count) points applied to \(bundle.pointCount)")
        let n = bundle.pointCount, k = bundle.fieldCount
        guard n > 0 else { return }
        bundle.storage.withUnsafeMutableBufferPointer { apply(to: $0.baseAddress!, points: 0 ..< n, fieldCount: k) }
    }

    /// Scales the values of source points `points`, copied point-major (`k` values per point)
    /// to `values`.
    func apply(to values: UnsafeMutablePointer<Double>, points: Range<Int>, fieldCount k: Int) {
        guard !fields.isEmpty else { return }
        fields.withUnsafeBufferPointer { fields in
            factor.withUnsafeBufferPointer { factor in
                var point = values
                for p in points {
                    let scale = factor[p]
                    for f in fields { point[f] *= scale }
                    point += k
                }
            }
        }
    }
}
