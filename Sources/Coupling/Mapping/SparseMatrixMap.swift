/// A map by a sparse matrix, `y = S x` (`Mapper`, map type 'X'; `PartialSumMapper`, map type
/// 'Y'): its weighted forms are `map(_:into:)` on bundles with more fields, so they need
/// nothing else of the map.
public protocol SparseMatrixMap: FieldMap {}

extension SparseMatrixMap {
    /// `y = S(w·x) / S(w)` for every field, with `w` one weight per source point (a fraction,
    /// a mask). Where `S(w)` is 0 the result is `emptyValue`. Returns `S(w)` per destination point.
    @discardableResult
    public func map(_ x: FieldBundle, weightedBy w: [Double], into y: inout FieldBundle, emptyValue: Double = 0) throws -> [Double] {
        precondition(w.count == x.pointCount, "one weight per source point")
        let k = x.fieldCount, n = x.pointCount, m = y.pointCount
        var weighted = FieldBundle(fields: x.fieldNames + ["weight"], pointCount: n)
        x.storage.withUnsafeBufferPointer { xs in
            weighted.storage.withUnsafeMutableBufferPointer { ws in
                for p in 0 ..< n {
                    for f in 0 ..< k { ws[p * (k + 1) + f] = xs[p * k + f] * w[p] }
                    ws[p * (k + 1) + k] = w[p]
                }
            }
        }
        var mapped = FieldBundle(fields: weighted.fieldNames, pointCount: m)
        try map(weighted, into: &mapped)
        var norm = [Double](repeating: 0, count: m)
        mapped.storage.withUnsafeBufferPointer { ms in
            y.storage.withUnsafeMutableBufferPointer { ys in
                for p in 0 ..< m {
                    let total = ms[p * (k + 1) + k]
                    norm[p] = total
                    for f in 0 ..< k { ys[p * k + f] = total != 0 ? ms[p * (k + 1) + f] / total : emptyValue }
                }
            }
        }
        return norm
    }

    /// `y_f = S(v_f·x_f) / S(v_f)` with a separate weight per field and point (`validity`, e.g.
    /// 1 where `x_f` is a valid value, 0 where it is missing). Where `S(v_f)` is 0 the result is
    /// `emptyValue`. With `renormalize` false, `y_f = S(v_f·x_f)` where `S(v_f) > 0`.
    public func map(_ x: FieldBundle, validity: FieldBundle, into y: inout FieldBundle, emptyValue: Double, renormalize: Bool = true) throws {
        precondition(validity.fieldCount == x.fieldCount && validity.pointCount == x.pointCount, "one validity per value")
        let k = x.fieldCount
        var weighted = FieldBundle(fields: x.fieldNames + x.fieldNames.map { $0 + "_valid" }, pointCount: x.pointCount)
        for p in 0 ..< x.pointCount {
            for f in 0 ..< k {
                let v = validity[field: f, point: p]
                weighted[field: f, point: p] = v != 0 ? x[field: f, point: p] * v : 0
                weighted[field: k + f, point: p] = v
            }
        }
        var mapped = FieldBundle(fields: weighted.fieldNames, pointCount: y.pointCount)
        try map(weighted, into: &mapped)
        for p in 0 ..< y.pointCount {
            for f in 0 ..< k {
                let n = mapped[field: k + f, point: p]
                y[field: f, point: p] = n == 0 ? emptyValue : renormalize ? mapped[field: f, point: p] / n : mapped[field: f, point: p]
            }
        }
    }
}
