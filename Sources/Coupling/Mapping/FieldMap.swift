/// Something that maps fields from one grid to another: a `Mapper` with weights, or the
/// identity for two components on the same grid (`'idmap'` in `&seq_maps`).
public protocol FieldMap: AnyObject {
    /// `y = S x` for every field.
    func map(_ x: FieldBundle, into y: inout FieldBundle) throws
    /// `S x` into fields `first ..< first + x.fieldCount` of `y`, whose other fields keep their
    /// values.
    func map(_ x: FieldBundle, into y: inout FieldBundle, fromField first: Int) throws
    /// `S(w·x) / S(w)` of fields `fields` of `x` into `y`, field `fields[i]` of `x` into field
    /// `targets[i]` of `y` (`emptyValue` where `S(w)` is 0); `y`'s other fields keep their
    /// values. Returns `S(w)`.
    @discardableResult
    func map(_ fields: [Int], of x: FieldBundle, weightedBy w: [Double], into y: inout FieldBundle, fields targets: [Int],
             emptyValue: Double) throws -> [Double]
}

extension FieldMap {
    /// `y = S(w·x) / S(w)` for every field (`emptyValue` where `S(w)` is 0); returns `S(w)`.
    @discardableResult
    public func map(_ x: FieldBundle, weightedBy w: [Double], into y: inout FieldBundle, emptyValue: Double = 0) throws -> [Double] {
        precondition(x.fieldCount == y.fieldCount, "a weighted map between bundles of different fields")
        return try map(Array(0 ..< x.fieldCount), of: x, weightedBy: w, into: &y, fields: Array(0 ..< x.fieldCount), emptyValue: emptyValue)
    }
}

extension Mapper: SparseMatrixMap {}

/// The map between a grid and itself, in the same decomposition: a copy.
public final class IdentityMap: FieldMap {
    /// The identity map; it needs no weights.
    public init() {}

    /// Copies `x` into `y`, which must have the same points and fields.
    public func map(_ x: FieldBundle, into y: inout FieldBundle) throws {
        precondition(x.pointCount == y.pointCount && x.fieldCount == y.fieldCount, "identity map between different bundles")
        y.storage = x.storage
    }

    /// Copies `x` into fields `first ...` of `y` (same points).
    public func map(_ x: FieldBundle, into y: inout FieldBundle, fromField first: Int) throws {
        precondition(x.pointCount == y.pointCount, "identity map between different points")
        y.setFields(first ..< first + x.fieldCount, from: x)
    }

    /// Copies fields `fields` of `x` into fields `targets` of `y`, `emptyValue` where `w` is 0,
    /// and returns `w` (here `S(w) = w`).
    @discardableResult
    public func map(_ fields: [Int], of x: FieldBundle, weightedBy w: [Double], into y: inout FieldBundle, fields targets: [Int],
                    emptyValue: Double) throws -> [Double] {
        precondition(x.pointCount == y.pointCount && targets.count == fields.count, "identity map between different bundles")
        for p in 0 ..< y.pointCount {
            for (f, target) in zip(fields, targets) { y[field: target, point: p] = w[p] == 0 ? emptyValue : x[field: f, point: p] }
        }
        return w
    }
}
