import TimeManager

/// A small deterministic random number generator (the SplitMix64 algorithm) so random tests are reproducible.
struct TimeTestGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The message of the ``TimeError`` thrown by `body`, or `nil` if it does not throw.
func timeErrorMessage(_ body: () throws(TimeError) -> Void) -> String? {
    do {
        try body()
        return nil
    } catch {
        return error.message
    }
}
