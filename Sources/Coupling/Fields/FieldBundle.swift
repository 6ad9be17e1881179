/// Named fields over the local points of one decomposition (MCT's attribute vector).
///
/// Storage is one contiguous buffer, point-major: the values of all fields at point 0,
/// then at point 1, ... (`storage[point * fieldCount + field]`). Mapping and rearranging
/// move whole points, so a point's fields are next to each other. Measured with
/// `coupled-driver-bench` on 0.25° → T62 weights (1.3M entries, 10 fields, one rank):
/// point-major maps in 3.3 ms, one pass per field over field-major storage in 9.5 ms
/// (docs/performance.md).
public struct FieldBundle: Sendable, Hashable {
    /// The field names, in storage order.
    public let fieldNames: [String]
    /// The number of local points.
    public let pointCount: Int
    /// The values, point-major.
    public var storage: [Double]
    private let indexOfField: [String: Int]

    /// A bundle of `fields` over `pointCount` points, every value `initialValue`.
    public init(fields: [String], pointCount: Int, initialValue: Double = 0) {
        self.init(fields: fields, pointCount: pointCount, storage: [Double](repeating: initialValue, count: fields.count * pointCount))
    }

    /// A bundle of `fields` over `pointCount` points whose values are left unset, for a
    /// computation that writes every one of them before any is read (the memory is not even
    /// zeroed: for large bundles that would cost a pass of its own).
    public init(uninitializedFields fields: [String], pointCount: Int) {
        self.init(fields: fields, pointCount: pointCount, storage: [Double](unsafeUninitializedCapacity: fields.count * pointCount) { _, count in
            count = fields.count * pointCount
        })
    }

    private init(fields: [String], pointCount: Int, storage: [Double]) {
        self.fieldNames = fields
        self.pointCount = pointCount
        self.storage = storage
        var index = [String: Int]()
        for (i, name) in fields.enumerated() {
            precondition(index[name] == nil, "field \(name) listed twice")
            index[name] = i
        }
        self.indexOfField = index
    }

    /// The number of fields.
    public var fieldCount: Int { fieldNames.count }

    /// Whether the bundle has a field called `name`.
    public func contains(_ name: String) -> Bool { indexOfField[name] != nil }

    /// The storage position of field `name`, if present.
    public func index(of name: String) -> Int? { indexOfField[name] }

    /// The value of field number `field` at local point `point`.
    @inlinable
    public subscript(field field: Int, point point: Int) -> Double {
        get { storage[point * fieldNames.count + field] }
        set { storage[point * fieldNames.count + field] = newValue }
    }

    /// A copy of the values of field `name` over all local points.
    public func values(of name: String) -> [Double] {
        guard let f = indexOfField[name] else { preconditionFailure("no field \(name) in bundle \(fieldNames)") }
        let k = fieldNames.count, n = pointCount
        return [Double](unsafeUninitializedCapacity: n) { values, count in
            storage.withUnsafeBufferPointer { s in
                for p in 0 ..< n { values[p] = s[p * k + f] }
            }
            count = n
        }
    }

    /// Sets field `name` at every local point from `values`.
    public mutating func setValues(_ values: [Double], of name: String) {
        guard let f = indexOfField[name] else { preconditionFailure("no field \(name) in bundle \(fieldNames)") }
        precondition(values.count == pointCount, "\(values.count) values for \(pointCount) points")
        let k = fieldNames.count
        storage.withUnsafeMutableBufferPointer { s in
            for p in 0 ..< pointCount { s[p * k + f] = values[p] }
        }
    }

    /// Sets every field at every point to `value`.
    public mutating func fill(_ value: Double) {
        for i in storage.indices { storage[i] = value }
    }

    /// The first non-finite value, as (field name, local point), or `nil` if all are finite.
    public func firstNonFinite() -> (field: String, point: Int)? {
        let k = fieldNames.count
        guard k > 0 else { return nil }
        let first: Int? = storage.withUnsafeBufferPointer { values in
            // A value is not finite when its exponent bits are all ones: one pass over eight
            // values at a time, without a branch per value, finds whether there is one (the
            // compiler left a scalar loop with a branch per value as it was written), then the
            // first is looked for.
            guard let base = values.baseAddress else { return nil }
            typealias Lanes = SIMD8<UInt64>
            let exponent = Lanes(repeating: 0x7FF0_0000_0000_0000)
            var seen = Lanes()
            let raw = UnsafeRawPointer(base), whole = values.count / Lanes.scalarCount * Lanes.scalarCount
            for start in stride(from: 0, to: whole, by: Lanes.scalarCount) {
                let bits = raw.loadUnaligned(fromByteOffset: start * MemoryLayout<Double>.stride, as: Lanes.self)
                seen |= (bits & exponent) &+ 0x0010_0000_0000_0000
            }
            // Adding 1 to the lowest exponent bit carries out of the exponent only when it is all ones.
            var any = (seen & Lanes(repeating: 0x8000_0000_0000_0000)) != Lanes()
            for i in whole ..< values.count where !values[i].isFinite { any = true }
            return any ? values.firstIndex { !$0.isFinite } : nil
        }
        return first.map { (fieldNames[$0 % k], $0 / k) }
    }

    /// A bundle of `fields` over the same points, each copied from this bundle (which must
    /// have them all).
    public func subset(_ fields: [String]) -> FieldBundle {
        if fields == fieldNames { return self }
        var result = FieldBundle(fields: fields, pointCount: pointCount)
        let sourceIndices = fields.map { name -> Int in
            guard let i = indexOfField[name] else { preconditionFailure("no field \(name) in bundle \(fieldNames)") }
            return i
        }
        let k = fieldNames.count, m = fields.count
        storage.withUnsafeBufferPointer { from in
            result.storage.withUnsafeMutableBufferPointer { to in
                for p in 0 ..< pointCount {
                    for (j, i) in sourceIndices.enumerated() { to[p * m + j] = from[p * k + i] }
                }
            }
        }
        return result
    }

    /// Sets fields `fields` (as many as `other` has) from the fields of `other`, in order (same
    /// points).
    public mutating func setFields(_ fields: Range<Int>, from other: FieldBundle) {
        precondition(other.pointCount == pointCount && fields.count == other.fieldCount && fields.upperBound <= fieldCount,
                     "fields \(fields) set from a bundle of \(other.fieldCount) fields over \(other.pointCount) points")
        let k = fieldCount, m = other.fieldCount, first = fields.lowerBound
        guard m > 0 else { return }
        other.storage.withUnsafeBufferPointer { source in
            storage.withUnsafeMutableBufferPointer { target in
                for p in 0 ..< pointCount {
                    (target.baseAddress! + p * k + first).update(from: source.baseAddress! + p * m, count: m)
                }
            }
        }
    }

    /// Copies every field of `other` that this bundle also has (same points). When both have
    /// the same fields in the same order, the storage is shared (copied on the next write).
    public mutating func assign(from other: FieldBundle) {
        precondition(other.pointCount == pointCount, "bundles over different points")
        if other.fieldNames == fieldNames {
            storage = other.storage
            return
        }
        var from = [Int](), to = [Int]()
        for (j, name) in other.fieldNames.enumerated() {
            if let i = indexOfField[name] { from.append(j); to.append(i) }
        }
        guard !from.isEmpty else { return }
        let k = fieldNames.count, m = other.fieldCount, count = from.count
        other.storage.withUnsafeBufferPointer { source in
            storage.withUnsafeMutableBufferPointer { target in
                from.withUnsafeBufferPointer { from in
                    to.withUnsafeBufferPointer { to in
                        for p in 0 ..< pointCount {
                            let read = source.baseAddress! + p * m, write = target.baseAddress! + p * k
                            for c in 0 ..< count { write[to[c]] = read[from[c]] }
                        }
                    }
                }
            }
        }
    }
}
