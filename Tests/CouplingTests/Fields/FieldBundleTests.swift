import Coupling
import Testing

/// `FieldBundle`'s copies between bundles: what `assign(from:)` and `subset(_:)` take, and that
/// a bundle assigned whole (sharing storage) stays independent of its source.
@Suite("Field bundles")
struct FieldBundleTests {
    /// A bundle whose value of field `f` at point `p` is `base + 10·p + f`.
    private func bundle(_ fields: [String], points: Int, base: Double) -> FieldBundle {
        var b = FieldBundle(fields: fields, pointCount: points)
        for p in 0 ..< points { for f in 0 ..< fields.count { b[field: f, point: p] = base + Double(10 * p + f) } }
        return b
    }

    @Test("assigning from a bundle with other fields copies the shared ones by name and keeps the rest")
    func assignByName() {
        var target = bundle(["a", "b", "c"], points: 4, base: 1000)
        let source = bundle(["c", "x", "a"], points: 4, base: 0)
        target.assign(from: source)
        for p in 0 ..< 4 {
            #expect(target[field: 0, point: p] == source[field: 2, point: p])
            #expect(target[field: 1, point: p] == 1000 + Double(10 * p + 1))
            #expect(target[field: 2, point: p] == source[field: 0, point: p])
        }
    }

    @Test("assigning from a bundle of the same fields takes its values; writing to either afterwards leaves the other alone")
    func assignWhole() {
        var target = bundle(["a", "b"], points: 3, base: 1000)
        var source = bundle(["a", "b"], points: 3, base: 0)
        target.assign(from: source)
        #expect(target == source)
        target[field: 1, point: 2] = -1
        source[field: 0, point: 0] = -2
        #expect(source[field: 1, point: 2] == 21 && target[field: 0, point: 0] == 0)
    }

    @Test("a subset holds the named fields in the order asked")
    func subset() {
        let source = bundle(["a", "b", "c"], points: 2, base: 0)
        let part = source.subset(["c", "a"])
        #expect(part.fieldNames == ["c", "a"])
        #expect(part.values(of: "c") == source.values(of: "c") && part.values(of: "a") == source.values(of: "a"))
    }

    @Test("the first value that is not finite is named by field and point, whichever kind it is", arguments: [Double.nan, .infinity, -.infinity])
    func firstNonFinite(value: Double) {
        var b = bundle(["a", "b", "c"], points: 5, base: 0)
        #expect(b.firstNonFinite() == nil)
        b[field: 2, point: 3] = value
        b[field: 1, point: 4] = value
        #expect(b.firstNonFinite()?.field == "c" && b.firstNonFinite()?.point == 3)
        // Among many values (the check reads eight at a time), the extremes of the finite ones
        // pass, and one not finite anywhere is found.
        var many = bundle(["a", "b", "c"], points: 40, base: 0)
        for (point, extreme) in [Double.greatestFiniteMagnitude, -.greatestFiniteMagnitude, .leastNonzeroMagnitude, -0.0].enumerated() {
            many[field: 1, point: 5 + point] = extreme
        }
        #expect(many.firstNonFinite() == nil)
        for index in [0, 7, 8, 61, 119] {
            var one = many
            one.storage[index] = value
            #expect(one.firstNonFinite()?.field == ["a", "b", "c"][index % 3] && one.firstNonFinite()?.point == index / 3, "at \(index)")
        }
    }

    @Test("setting a range of fields from a smaller bundle writes those fields at every point and leaves the others")
    func setFieldRange() {
        var target = bundle(["a", "b", "c", "d"], points: 3, base: 1000)
        let source = bundle(["x", "y"], points: 3, base: 0)
        target.setFields(1 ..< 3, from: source)
        #expect(target.values(of: "b") == source.values(of: "x") && target.values(of: "c") == source.values(of: "y"))
        #expect(target.values(of: "a") == bundle(["a"], points: 3, base: 1000).values(of: "a"))
        #expect(target.values(of: "d") == bundle(["a", "b", "c", "d"], points: 3, base: 1000).values(of: "d"))
    }
}
