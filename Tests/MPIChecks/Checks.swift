import Coupling
import MPI

/// Records failed expectations of a multi-rank check; each failure is printed with the rank.
final class Checks {
    let rank: Int
    private(set) var failures = 0

    init(rank: Int) { self.rank = rank }

    func expect(_ condition: Bool, _ message: @autoclosure () -> String) {
        if !condition {
            failures += 1
            print("FAIL [rank \(rank)] \(message())")
        }
    }
}

/// A small deterministic random generator (SplitMix64), the same on every rank for a seed.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// This rank's part of a grid of `n` points: a block, or (`random`) points dealt to the ranks by
/// the generator seeded with `seed`, the same on every rank.
func testDecomposition(_ n: Int, random: Bool, seed: UInt64, world: Communicator) throws -> Decomposition {
    guard random else { return Decomposition.block(globalSize: n, parts: world.size, part: world.rank) }
    var rng = SeededGenerator(seed: seed)
    return try Decomposition(globalSize: n, indices: (0 ..< n).filter { _ in Int.random(in: 0 ..< world.size, using: &rng) == world.rank })
}

/// FNV-1a over the bit patterns of doubles: a checksum that changes with any bit.
func checksum(_ values: [Double]) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for v in values {
        var bits = v.bitPattern
        for _ in 0 ..< 8 {
            hash = (hash ^ (bits & 0xff)) &* 0x100_0000_01b3
            bits >>= 8
        }
    }
    return hash
}
