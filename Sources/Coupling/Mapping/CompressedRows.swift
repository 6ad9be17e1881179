/// Source values for a multiply: this rank's own points, then the halo gathered from others.
/// Matrix column indices below `localCount` address `local`, the others `halo`.
struct SourceValues: @unchecked Sendable {
    let local: UnsafeBufferPointer<Double>
    let halo: UnsafeBufferPointer<Double>
    let localCount: Int
}

/// Source values and their weights, read by the threads of a weighted multiply.
struct UnsafeSendablePointers: @unchecked Sendable {
    let x: UnsafePointer<Double>
    let w: UnsafePointer<Double>
}

/// A mutable buffer that threads writing disjoint parts of it may share.
struct UnsafeSendableBuffer: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Double>
    init(_ buffer: UnsafeMutableBufferPointer<Double>) { self.buffer = buffer }
}

/// A rank's rows of the mapping matrix, ready to multiply: compressed rows whose column
/// indices address `SourceValues`.
///
/// Fields are stored point-major (`x[point * K + field]`), so each matrix entry reads `K`
/// adjacent values and one pass over a row maps a group of fields with SIMD arithmetic.
/// `coupled-driver-bench` measures this against one pass per field over field-major storage
/// (docs/performance.md).
///
/// Every sum runs over a row's entries in file order, starting from zero, with separate
/// multiplies and adds, whatever the vector width: the result does not depend on how rows are
/// split between ranks or threads.
struct CompressedRows: Sendable {
    let rowStarts: [Int]
    let sourceIndex: [Int32]
    let weights: [Double]

    var rowCount: Int { rowStarts.count - 1 }

    /// `y[r] = Σ S[e] x[c(e)]` over rows `rows`, for `k` fields. Row r's values go to
    /// `y[r * yStride + yFirst ..< r * yStride + yFirst + k]` (by default, a bundle of `k` fields).
    func multiply(rows: Range<Int>, fieldCount k: Int, x: SourceValues, y: UnsafeMutableBufferPointer<Double>,
                  yStride: Int? = nil, yFirst: Int = 0) {
        rowStarts.withUnsafeBufferPointer { starts in
            sourceIndex.withUnsafeBufferPointer { columns in
                weights.withUnsafeBufferPointer { s in
                    let local = x.local.baseAddress ?? UnsafePointer(bitPattern: 8)!
                    // Halo column c (c >= localCount) is at halo[(c - localCount) * k].
                    let halo = x.halo.isEmpty ? local : x.halo.baseAddress! - x.localCount * k
                    let entries = Entries(starts: starts.baseAddress!, columns: columns.baseAddress!, weights: s.baseAddress!,
                                          local: local, halo: halo, localCount: Int32(x.localCount), stride: k,
                                          yStride: yStride ?? k, scale: nil)
                    let out = y.baseAddress! + yFirst
                    // Many fields take several passes; a block of rows at a time, so the later
                    // passes find the block's source values still in cache.
                    for blockStart in Swift.stride(from: rows.lowerBound, to: rows.upperBound, by: Entries.rowBlock) {
                        let block = blockStart ..< min(blockStart + Entries.rowBlock, rows.upperBound)
                        var field = 0
                        while field < k {
                            let group = min(k - field, Entries.maximumGroup)
                            entries.fieldGroup(from: field, to: field, count: group, rows: block, y: out)
                            field += group
                        }
                    }
                }
            }
        }
    }

    /// `y[r] = Σ S[e] (w[c(e)] · x[c(e)])` over rows `rows` for fields `fields` of `x` (`xStride`
    /// values per point, no halo), followed by `Σ S[e] w[c(e)]`: row r's `fields.count + 1`
    /// values go to `y[r * (fields.count + 1) ...]`. Each product `w·x` is rounded before it is
    /// weighted, so the result has the bits `multiply` gives on a weighted copy of `x` with `w`
    /// as its last field, without that copy.
    func multiplyWeighted(rows: Range<Int>, fields: Range<Int>, xStride: Int, x: UnsafePointer<Double>, w: UnsafePointer<Double>,
                          y: UnsafeMutablePointer<Double>) {
        let k = fields.count
        rowStarts.withUnsafeBufferPointer { starts in
            sourceIndex.withUnsafeBufferPointer { columns in
                weights.withUnsafeBufferPointer { s in
                    let entries = Entries(starts: starts.baseAddress!, columns: columns.baseAddress!, weights: s.baseAddress!,
                                          local: x, halo: x, localCount: Int32.max, stride: xStride, yStride: k + 1, scale: w)
                    for blockStart in Swift.stride(from: rows.lowerBound, to: rows.upperBound, by: Entries.rowBlock) {
                        let block = blockStart ..< min(blockStart + Entries.rowBlock, rows.upperBound)
                        var field = 0
                        while field < k {
                            let group = min(k - field, Entries.maximumGroup)
                            entries.fieldGroup(from: fields.lowerBound + field, to: field, count: group, rows: block, y: y)
                            field += group
                        }
                        for r in block {
                            var total = 0.0
                            for entry in starts[r] ..< starts[r + 1] { total += s[entry] * w[Int(columns[entry])] }
                            y[r * (k + 1) + k] = total
                        }
                    }
                }
            }
        }
    }
}

/// The raw arrays of a multiply, for the inner loops.
private struct Entries {
    let starts: UnsafePointer<Int>
    let columns: UnsafePointer<Int32>
    let weights: UnsafePointer<Double>
    let local: UnsafePointer<Double>
    let halo: UnsafePointer<Double>
    let localCount: Int32
    /// The fields per point of `x`.
    let stride: Int
    /// The values per point of `y`.
    let yStride: Int
    /// A weight per source point that multiplies its values before the matrix does (no halo).
    let scale: UnsafePointer<Double>?

    @inline(__always)
    func source(_ c: Int32) -> UnsafePointer<Double> { (c < localCount ? local : halo) + Int(c) * stride }

    /// The most fields one pass over the rows sums at once (in 8-, 4-, 2-wide vector and scalar
    /// accumulators). Measured with `coupled-driver-bench`: wider groups run out of registers.
    static let maximumGroup = 12

    /// Rows handled together by every pass of a multi-pass multiply.
    static let rowBlock = 32

    /// Fields `first ..< first + count` of every row in one pass over the row's entries, into
    /// `y`'s values `target ..< target + count` of each row, so each point's values are read
    /// once and the group's sums stay in registers.
    func fieldGroup(from first: Int, to target: Int, count: Int, rows: Range<Int>, y: UnsafeMutablePointer<Double>) {
        if let scale {
            fieldGroup(from: first, to: target, count: count, rows: rows, y: y, scaling: ScaledBy(factor: scale))
        } else {
            fieldGroup(from: first, to: target, count: count, rows: rows, y: y, scaling: Unscaled())
        }
    }

    /// Each group size, scaled or not, gets its own copy of the loop (the `switch` inlines
    /// `sumRows` with a constant count and a known scaling, so the tests on the group's shape
    /// are decided at compile time).
    @inline(__always)
    private func fieldGroup<Scaling: SourceScaling>(from first: Int, to target: Int, count: Int, rows: Range<Int>,
                                                    y: UnsafeMutablePointer<Double>, scaling: Scaling) {
        switch count {
        case 1: sumRowsSingleField(from: first, to: target, rows: rows, y: y, scaling: scaling)
        case 2: sumRows(from: first, to: target, count: 2, rows: rows, y: y, scaling: scaling)
        case 3: sumRows(from: first, to: target, count: 3, rows: rows, y: y, scaling: scaling)
        case 4: sumRows(from: first, to: target, count: 4, rows: rows, y: y, scaling: scaling)
        case 5: sumRows(from: first, to: target, count: 5, rows: rows, y: y, scaling: scaling)
        case 6: sumRows(from: first, to: target, count: 6, rows: rows, y: y, scaling: scaling)
        case 7: sumRows(from: first, to: target, count: 7, rows: rows, y: y, scaling: scaling)
        case 8: sumRows(from: first, to: target, count: 8, rows: rows, y: y, scaling: scaling)
        case 9: sumRows(from: first, to: target, count: 9, rows: rows, y: y, scaling: scaling)
        case 10: sumRows(from: first, to: target, count: 10, rows: rows, y: y, scaling: scaling)
        case 11: sumRows(from: first, to: target, count: 11, rows: rows, y: y, scaling: scaling)
        default: sumRows(from: first, to: target, count: 12, rows: rows, y: y, scaling: scaling)
        }
    }

    @inline(__always)
    private func sumRows<Scaling: SourceScaling>(from first: Int, to target: Int, count: Int, rows: Range<Int>,
                                                 y: UnsafeMutablePointer<Double>, scaling: Scaling) {
        let hasEight = count >= 8, rest = count % 8
        let hasFour = rest >= 4, hasTwo = rest % 4 >= 2, hasOne = rest % 2 == 1
        let four = hasEight ? 8 : 0, two = four + (hasFour ? 4 : 0), one = two + (hasTwo ? 2 : 0)
        for r in rows {
            var a = SIMD8<Double>(), c = SIMD4<Double>(), d = SIMD2<Double>(), e = 0.0
            for entry in starts[r] ..< starts[r + 1] {
                let column = columns[entry]
                let x = UnsafeRawPointer(source(column) + first)
                let w = weights[entry]
                if hasEight { a += SIMD8(repeating: w) * scaling.scaled(x.loadUnaligned(as: SIMD8<Double>.self), point: column) }
                if hasFour { c += SIMD4(repeating: w) * scaling.scaled(x.loadUnaligned(fromByteOffset: four * 8, as: SIMD4<Double>.self), point: column) }
                if hasTwo { d += SIMD2(repeating: w) * scaling.scaled(x.loadUnaligned(fromByteOffset: two * 8, as: SIMD2<Double>.self), point: column) }
                if hasOne { e += w * scaling.scaled(x.load(fromByteOffset: one * 8, as: Double.self), point: column) }
            }
            let out = UnsafeMutableRawPointer(y + r * yStride + target)
            if hasEight { out.storeBytes(of: a, as: SIMD8<Double>.self) }
            if hasFour { out.storeBytes(of: c, toByteOffset: four * 8, as: SIMD4<Double>.self) }
            if hasTwo { out.storeBytes(of: d, toByteOffset: two * 8, as: SIMD2<Double>.self) }
            if hasOne { out.storeBytes(of: e, toByteOffset: one * 8, as: Double.self) }
        }
    }
}

extension Entries {
    /// One field: a plain loop over each row's entries, without the vector accumulators of
    /// wider groups and, when there is no halo, without choosing between two source buffers.
    /// (Summing two rows side by side, to overlap their chains of additions, was measured
    /// slower on the 0.25° → T62 map: 1.8–2.0 ms against 1.1–1.2 ms.)
    @inline(__always)
    fileprivate func sumRowsSingleField<Scaling: SourceScaling>(from first: Int, to target: Int, rows: Range<Int>,
                                                                y: UnsafeMutablePointer<Double>, scaling: Scaling) {
        let own = local + first, others = halo + first
        if own == others {
            for r in rows {
                var a = 0.0
                for e in starts[r] ..< starts[r &+ 1] {
                    let column = columns[e]
                    a += weights[e] * scaling.scaled(own[Int(truncatingIfNeeded: column) &* stride], point: column)
                }
                y[r &* yStride &+ target] = a
            }
        } else {
            for r in rows {
                var a = 0.0
                for e in starts[r] ..< starts[r &+ 1] {
                    let column = columns[e]
                    let value = (column < localCount ? own : others)[Int(truncatingIfNeeded: column) &* stride]
                    a += weights[e] * scaling.scaled(value, point: column)
                }
                y[r &* yStride &+ target] = a
            }
        }
    }
}

/// What a multiply does to each source value before weighting it: nothing, or multiply it by a
/// factor of its source point (the rounded product, as a weighted copy of the values holds).
private protocol SourceScaling {
    func scaled<Values: SIMD>(_ x: Values, point: Int32) -> Values where Values.Scalar == Double
    func scaled(_ x: Double, point: Int32) -> Double
}

/// The source values as they are.
private struct Unscaled: SourceScaling {
    @inline(__always)
    func scaled<Values: SIMD>(_ x: Values, point: Int32) -> Values where Values.Scalar == Double { x }

    @inline(__always)
    func scaled(_ x: Double, point: Int32) -> Double { x }
}

/// The source values times `factor` of their point.
private struct ScaledBy: SourceScaling {
    let factor: UnsafePointer<Double>

    @inline(__always)
    func scaled<Values: SIMD>(_ x: Values, point: Int32) -> Values where Values.Scalar == Double { x * Values(repeating: factor[Int(point)]) }

    @inline(__always)
    func scaled(_ x: Double, point: Int32) -> Double { x * factor[Int(point)] }
}
