/// Something that maps fields from one grid to another: a `Mapper` with weights, or the
/// identity for two components on the same grid (`'idmap'` in `&seq_maps`).
public protocol FieldMap: AnyObject {
    /// `y = S x` for every field.
    func map(_ x: FieldBundle, into y: inout FieldBundle) throws
    /// `y = S(w·x) / S(w)` (`emptyValue` where `S(w)` is 0); returns `S(w)`.
    @discardableResult
    func map(_ x: FieldBundle, weightedBy w: [Double], into y: inout FieldBundle, emptyValue: Double) throws -> [Double]
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

    /// Copies `x` into `y`, sets `emptyValue` where `w` is 0, and returns `w` (here `S(w) = w`).
    @discardableResult
    public func map(_ x: FieldBundle, weightedBy w: [Double], into y: inout FieldBundle, emptyValue: Double) throws -> [Double] {
        try map(x, into: &y)
        for p in 0 ..< y.pointCount where w[p] == 0 {
            for f in 0 ..< y.fieldCount { y[field: f, point: p] = emptyValue }
        }
        return w
    }
}
