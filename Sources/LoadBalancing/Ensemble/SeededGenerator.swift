/// A reproducible stream of random numbers (SplitMix64): the same seed gives the same numbers
/// on every machine and Swift version, which the standard library's generators and
/// `Double.random(in:)` do not promise. Ensembles draw each member's perturbations from it.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// The stream starting from `seed`.
    public init(seed: UInt64) {
        state = seed
    }

    /// The stream of one member's draws for one key of an ensemble seeded with `seed`. Each
    /// (key, member) pair has a stream of its own, so a member's value does not change when
    /// members or keys are added to the ensemble.
    public init(seed: UInt64, key: String, member: Int) {
        var mixer = SeededGenerator(seed: seed)
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325  // FNV-1a of the key's bytes
        for byte in key.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        state = mixer.next() ^ SeededGenerator(seed: hash).mixed ^ SeededGenerator(seed: UInt64(truncatingIfNeeded: member)).mixed
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in [0, 1) with 53 random bits.
    public mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// The first number of this stream, without advancing it.
    private var mixed: UInt64 {
        var copy = self
        return copy.next()
    }
}
