import MPI

/// A running sum of doubles kept exactly, in fixed point: the same bits whatever order the
/// values come in, on however many ranks. The coupler's budgets add every point's term to one
/// of these instead of keeping a sum per point, so a table is the same on any layout.
///
/// A value is rounded to a whole number of 2⁻⁸⁴ (about 5·10⁻²⁶) and added in three limbs of
/// units 2⁻²⁰, 2⁻⁵² and 2⁻⁸⁴, each found with the round-to-nearest of a floating-point
/// addition (x + 1.5·2⁵² holds the nearest integer to x in its last bits), so an addition is a
/// few floating-point and integer operations, without a branch the values decide. The limbs are
/// carried into one another every 2³⁰ additions. Values of magnitude 2³¹ (2·10⁹) or more,
/// infinities and NaNs cannot be held: after one of them the sum is NaN.
public struct ExactSum: Sendable {
    /// Units of 2⁻²⁰, 2⁻⁵² and 2⁻⁸⁴; after `carry()`, `middle` and `low` are in [0, 2³²).
    @usableFromInline var high: Int64
    @usableFromInline var middle: Int64
    @usableFromInline var low: Int64
    /// Additions since the limbs were last carried.
    @usableFromInline var pending: Int32
    @usableFromInline var isHeld: Bool

    /// A sum of nothing.
    public init() {
        self.init(high: 0, middle: 0, low: 0, isHeld: true)
    }

    /// A sum that could not be held: its value is NaN.
    public static let notHeld = ExactSum(high: 0, middle: 0, low: 0, isHeld: false)

    @usableFromInline init(high: Int64, middle: Int64, low: Int64, isHeld: Bool) {
        self.high = high
        self.middle = middle
        self.low = low
        self.pending = 0
        self.isHeld = isHeld
    }

    /// 1.5·2⁵²: adding it to |x| < 2⁵¹ rounds x to the nearest integer, which its bits then hold.
    @usableFromInline static let magic = 0x1.8p52

    /// `x` rounded to the nearest integer, as an integer and as a double (|x| < 2⁵¹).
    @inlinable @inline(__always)
    static func nearestInteger(_ x: Double) -> (Int64, Double) {
        let shifted = x + magic
        return (Int64(bitPattern: shifted.bitPattern) &- Int64(bitPattern: magic.bitPattern), shifted - magic)
    }

    /// Adds `x`, rounded to a multiple of 2⁻⁸⁴.
    @inlinable @inline(__always)
    public mutating func add(_ x: Double) {
        let y = x * 0x1p20
        // Also false for a NaN.
        guard abs(y) < 0x1p51 else { isHeld = false; return }
        // Each remainder is exact: it is what is left of y below its nearest multiple of a power of two.
        let (whole, wholeValue) = Self.nearestInteger(y)
        let r = (y - wholeValue) * 0x1p32
        let (middlePart, middleValue) = Self.nearestInteger(r)
        let (lowPart, _) = Self.nearestInteger((r - middleValue) * 0x1p32)
        high &+= whole
        middle &+= middlePart
        low &+= lowPart
        pending &+= 1
        // |middle|, |low| grow by at most 2³¹ an addition: carry long before they could overflow.
        if pending == 1 << 30 { carry() }
    }

    /// Adds the sum `other`, exactly.
    public mutating func add(_ other: ExactSum) {
        var other = other
        other.carry()
        carry()
        high &+= other.high
        middle += other.middle
        low += other.low
        isHeld = isHeld && other.isHeld
        carry()
    }

    /// The sum of the negatives of the values added: the same bits as adding each negated
    /// (rounding to the nearest, ties to even, is symmetric).
    public func negated() -> ExactSum {
        var sum = ExactSum(high: 0 &- high, middle: -middle, low: -low, isHeld: isHeld)
        sum.carry()
        return sum
    }

    /// Carries `low` into `middle` and `middle` into `high`, leaving both in [0, 2³²).
    @inlinable mutating func carry() {
        let lowCarry = low >> 32
        low -= lowCarry << 32
        middle += lowCarry
        let middleCarry = middle >> 32
        middle -= middleCarry << 32
        let (top, overflow) = high.addingReportingOverflow(middleCarry)
        high = top
        if overflow { isHeld = false }
        pending = 0
    }

    /// The sum, rounded once to the nearest double; NaN when it could not be held.
    public var value: Double {
        guard let (high, middle, low) = parts else { return .nan }
        return Double(Int128(high) << 64 + Int128(middle) << 32 + Int128(low)) * 0x1p-84
    }

    /// The limbs, `middle` and `low` in [0, 2³²); `nil` when the sum could not be held. With
    /// `init(high:middle:low:)` they save and restore a sum exactly.
    public var parts: (high: Int64, middle: Int64, low: Int64)? {
        var sum = self
        sum.carry()
        return sum.isHeld ? (sum.high, sum.middle, sum.low) : nil
    }

    /// The sum whose `parts` are `high`, `middle` and `low`.
    public init(high: Int64, middle: Int64, low: Int64) {
        self.init(high: high, middle: middle, low: low, isHeld: true)
    }

    /// The sums over all ranks, element by element: exact, so every rank gets the same bits
    /// whatever the ranks held. One `MPI_Allreduce`; collective.
    public static func globalSums(_ sums: [ExactSum], communicator: Communicator) throws(MPIError) -> [ExactSum] {
        // Carried limbs below 2³² add up over any number of ranks without overflow; the flag
        // counts the ranks where a sum was not held.
        var limbs = [Int64]()
        limbs.reserveCapacity(4 * sums.count)
        for var sum in sums {
            sum.carry()
            limbs += [sum.high, sum.middle, sum.low, sum.isHeld ? 0 : 1]
        }
        let total = try communicator.allReduce(limbs, .sum)
        return sums.indices.map { i in
            var sum = ExactSum(high: total[4 * i], middle: total[4 * i + 1], low: total[4 * i + 2], isHeld: total[4 * i + 3] == 0)
            sum.carry()
            return sum
        }
    }
}
