import Coupling
import MPI

/// `ExactSum.globalSums`: values dealt to the ranks in turn, each rank adding its share in its
/// own order, give every rank the bits of one process adding them all; a NaN on one rank makes
/// that sum NaN everywhere.
func checkExactSums(_ world: Communicator, _ arguments: [String], _ checks: Checks) throws {
    var state: UInt64 = 2024
    let values = (0 ..< 10_007).map { _ in
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        let magnitude = Double(sign: .plus, exponent: Int(state >> 58) - 40, significand: 1)
        return (Double(state >> 11) / 0x1p53 - 0.5) * magnitude
    }
    var whole = ExactSum()
    for value in values { whole.add(value) }
    var mine = [ExactSum(), ExactSum()]
    let share = values.indices.filter { $0 % world.size == world.rank }
    for i in world.rank % 2 == 0 ? share : share.reversed() { mine[0].add(values[i]) }
    mine[1].add(1)
    if world.rank == world.size - 1 { mine[1].add(.nan) }
    let global = try ExactSum.globalSums(mine, communicator: world)
    checks.expect(global[0].parts.map { [$0.high, $0.middle, $0.low] } == whole.parts.map { [$0.high, $0.middle, $0.low] },
                  "the global sum has the limbs of one sum of all the values")
    checks.expect(global[0].value == whole.value, "and its value")
    checks.expect(global[1].value.isNaN, "a NaN on one rank makes the sum NaN on all")
    let bits = try world.allGather(global[0].value.bitPattern)
    checks.expect(Set(bits).count == 1, "every rank has the same bits")
}
