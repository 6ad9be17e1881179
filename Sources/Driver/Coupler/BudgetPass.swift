import Coupling

/// One pass of the budget over the points of a source bundle: for each of a group's terms, at
/// each point, sign × area × fraction × the sum of the term's fields, in that order, added to an
/// exact sum. A point where the term's fraction is 0 adds nothing (not even a NaN behind it).
///
/// The points go in pieces small enough for a piece's rows (a bundle holds its fields point by
/// point) to stay in cache while every term reads them; the sums are exact, so the order of
/// points and terms, and how the points are split, change no bit. With a sign of ±1, sign ×
/// area × fraction is sign × (area × fraction) exactly, so area × fraction is formed once for
/// the terms weighted alike; and a term that is another's negative (the same fields and
/// fraction, the opposite sign: the ice's and the ocean's sides of an exchange) is not
/// computed: its sum is the other's, negated, exactly.
struct BudgetPass: Sendable {
    /// A term resolved to addresses: its fields are `fields[firstField ..< endField]`; its
    /// fraction is at `fraction` in the fractions' rows (`nil` for the whole cell); `negates`
    /// is the earlier term it is the negative of.
    private struct Term: Sendable {
        let sign: Double
        let fraction: Int?
        let firstField: Int
        let endField: Int
        let negates: Int?
    }

    private let terms: [Term]
    private let fields: [Int]
    private let rows: [Double]
    private let fieldCount: Int
    private let fractionRows: [Double]
    private let fractionCount: Int
    private let area: [Double]

    /// How many terms (sums) the pass adds to.
    var termCount: Int { terms.count }

    /// The pass for `terms`, read from `rows`, with `area` and the grid's `fractions`.
    init(terms resolved: [CouplerState.ResolvedBudgetTerm], rows bundle: FieldBundle, area: [Double], fractions: FieldBundle?) {
        var terms = [Term](), fields = [Int]()
        for term in resolved {
            let sign = term.term.sign
            precondition(sign == 1 || sign == -1, "a budget term's sign is +1 (a gain) or -1 (a loss), not \(sign)")
            let fraction = term.term.fraction.map { fractions!.index(of: $0.rawValue)! }
            let negates = terms.indices.first { earlier in
                terms[earlier].negates == nil && terms[earlier].sign == -sign && terms[earlier].fraction == fraction
                    && Array(fields[terms[earlier].firstField ..< terms[earlier].endField]) == term.fields
            }
            terms.append(Term(sign: sign, fraction: fraction, firstField: fields.count, endField: fields.count + term.fields.count,
                              negates: negates))
            fields += term.fields
        }
        self.terms = terms
        self.fields = fields
        rows = bundle.storage
        fieldCount = bundle.fieldCount
        fractionRows = fractions?.storage ?? []
        fractionCount = fractions?.fieldCount ?? 0
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
    /// formed in a block, then added to its sum together. Terms weighted by a fraction read
    /// only the points where it is not 0, found once with area × fraction there for the terms
    /// weighted alike (which are next to each other).
    func add(points: Range<Int>, into sums: UnsafeMutablePointer<ExactSum>) {
        precondition(points.count <= Self.piece, "a budget pass adds at most \(Self.piece) points at a time")
        let first = points.lowerBound, k = fieldCount, kf = fractionCount
        withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * Self.piece) { scratch in
        withUnsafeTemporaryAllocation(of: Int.self, capacity: Self.piece) { selected in
            rows.withUnsafeBufferPointer { rows in
                fractionRows.withUnsafeBufferPointer { fractionRows in
                    area.withUnsafeBufferPointer { area in
                        fields.withUnsafeBufferPointer { fields in
                            let values = scratch.baseAddress!, weightedArea = values + Self.piece, selected = selected.baseAddress!
                            let a = area.baseAddress! + first, row = rows.baseAddress! + first * k
                            var selectedFraction = -1, selectedCount = 0
                            for (slot, term) in terms.enumerated() where term.negates == nil {
                                let x = row + fields[term.firstField], sign = term.sign
                                let extra = term.firstField + 1 ..< term.endField
                                guard let fraction = term.fraction else {
                                    for q in 0 ..< points.count {
                                        var value = x[q * k]
                                        for j in extra { value += row[q * k + fields[j]] }
                                        values[q] = sign * a[q] * value
                                    }
                                    sums[slot].add(contentsOf: UnsafeBufferPointer(start: values, count: points.count))
                                    continue
                                }
                                if fraction != selectedFraction {
                                    let w = fractionRows.baseAddress! + first * kf + fraction
                                    selectedFraction = fraction
                                    selectedCount = 0
                                    for q in 0 ..< points.count where w[q * kf] != 0 {
                                        selected[selectedCount] = q
                                        weightedArea[selectedCount] = a[q] * w[q * kf]
                                        selectedCount += 1
                                    }
                                }
                                guard selectedCount > 0 else { continue }
                                if extra.isEmpty {
                                    for i in 0 ..< selectedCount { values[i] = sign * weightedArea[i] * x[selected[i] * k] }
                                } else {
                                    for i in 0 ..< selectedCount {
                                        let q = selected[i]
                                        var value = x[q * k]
                                        for j in extra { value += row[q * k + fields[j]] }
                                        values[i] = sign * weightedArea[i] * value
                                    }
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
