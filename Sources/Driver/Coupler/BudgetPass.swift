import Coupling

/// One pass of the budget over the points of a source bundle: for each term, at each point,
/// factor × (area × weight) × the sum of the term's fields, each times its coefficient (for a
/// frazil term, the sum's positive part, or that over the latent heat of fusion for its
/// water), added to an exact sum. The budget's groups and the ledger's terms are counted with
/// it. A point where the term's weight is 0 adds
/// nothing (not even a NaN behind it).
///
/// The points go in pieces small enough for a piece's rows (a bundle holds its fields point by
/// point) to stay in cache while every term reads them; the sums are exact, so the order of
/// points and terms, and how the points are split, change no bit. Area × weight is formed
/// once for the terms weighted alike (next to each other), at the points where the weight is
/// not 0; and a term that is another's negative (the same fields and weight, the opposite
/// factor: the ice's and the ocean's sides of an exchange) is not computed: its sum is the
/// other's, negated, exactly.
struct BudgetPass: Sendable {
    /// A column of one of the pass's weight tables: the weight at point p is
    /// `tables[table][offset + p * stride]`.
    struct Weight: Sendable, Hashable {
        let table: Int
        let offset: Int
        let stride: Int
    }

    /// A term to sum: `fields` are positions in the rows, each multiplied by its coefficient
    /// (all 1 when `coefficients` is `nil`) before they are added; `weight` is `nil` for the
    /// whole cell. With `positivePartOver` (a freezing potential), the term counts the positive
    /// part of the fields' sum divided by it (1 for the heat, L_f for the water).
    struct Term: Sendable {
        let factor: Double
        let weight: Weight?
        let fields: [Int]
        var coefficients: [Double]?
        var positivePartOver: Double?
    }

    /// A term resolved to addresses: its fields are `fields[firstField ..< endField]`, with
    /// their coefficients at the same positions when `scaled`; `negates` is the earlier term it
    /// is the negative of.
    private struct Resolved: Sendable {
        let factor: Double
        let weight: Weight?
        let positivePartOver: Double?
        let firstField: Int
        let endField: Int
        let scaled: Bool
        let negates: Int?
    }

    private let terms: [Resolved]
    private let fields: [Int]
    private let coefficients: [Double]
    private let rows: [Double]
    private let fieldCount: Int
    private let weightTables: [[Double]]
    private let area: [Double]

    /// How many terms (sums) the pass adds to.
    var termCount: Int { terms.count }

    /// The pass for `terms`, read from `rows`, with the cell areas `area` and the weights in
    /// `weightTables`.
    init(terms given: [Term], rows bundle: FieldBundle, area: [Double], weightTables: [[Double]]) {
        var terms = [Resolved](), fields = [Int](), coefficients = [Double]()
        for term in given {
            let scales = term.coefficients ?? term.fields.map { _ in 1 }
            let negates = terms.indices.first { earlier in
                let range = terms[earlier].firstField ..< terms[earlier].endField
                return terms[earlier].negates == nil && terms[earlier].factor == -term.factor && terms[earlier].weight == term.weight
                    && terms[earlier].positivePartOver == term.positivePartOver && Array(fields[range]) == term.fields
                    && Array(coefficients[range]) == scales
            }
            terms.append(Resolved(factor: term.factor, weight: term.weight, positivePartOver: term.positivePartOver, firstField: fields.count,
                                  endField: fields.count + term.fields.count, scaled: scales.contains { $0 != 1 }, negates: negates))
            fields += term.fields
            coefficients += scales
        }
        self.terms = terms
        self.fields = fields
        self.coefficients = coefficients
        rows = bundle.storage
        fieldCount = bundle.fieldCount
        self.weightTables = weightTables
        self.area = area
    }

    /// The sums of every term over all the points.
    func sums() -> [ExactSum] {
        var sums = [ExactSum](repeating: ExactSum(), count: terms.count)
        sums.withUnsafeMutableBufferPointer { sums in
            for start in stride(from: 0, to: area.count, by: Self.piece) {
                add(points: start ..< min(start + Self.piece, area.count), into: sums.baseAddress!)
            }
        }
        return completed(sums)
    }

    /// `sums` (added by `add(points:into:)`) with the sums of the terms that negate others.
    func completed(_ sums: [ExactSum]) -> [ExactSum] {
        var sums = sums
        for (slot, term) in terms.enumerated() {
            if let negated = term.negates { sums[slot] = sums[negated].negated() }
        }
        return sums
    }

    /// Points per piece: 256 rows of the widest bundle (20 fields) are 40 KB.
    static let piece = 256

    /// Adds the terms at `points` (at most `piece` of them) to `sums[0 ..< termCount]`, except
    /// those that negate others (`completed` gives them): each term's values at the points
    /// formed in a block, then added to its sum together. Terms with a weight read only the
    /// points where it is not 0, found once with area × weight there for the terms weighted
    /// alike (which are next to each other).
    func add(points: Range<Int>, into sums: UnsafeMutablePointer<ExactSum>) {
        precondition(points.count <= Self.piece, "a budget pass adds at most \(Self.piece) points at a time")
        let first = points.lowerBound, k = fieldCount
        withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * Self.piece) { scratch in
        withUnsafeTemporaryAllocation(of: Int.self, capacity: Self.piece) { selected in
            rows.withUnsafeBufferPointer { rows in
                area.withUnsafeBufferPointer { area in
                    fields.withUnsafeBufferPointer { fields in
                    coefficients.withUnsafeBufferPointer { coefficients in
                        let values = scratch.baseAddress!, weightedArea = values + Self.piece, selected = selected.baseAddress!
                        let a = area.baseAddress! + first, row = rows.baseAddress! + first * k
                        var selectedWeight: Weight?, selectedCount = 0
                        for (slot, term) in terms.enumerated() where term.negates == nil {
                            let x = row + fields[term.firstField], factor = term.factor
                            let extra = term.firstField + 1 ..< term.endField
                            @inline(__always) func sum(at q: Int) -> Double {
                                var value: Double
                                if term.scaled {
                                    value = coefficients[term.firstField] * x[q * k]
                                    for j in extra { value += coefficients[j] * row[q * k + fields[j]] }
                                } else {
                                    value = x[q * k]
                                    for j in extra { value += row[q * k + fields[j]] }
                                }
                                return term.positivePartOver.map { max(0, value) / $0 } ?? value
                            }
                            let plain = extra.isEmpty && !term.scaled && term.positivePartOver == nil
                            guard let weight = term.weight else {
                                if plain {
                                    for q in 0 ..< points.count { values[q] = factor * a[q] * x[q * k] }
                                } else {
                                    for q in 0 ..< points.count { values[q] = factor * a[q] * sum(at: q) }
                                }
                                sums[slot].add(contentsOf: UnsafeBufferPointer(start: values, count: points.count))
                                continue
                            }
                            if weight != selectedWeight {
                                selectedWeight = weight
                                selectedCount = 0
                                weightTables[weight.table].withUnsafeBufferPointer { table in
                                    let w = table.baseAddress! + weight.offset + first * weight.stride, stride = weight.stride
                                    for q in 0 ..< points.count where w[q * stride] != 0 {
                                        selected[selectedCount] = q
                                        weightedArea[selectedCount] = a[q] * w[q * stride]
                                        selectedCount += 1
                                    }
                                }
                            }
                            guard selectedCount > 0 else { continue }
                            if plain {
                                for i in 0 ..< selectedCount { values[i] = factor * weightedArea[i] * x[selected[i] * k] }
                            } else {
                                for i in 0 ..< selectedCount { values[i] = factor * weightedArea[i] * sum(at: selected[i]) }
                            }
                            sums[slot].add(contentsOf: UnsafeBufferPointer(start: values, count: selectedCount))
                        }
                    }
                    }
                }
            }
        }
        }
    }
}
