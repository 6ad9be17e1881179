/// Source values for a multiply: this rank's own points, then the halo gathered from others.
/// Matrix column indices below `localCount` address `local`, the others `halo`.
struct SourceValues: @unchecked Sendable {
    let local: UnsafeBufferPointer<Double>
    let halo: UnsafeBufferPointer<Double>
    let localCount: Int
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

    /// `y[r] = Σ S[e] x[c(e)]` over rows `rows`, for `k` fields.
    func multiply(rows: Range<Int>, fieldCount k: Int, x: SourceValues, y: UnsafeMutableBufferPointer<Double>) {
        rowStarts.withUnsafeBufferPointer { starts in
            sourceIndex.withUnsafeBufferPointer { columns in
                weights.withUnsafeBufferPointer { s in
                    let local = x.local.baseAddress ?? UnsafePointer(bitPattern: 8)!
                    // Halo column c (c >= localCount) is at halo[(c - localCount) * k].
                    let halo = x.halo.baseAddress.map { $0 - x.localCount * k } ?? local
                    let entries = Entries(starts: starts.baseAddress!, columns: columns.baseAddress!, weights: s.baseAddress!,
                                          local: local, halo: halo, localCount: Int32(x.localCount), stride: k)
                    let out = y.baseAddress!
                    // Many fields take several passes; a block of rows at a time, so the later
                    // passes find the block's source values still in cache.
                    for blockStart in Swift.stride(from: rows.lowerBound, to: rows.upperBound, by: Entries.rowBlock) {
                        let block = blockStart ..< min(blockStart + Entries.rowBlock, rows.upperBound)
                        var field = 0
                        while field < k {
                            let group = min(k - field, Entries.maximumGroup)
                            entries.fieldGroup(from: field, count: group, rows: block, y: out)
                            field += group
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
    let stride: Int

    @inline(__always)
    func source(_ c: Int32) -> UnsafePointer<Double> { (c < localCount ? local : halo) + Int(c) * stride }

    /// The most fields one pass over the rows sums at once (in 8-, 4-, 2-wide vector and scalar
    /// accumulators). Measured with `coupled-driver-bench`: wider groups run out of registers.
    static let maximumGroup = 12

    /// Rows handled together by every pass of a multi-pass multiply.
    static let rowBlock = 32

    /// Fields `first ..< first + count` of every row in one pass over the row's entries, so each
    /// point's values are read once and the group's sums stay in registers. Each group size gets
    /// its own copy of the loop (the `switch` inlines `sumRows` with a constant count, so the
    /// tests on the group's shape are decided at compile time).
    func fieldGroup(from first: Int, count: Int, rows: Range<Int>, y: UnsafeMutablePointer<Double>) {
        switch count {
        case 1: sumRows(from: first, count: 1, rows: rows, y: y)
        case 2: sumRows(from: first, count: 2, rows: rows, y: y)
        case 3: sumRows(from: first, count: 3, rows: rows, y: y)
        case 4: sumRows(from: first, count: 4, rows: rows, y: y)
        case 5: sumRows(from: first, count: 5, rows: rows, y: y)
        case 6: sumRows(from: first, count: 6, rows: rows, y: y)
        case 7: sumRows(from: first, count: 7, rows: rows, y: y)
        case 8: sumRows(from: first, count: 8, rows: rows, y: y)
        case 9: sumRows(from: first, count: 9, rows: rows, y: y)
        case 10: sumRows(from: first, count: 10, rows: rows, y: y)
        case 11: sumRows(from: first, count: 11, rows: rows, y: y)
        default: sumRows(from: first, count: 12, rows: rows, y: y)
        }
    }

    @inline(__always)
    private func sumRows(from first: Int, count: Int, rows: Range<Int>, y: UnsafeMutablePointer<Double>) {
        let hasEight = count >= 8, rest = count % 8
        let hasFour = rest >= 4, hasTwo = rest % 4 >= 2, hasOne = rest % 2 == 1
        let four = hasEight ? 8 : 0, two = four + (hasFour ? 4 : 0), one = two + (hasTwo ? 2 : 0)
        for r in rows {
            var a = SIMD8<Double>(), c = SIMD4<Double>(), d = SIMD2<Double>(), e = 0.0
            for entry in starts[r] ..< starts[r + 1] {
                let x = UnsafeRawPointer(source(columns[entry]) + first)
                let w = weights[entry]
                if hasEight { a += SIMD8(repeating: w) * x.loadUnaligned(as: SIMD8<Double>.self) }
                if hasFour { c += SIMD4(repeating: w) * x.loadUnaligned(fromByteOffset: four * 8, as: SIMD4<Double>.self) }
                if hasTwo { d += SIMD2(repeating: w) * x.loadUnaligned(fromByteOffset: two * 8, as: SIMD2<Double>.self) }
                if hasOne { e += w * x.load(fromByteOffset: one * 8, as: Double.self) }
            }
            let out = UnsafeMutableRawPointer(y + r * stride + first)
            if hasEight { out.storeBytes(of: a, as: SIMD8<Double>.self) }
            if hasFour { out.storeBytes(of: c, toByteOffset: four * 8, as: SIMD4<Double>.self) }
            if hasTwo { out.storeBytes(of: d, toByteOffset: two * 8, as: SIMD2<Double>.self) }
            if hasOne { out.storeBytes(of: e, toByteOffset: one * 8, as: Double.self) }
        }
    }
}
