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
        let fraction: SurfaceFraction
        let source: Int
        let field: Int
    }

    /// The imports formed, in order.
    public let fields: [String]
    private let steps: [Step]

    /// Resolves the imports `fields` of a component of kind `importer` with the rules of
    /// `table`. `locate` says where a field can be found: the number of its source bundle and
    /// its position there, or `nil` when no bundle on the importer's grid has it. A copy or a
    /// merge term that cannot be located is left out (the import stays 0 or gets its
    /// fallback); the coupling plan has already refused a run where a component imports such
    /// a field.
    public init(importer: ComponentKind, fields: [String], table: ExchangeTable, locate: (String) -> (source: Int, field: Int)?) {
        self.fields = fields
        steps = fields.enumerated().compactMap { target, name -> Step? in
            switch table.rule(for: name, importedBy: importer) {
            case .copy(let fallback)?:
                if let (source, field) = locate(name) { return .copy(target: target, source: source, field: field, fallback: fallback) }
                return fallback.map { .fill(target: target, value: $0) }
            case .fraction(let fraction)?:
                return .fraction(target: target, fraction)
            case .merge(let terms)?:
                return .merge(target: target, terms: terms.compactMap { term in
                    locate(term.field).map { Term(fraction: term.fraction, source: $0.source, field: $0.field) }
                })
            case nil:
                return nil
            }
        }
    }

    /// The imports over `pointCount` points from the source bundles (by number; `nil` for one
    /// that is absent now) and the bundle of surface fractions on the importer's grid (fields
    /// named as `SurfaceFraction`s). One pass over the points, each point's imports formed
    /// together (the bundles are point-major).
    public func form(pointCount n: Int, sources: [FieldBundle?], fractions: FieldBundle) -> FieldBundle {
        // The arrays read: the present sources' storage, then the fractions used.
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
        func fractionOffset(_ fraction: SurfaceFraction) -> Int {
            guard let offset = fractions.index(of: fraction.rawValue) else { preconditionFailure("no fraction \(fraction) on this grid") }
            return offset
        }
        // Each import as reads of those arrays: (array, stride, offset) terms, weighted by a
        // fraction (at `weight`) or not.
        var operations = [Operation](), terms = [Read]()
        for step in steps {
            switch step {
            case .copy(let target, let source, let field, let fallback):
                if let array = sourceArray[source] {
                    operations.append(Operation(target: target, first: terms.count, count: 1, weighted: false, fill: 0))
                    terms.append(Read(array: array, stride: strides[array], offset: field, weight: -1))
                } else if let fallback {
                    operations.append(Operation(target: target, first: terms.count, count: 0, weighted: false, fill: fallback))
                }
            case .fill(let target, let value):
                operations.append(Operation(target: target, first: terms.count, count: 0, weighted: false, fill: value))
            case .fraction(let target, let fraction):
                operations.append(Operation(target: target, first: terms.count, count: 1, weighted: false, fill: 0))
                terms.append(Read(array: fractionArray, stride: fractions.fieldCount, offset: fractionOffset(fraction), weight: -1))
            case .merge(let target, let merged):
                let first = terms.count
                for term in merged {
                    guard let array = sourceArray[term.source] else { continue }
                    terms.append(Read(array: array, stride: strides[array], offset: term.field, weight: fractionOffset(term.fraction)))
                }
                operations.append(Operation(target: target, first: first, count: terms.count - first, weighted: true, fill: 0))
            }
        }
        var result = FieldBundle(fields: fields, pointCount: n)
        let k = fields.count
        let weightStride = fractions.fieldCount
        withBuffers(arrays[...], []) { buffers in
            let weights = buffers[fractionArray]
            buffers.withUnsafeBufferPointer { buffers in
                operations.withUnsafeBufferPointer { operations in
                    terms.withUnsafeBufferPointer { terms in
                        result.storage.withUnsafeMutableBufferPointer { out in
                            for p in 0 ..< n {
                                for operation in operations {
                                    var value = operation.fill
                                    if operation.weighted {
                                        value = 0
                                        for read in terms[operation.first ..< operation.first + operation.count] {
                                            value += weights[p * weightStride + read.weight] * buffers[read.array][p * read.stride + read.offset]
                                        }
                                    } else if operation.count == 1 {
                                        let read = terms[operation.first]
                                        value = buffers[read.array][p * read.stride + read.offset]
                                    }
                                    out[p * k + operation.target] = value
                                }
                            }
                        }
                    }
                }
            }
        }
        return result
    }

    /// One import at one point: `fill`, or the value of one read, or (`weighted`) the sum of its
    /// weighted reads `first ..< first + count`.
    private struct Operation {
        let target: Int
        let first: Int
        let count: Int
        let weighted: Bool
        let fill: Double
    }

    /// A value read at point p: `array[p * stride + offset]`, times the fraction at position
    /// `weight` of the fraction bundle in a merge.
    private struct Read {
        let array: Int
        let stride: Int
        let offset: Int
        let weight: Int
    }
}

/// Runs `body` with buffer pointers to every array of `arrays` (after those in `done`).
private func withBuffers<Result>(_ arrays: ArraySlice<[Double]>, _ done: [UnsafeBufferPointer<Double>],
                                 _ body: ([UnsafeBufferPointer<Double>]) -> Result) -> Result {
    guard let first = arrays.first else { return body(done) }
    return first.withUnsafeBufferPointer { buffer in withBuffers(arrays.dropFirst(), done + [buffer], body) }
}
