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
    /// that is absent now) and the fractions on the importer's grid.
    public func form(pointCount n: Int, sources: [FieldBundle?], fractions: [SurfaceFraction: [Double]]) -> FieldBundle {
        var result = FieldBundle(fields: fields, pointCount: n)
        let k = fields.count
        result.storage.withUnsafeMutableBufferPointer { out in
            for step in steps {
                switch step {
                case .copy(let target, let source, let field, let fallback):
                    if let bundle = sources[source] {
                        let m = bundle.fieldCount
                        bundle.storage.withUnsafeBufferPointer { s in
                            for p in 0 ..< n { out[p * k + target] = s[p * m + field] }
                        }
                    } else if let fallback {
                        for p in 0 ..< n { out[p * k + target] = fallback }
                    }
                case .fill(let target, let value):
                    for p in 0 ..< n { out[p * k + target] = value }
                case .fraction(let target, let fraction):
                    let f = fractions[fraction]!
                    for p in 0 ..< n { out[p * k + target] = f[p] }
                case .merge(let target, let terms):
                    let present = terms.compactMap { term -> (weights: [Double], values: [Double], stride: Int, field: Int)? in
                        sources[term.source].map { (fractions[term.fraction]!, $0.storage, $0.fieldCount, term.field) }
                    }
                    for p in 0 ..< n {
                        var value = 0.0
                        for term in present { value += term.weights[p] * term.values[p * term.stride + term.field] }
                        out[p * k + target] = value
                    }
                }
            }
        }
        return result
    }
}
