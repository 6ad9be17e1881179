/// The random numbers of the fuzz tests: SplitMix64, small and fully specified, so a seed
/// gives the same inputs on every machine and with every Swift version (the standard
/// library's `random(in:using:)` promises neither).
///
/// Each fuzz case gets its own generator from the run's seed and the case's number, so one
/// case can be made again without making the cases before it.
public struct FuzzRandom: Sendable {
    private var state: UInt64

    /// The generator of case `index` of a run with `seed`.
    public init(seed: UInt64, case index: Int) {
        state = Self.mix(seed &+ Self.mix(UInt64(bitPattern: Int64(index)) &+ 0x6A09_E667_F3BC_C909))
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Self.mix(state)
    }

    /// A number in `0 ..< bound` (`bound` at least 1).
    public mutating func below(_ bound: Int) -> Int {
        precondition(bound >= 1, "a bound of at least 1")
        return Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// A number in `range`.
    public mutating func inRange(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    /// True with probability `percent` / 100.
    public mutating func percent(_ percent: Int) -> Bool {
        below(100) < percent
    }

    /// One element of `choices` (not empty).
    public mutating func pick<Element>(_ choices: [Element]) -> Element {
        choices[below(choices.count)]
    }

    /// SplitMix64's finaliser: every input bit affects every output bit.
    private static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
