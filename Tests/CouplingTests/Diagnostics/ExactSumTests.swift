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
}
