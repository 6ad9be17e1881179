/// How the coupler forms one component's imports, resolved once from the exchange table: for
/// each import, which of the coupler's source bundles (and which field position in it) each
/// copy or merge term reads. Forming the imports then looks up no names.
///
/// Source bundles are numbered by the caller, which says at resolution where each field can be
/// found (`locate`). A bundle that is absent when the imports are formed (a component that is
/// not there) leaves its terms out; a copy from it falls back to the rule's fallback, else 0.
public struct ImportPlan: Sendable {
    /// One import and how it is formed.
    enum Step: Sendable {
        /// Copy field `field` of source `source`; `fallback` when the source is absent.
        case copy(target: Int, source: Int, field: Int, fallback: Double?)
        /// Nothing provides it here: `value` everywhere.
        case fill(target: Int, value: Double)
        /// A surface fraction.
        case fraction(target: Int, SurfaceFraction)
        /// `Σ fraction × field` over the terms whose source is present, added to 0 in order.
        case merge(target: Int, terms: [Term])
    }

    /// One merge term, resolved.
    struct Term: Sendable {
        let fraction: SurfaceFraction?
        let source: Int
        let field: Int
    }

    /// The imports formed, in order.
    public let fields: [String]
    private let steps: [Step]

    /// The numbers of the source bundles the imports read.
    public var sourcesRead: Set<Int> {
        Set(steps.flatMap { step -> [Int] in
            switch step {
            case .copy(_, let source, _, _): [source]
            case .merge(_, let terms): terms.map(\.source)
            case .fill, .fraction: []
            }
        })
    }

    /// Resolves the imports `fields` of a component of kind `importer` with the rules of
    /// `table`. `locate` says where a field can be found: the number of its source bundle and
    /// its position there, or `nil` when no bundle on the importer's grid has it. A copy or a
    /// merge term that cannot be located is left out (the import stays 0 or gets its
    /// fallback); the coupling plan has already refused a run where a component imports such
    /// a field.
    public init(importer: ComponentKind, fields: [String], table: ExchangeTable, locate: (String) -> (source: Int, field: Int)?) {
        self.fields = fields
        steps = fields.enumerated().map { target, name -> Step in
            switch table.rule(for: name, importedBy: importer) {
            case .copy(let fallback)?:
                if let (source, field) = locate(name) { return .copy(target: target, source: source, field: field, fallback: fallback) }
                return .fill(target: target, value: fallback ?? 0)
            case .fraction(let fraction)?:
                return .fraction(target: target, fraction)
            case .merge(let terms)?:
                return .merge(target: target, terms: terms.compactMap { term in
                    locate(term.field).map { Term(fraction: term.fraction, source: $0.source, field: $0.field) }
                })
            case nil:
                return .fill(target: target, value: 0)
            }
        }
    }

    /// The imports over `pointCount` points from the source bundles (by number; `nil` for one
    /// that is absent now) and the bundle of surface fractions on the importer's grid (fields
    /// named as `SurfaceFraction`s).
    public func form(pointCount n: Int, sources: [FieldBundle?], fractions: FieldBundle) -> FieldBundle {
        var result = FieldBundle(fields: fields, pointCount: n)
        form(into: &result, sources: sources, fractions: fractions)
        return result
    }

    /// Forms the imports into `result` (a bundle of `fields`, every value overwritten), so a
    /// caller can reuse the storage of the last imports; with `adding`, adds them to `result`'s
    /// values instead (a running sum, without a bundle of the imports). The points go in blocks
    /// small enough for the block's imports to stay in cache; within a block each import is one
    /// strided loop per source it reads; `threads` share the blocks. A merge adds its terms to 0
    /// in the rule's order, as one sum per point would.
    ///
    /// `alongside` runs on the points of every few blocks right after their imports are formed,
    /// while the sources' values there are still in cache, with the number of the thread's chunk.
    public func form(into result: inout FieldBundle, sources: [FieldBundle?], fractions: FieldBundle, adding: Bool = false,
                     threads: ThreadTeam = ThreadTeam(count: 1), alongside: Alongside? = nil) {
        precondition(result.fieldNames == fields, "imports formed into a bundle of other fields")
        // The arrays read: the present sources' storage, then the fractions.
        var arrays = [[Double]](), strides = [Int]()
        var sourceArray = [Int: Int]()
        for (number, bundle) in sources.enumerated() {
            guard let bundle else { continue }
            sourceArray[number] = arrays.count
            arrays.append(bundle.storage)
            strides.append(bundle.fieldCount)
        }
        let fractionArray = arrays.count
        arrays.append(fractions.storage)
        strides.append(fractions.fieldCount)
        func fractionRead(_ fraction: SurfaceFraction) -> Read {
            guard let offset = fractions.index(of: fraction.rawValue) else { preconditionFailure("no fraction \(fraction) on this grid") }
            return Read(array: fractionArray, offset: offset)
        }
        // Each import as reads of those arrays: a fill, one read, or a sum of reads each
        // weighted by a fraction.
        var operations = [Operation]()
        for step in steps {
            switch step {
            case .copy(let target, let source, let field, let fallback):
                if let array = sourceArray[source] {
                    operations.append(Operation(target: target, fill: 0, reads: [(Read(array: array, offset: field), nil)]))
                } else {
                    operations.append(Operation(target: target, fill: fallback ?? 0, reads: []))
                }
            case .fill(let target, let value):
                operations.append(Operation(target: target, fill: value, reads: []))
            case .fraction(let target, let fraction):
                operations.append(Operation(target: target, fill: 0, reads: [(fractionRead(fraction), nil)]))
            case .merge(let target, let merged):
                operations.append(Operation(target: target, fill: 0, reads: merged.compactMap { term in
                    sourceArray[term.source].map { (Read(array: $0, offset: term.field), term.fraction.map(fractionRead)) }
                }))
            }
        }
        let k = fields.count, n = result.pointCount
        withBuffers(arrays[...], []) { buffers in
            // The reads with their addresses, all in one array; each import a range of it.
            var addressed = [AddressedRead](), spans = [(target: Int, fill: Double, reads: Range<Int>)]()
            for operation in operations {
                let first = addressed.count
                for (value, weight) in operation.reads {
                    let x = (buffers[value.array].baseAddress ?? UnsafePointer(bitPattern: 8)!) + value.offset
                    let w = weight.map { (buffers[$0.array].baseAddress ?? UnsafePointer(bitPattern: 8)!) + $0.offset }
                    addressed.append(AddressedRead(x: x, xStride: strides[value.array], w: w, wStride: weight.map { strides[$0.array] } ?? 0))
                }
                spans.append((operation.target, operation.fill, first ..< addressed.count))
            }
            result.storage.withUnsafeMutableBufferPointer { out in
                addressed.withUnsafeBufferPointer { addressed in
                    spans.withUnsafeBufferPointer { spans in
                        guard let out = out.baseAddress else { return }
                        let blocks = Blocks(out: out, fieldCount: k, pointCount: n, adding: adding, reads: addressed, spans: spans)
                        threads.parallelForChunks(0 ..< (n + Self.pointBlock - 1) / Self.pointBlock) { chunk, range in
                            blocks.form(range, chunk: chunk, alongside: alongside)
                        }
                    }
                }
            }
        }
    }

    /// The blocks of points of one `form`, with the addresses of what they read: each thread
    /// forms its own blocks, so any thread count gives the same bytes.
    private struct Blocks: @unchecked Sendable {
        let out: UnsafeMutablePointer<Double>
        let fieldCount: Int
        let pointCount: Int
        let adding: Bool
        let reads: UnsafeBufferPointer<AddressedRead>
        let spans: UnsafeBufferPointer<(target: Int, fill: Double, reads: Range<Int>)>

        /// Forms blocks `blocks` (chunk `chunk` of the threads'); with `adding`, each block is
        /// formed aside and then added. `alongside` runs after every `blocksAlongside` blocks,
        /// on their points.
        func form(_ blocks: Range<Int>, chunk: Int, alongside: Alongside?) {
            let k = fieldCount
            var blockSum = [Double](repeating: 0, count: adding ? ImportPlan.pointBlock * k : 0)
            var pieceStart = blocks.lowerBound
            blockSum.withUnsafeMutableBufferPointer { blockSum in
                for block in blocks {
                    let blockStart = block * ImportPlan.pointBlock, count = min(ImportPlan.pointBlock, pointCount - blockStart)
                    let formed = adding ? blockSum.baseAddress! : out + blockStart * k
                    for span in spans {
                        let target = formed + span.target
                        guard !span.reads.isEmpty else {
                            for q in 0 ..< count { target[q * k] = span.fill }
                            continue
                        }
                        // The first read starts from the fill, the others add to it: the
                        // same sums, without a pass that stores the fill alone.
                        for (index, read) in zip(span.reads, reads[span.reads]) {
                            let x = read.x + blockStart * read.xStride, xStride = read.xStride
                            if let w = read.w {
                                let w = w + blockStart * read.wStride, wStride = read.wStride
                                if index == span.reads.lowerBound {
                                    let fill = span.fill
                                    for q in 0 ..< count { target[q * k] = fill + w[q * wStride] * x[q * xStride] }
                                } else {
                                    for q in 0 ..< count { target[q * k] += w[q * wStride] * x[q * xStride] }
                                }
                            } else {
                                for q in 0 ..< count { target[q * k] = x[q * xStride] }
                            }
                        }
                    }
                    if adding {
                        let sum = out + blockStart * k
                        for i in 0 ..< count * k { sum[i] += formed[i] }
                    }
                    if let alongside, block + 1 - pieceStart == ImportPlan.blocksAlongside || block + 1 == blocks.upperBound {
                        alongside.body(chunk, pieceStart * ImportPlan.pointBlock ..< blockStart + count)
                        pieceStart = block + 1
                    }
                }
            }
        }
    }

    /// The points formed together, import by import: few enough that the cache lines of a
    /// block's points in every source stay in the first-level cache from one import to the
    /// next. On the default configuration 8 formed the merges fastest, 32 and 64 were 1.5-2.5×
    /// slower (measured on one rank, 2026-12-06).
    private static let pointBlock = 8

    /// Blocks formed before `alongside` runs on their points: 256 points, whose rows in a
    /// few sources stay in the second-level cache.
    private static let blocksAlongside = 32

    /// Work on the sources' values at some points, done while the imports are formed
    /// (`form(into:sources:fractions:adding:threads:alongside:)`): `body(chunk, points)`, where
    /// `chunk` is the number of the thread's chunk (below the team's count), so each thread can
    /// keep its partial results apart.
    public struct Alongside: Sendable {
        let body: @Sendable (_ chunk: Int, _ points: Range<Int>) -> Void
        /// Work `body` to run alongside.
        public init(_ body: @escaping @Sendable (_ chunk: Int, _ points: Range<Int>) -> Void) { self.body = body }
    }

    /// One import: `fill`, then each read (a copy, or with a weight a term added).
    private struct Operation {
        let target: Int
        let fill: Double
        let reads: [(value: Read, weight: Read?)]
    }

    /// A read with its addresses: `x[p * xStride]`, times `w[p * wStride]` in a merge.
    private struct AddressedRead {
        let x: UnsafePointer<Double>
        let xStride: Int
        let w: UnsafePointer<Double>?
        let wStride: Int
    }

    /// A value read at point p: `arrays[array][p * stride + offset]`.
    private struct Read {
        let array: Int
        let offset: Int
    }
}

/// Runs `body` with buffer pointers to every array of `arrays` (after those in `done`).
private func withBuffers<Result>(_ arrays: ArraySlice<[Double]>, _ done: [UnsafeBufferPointer<Double>],
                                 _ body: ([UnsafeBufferPointer<Double>]) -> Result) -> Result {
    guard let first = arrays.first else { return body(done) }
    return first.withUnsafeBufferPointer { buffer in withBuffers(arrays.dropFirst(), done + [buffer], body) }
}
