/// A map by a sparse matrix, `y = S x` (`Mapper`, map type 'X'; `PartialSumMapper`, map type
/// 'Y'): its weighted forms are `map(_:into:)` on bundles with more fields, so they need
/// nothing else of the map.
public protocol SparseMatrixMap: FieldMap {}

extension SparseMatrixMap {
    /// `S(w·x) / S(w)` of fields `fields` of `x` into `y`, field `fields[i]` of `x` into field
    /// `targets[i]` of `y`, with `w` one weight per source point (a fraction, a mask); `y`'s
    /// other fields keep their values. Where `S(w)` is 0 the result is `emptyValue`. Returns
    /// `S(w)` per destination point.
    @discardableResult
    public func map(_ fields: [Int], of x: FieldBundle, weightedBy w: [Double], into y: inout FieldBundle, fields targets: [Int],
                    emptyValue: Double = 0) throws -> [Double] {
        try mapThroughWeightedCopy(fields, of: x, weightedBy: w, into: &y, fields: targets, emptyValue: emptyValue)
    }

    /// The weighted map by way of a copy of `w·x` with `w` beside it, mapped as one bundle
    /// (any map, any halo).
    func mapThroughWeightedCopy(_ fields: [Int], of x: FieldBundle, weightedBy w: [Double], into y: inout FieldBundle, fields targets: [Int],
                                emptyValue: Double) throws -> [Double] {
        precondition(w.count == x.pointCount, "one weight per source point")
        precondition(fields.allSatisfy { x.fieldNames.indices.contains($0) }, "fields of x")
        let k = fields.count, kx = x.fieldCount, n = x.pointCount
        // `w·x` and `w` side by side (gathered from `x`'s fields in the same pass), then mapped
        // together; both are written whole.
        var weighted = FieldBundle(uninitializedFields: fields.map { x.fieldNames[$0] } + ["weight"], pointCount: n)
        x.storage.withUnsafeBufferPointer { xs in
            weighted.storage.withUnsafeMutableBufferPointer { ws in
                for p in 0 ..< n {
                    for (f, field) in fields.enumerated() { ws[p * (k + 1) + f] = xs[p * kx + field] * w[p] }
                    ws[p * (k + 1) + k] = w[p]
                }
            }
        }
        var mapped = FieldBundle(uninitializedFields: weighted.fieldNames, pointCount: y.pointCount)
        try map(weighted, into: &mapped)
        return mapped.divideByWeight(into: &y, fields: targets, emptyValue: emptyValue)
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

extension FieldBundle {
    /// For a map of `w·x` with `w` as the last field (`S(w·x)` and `S(w)`): `S(w·x) / S(w)` into
    /// fields `targets` of `y` (`emptyValue` where `S(w)` is 0). Returns `S(w)`.
    func divideByWeight(into y: inout FieldBundle, fields targets: [Int], emptyValue: Double) -> [Double] {
        let k = fieldCount - 1, m = pointCount, ky = y.fieldCount
        precondition(targets.count == k && y.pointCount == m && targets.allSatisfy { y.fieldNames.indices.contains($0) },
                     "one target field per weighted field")
        // With no field but the weight, the storage is `S(w)` itself.
        guard k > 0 else { return storage }
        var norm = [Double](repeating: 0, count: m)
        storage.withUnsafeBufferPointer { ms in
            y.storage.withUnsafeMutableBufferPointer { ys in
                targets.withUnsafeBufferPointer { targets in
                    norm.withUnsafeMutableBufferPointer { norm in
                        // Consecutive targets (the usual case) make the inner loop one that vectorises.
                        let first = targets[0], consecutive = targets.indices.allSatisfy { targets[$0] == first + $0 }
                        for p in 0 ..< m {
                            let mapped = ms.baseAddress! + p * (k + 1), total = mapped[k]
                            norm[p] = total
                            if consecutive {
                                let out = ys.baseAddress! + p * ky + first
                                if total != 0 {
                                    for f in 0 ..< k { out[f] = mapped[f] / total }
                                } else {
                                    for f in 0 ..< k { out[f] = emptyValue }
                                }
                            } else {
                                let out = ys.baseAddress! + p * ky
                                for f in 0 ..< k { out[targets[f]] = total != 0 ? mapped[f] / total : emptyValue }
                            }
                        }
                    }
                }
            }
        }
        return norm
    }
}
