import Coupling
import Testing

/// `ExactSum`, the budgets' fixed-point sum: exact for multiples of 2⁻⁸⁴, so the same bits in
/// any order and split any way; NaN once a value it cannot hold is added.
@Suite("Exact fixed-point sums")
struct ExactSumTests {
    /// Values m·2^e of every sign and of magnitudes from 2⁻⁸⁴ to 2³⁰, with their exact integer
    /// value in units of 2⁻⁸⁴ (from a fixed seed).
    private static func values(count: Int, seed: UInt64) -> [(value: Double, units: Int128)] {
        var state = seed
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 11
        }
        return (0 ..< count).map { _ in
            let mantissa = Int64(next() >> 1) - (1 << 51)  // |m| < 2^52
            let exponent = Int(next() % 63) - 84  // 2^e from 2^-84 to 2^-22: |m·2^e| < 2^30
            return (Double(mantissa) * Double(sign: .plus, exponent: exponent, significand: 1), Int128(mantissa) << (exponent + 84))
        }
    }

    private static func units(_ sum: ExactSum) -> Int128? {
        sum.parts.map { Int128($0.high) << 64 + Int128($0.middle) << 32 + Int128($0.low) }
    }

    @Test("the sum of multiples of 2⁻⁸⁴ is exact: its limbs hold the integer sum")
    func exact() {
        let values = Self.values(count: 20_000, seed: 7)
        var sum = ExactSum()
        for (value, _) in values { sum.add(value) }
        let expected = values.reduce(Int128(0)) { $0 + $1.units }
        #expect(Self.units(sum) == expected)
        #expect(sum.value == Double(expected) * 0x1p-84, "rounded once from the exact sum")
    }

    @Test("any order and any split into partial sums give the same bits")
    func orderIndependent() {
        let values = Self.values(count: 5_000, seed: 11).map(\.value)
        var forward = ExactSum(), backward = ExactSum(), shuffled = ExactSum()
        for value in values { forward.add(value) }
        for value in values.reversed() { backward.add(value) }
        var generator = SystemRandomNumberGenerator()
        for value in values.shuffled(using: &generator) { shuffled.add(value) }
        var split = ExactSum(), part = ExactSum()
        for (i, value) in values.enumerated() {
            part.add(value)
            if i % 777 == 0 { split.add(part); part = ExactSum() }
        }
        split.add(part)
        let reference = Self.units(forward)
        #expect(reference != nil)
        #expect(Self.units(backward) == reference && Self.units(shuffled) == reference && Self.units(split) == reference)
        #expect(values.reduce(0, +) != forward.value || values.reversed().reduce(0, +) != forward.value,
                "the values are chosen so that plain floating-point sums depend on the order")
    }

    @Test("a value below 2⁻⁸⁴ is rounded to the nearest multiple, and a sum survives its parts")
    func roundingAndParts() throws {
        var sum = ExactSum()
        sum.add(0x1p-86)   // a quarter of a unit: rounds to 0
        sum.add(0x1.8p-84) // one and a half units: rounds to 2 (ties to even)
        sum.add(-0.75)
        let parts = try #require(sum.parts)
        #expect(ExactSum(high: parts.high, middle: parts.middle, low: parts.low).value == sum.value)
        #expect(sum.value == -0.75 + 2 * 0x1p-84)
    }

    @Test("NaN, an infinity or a value of 2³¹ or more makes the sum NaN", arguments: [Double.nan, .infinity, -0x1p31, 1e300])
    func notHeld(value: Double) {
        var sum = ExactSum()
        sum.add(1)
        sum.add(value)
        sum.add(1)
        #expect(sum.value.isNaN)
        #expect(sum.parts == nil)
        var merged = ExactSum()
        merged.add(sum)
        #expect(merged.value.isNaN, "a merged sum keeps it")
    }
    /// Values of the budgets' kind: mostly below 2¹⁰, with ties at 2⁻⁸⁴ and 2⁻⁴¹, subnormals,
    /// ±0 and some from 2¹⁰ to 2³⁰ that `add(contentsOf:)` adds one by one.
    private static func termLikeValues(count: Int, seed: UInt64) -> [Double] {
        var generator = LinearCongruential(state: seed)
        let special: [Double] = [0, -0.0, 0x1p-84, 0x1.8p-84, -0x1.8p-84, 0x1.8p-42, 0x1p-41 * 2.5, .leastNonzeroMagnitude,
                                 -.leastNormalMagnitude, 0x1p10, -0x1p10, 0x1.fffffffffffffp9, 1023.75, 0x1p30]
        return (0 ..< count).map { i in
            if i % 97 == 0 { return special[(i / 97) % special.count] }
            let magnitude = Double(sign: .plus, exponent: Int(generator.next() % 110) - 100, significand: 1)
            let value = Double(generator.next() >> 11) * 0x1p-53 * magnitude * (i % 50 == 0 ? 0x1p20 : 1)
            return generator.next() % 2 == 0 ? value : -value
        }
    }

    @Test("adding a block of values gives the same bits as adding each, in blocks of any size")
    func blockMatches() {
        let values = Self.termLikeValues(count: 50_000, seed: 3)
        var reference = ExactSum()
        for value in values { reference.add(value) }
        let expected = Self.units(reference)
        #expect(expected != nil)
        #expect(values.contains { abs($0) >= 0x1p10 } && values.count > 2048 * 20, "both paths and many folds are exercised")
        for blockSize in [1, 7, 256, 2048, 5000, values.count] {
            var sum = ExactSum()
            // Partly filled first, as a budget's running sum is.
            sum.add(0x1p-60)
            sum.add(-0x1p-60)
            values.withUnsafeBufferPointer { values in
                for start in stride(from: 0, to: values.count, by: blockSize) {
                    sum.add(contentsOf: UnsafeBufferPointer(rebasing: values[start ..< min(start + blockSize, values.count)]))
                }
            }
            #expect(Self.units(sum) == expected, "blocks of \(blockSize)")
        }
    }

    @Test("the negated sum is the sum of the negated values, bit for bit")
    func negated() {
        let values = Self.termLikeValues(count: 10_000, seed: 5)
        var sum = ExactSum(), negatives = ExactSum()
        for value in values {
            sum.add(value)
            negatives.add(-value)
        }
        #expect(Self.units(sum) != 0)
        #expect(Self.units(sum.negated()) == Self.units(negatives))
        var notHeld = ExactSum()
        notHeld.add(.nan)
        #expect(notHeld.negated().value.isNaN)
    }

    @Test("a block with a value it cannot hold makes the sum NaN", arguments: [Double.nan, .infinity, 0x1p31])
    func blockNotHeld(value: Double) {
        var sum = ExactSum()
        [0.5, value, 0.25].withUnsafeBufferPointer { sum.add(contentsOf: $0) }
        #expect(sum.value.isNaN)
    }
}

/// A small deterministic generator for the test values.
private struct LinearCongruential {
    var state: UInt64
    mutating func next() -> UInt64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return state >> 11
    }
}
