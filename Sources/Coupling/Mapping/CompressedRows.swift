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
/// adjacent values: one pass over the matrix maps every field. Measured on 0.25° → T62
/// conservative weights (1.3M entries, K = 10, one rank; docs/performance.md), point-major is
/// several times faster than K passes over field-major storage, which re-read the matrix K times.
struct CompressedRows: Sendable {
    let rowStarts: [Int]
    let sourceIndex: [Int32]
    let weights: [Double]

    var rowCount: Int { rowStarts.count - 1 }

    /// `y[r] = Σ S[e] x[c(e)]` over rows `rows`, each row summed in entry order from 0.
    func multiply(rows: Range<Int>, fieldCount k: Int, x: SourceValues, y: UnsafeMutableBufferPointer<Double>) {
        rowStarts.withUnsafeBufferPointer { starts in
            sourceIndex.withUnsafeBufferPointer { columns in
                weights.withUnsafeBufferPointer { s in
                    let local = x.local.baseAddress ?? UnsafePointer(bitPattern: 8)!
                    let halo = x.halo.baseAddress.map { $0 - x.localCount * k } ?? local
                    let nLocal = Int32(x.localCount)
                    switch k {
                    case 1:
                        for r in rows {
                            var sum = 0.0
                            for e in starts[r] ..< starts[r + 1] {
                                let c = columns[e]
                                sum += s[e] * (c < nLocal ? local : halo)[Int(c)]
                            }
                            y[r] = sum
                        }
                    default:
                        let out = y.baseAddress!
                        for r in rows {
                            let yr = out + r * k
                            for f in 0 ..< k { yr[f] = 0 }
                            for e in starts[r] ..< starts[r + 1] {
                                let c = columns[e]
                                let xr = (c < nLocal ? local : halo) + Int(c) * k
                                let w = s[e]
                                for f in 0 ..< k { yr[f] += w * xr[f] }
                            }
                        }
                    }
                }
            }
        }
    }
}
