import MPI
#if canImport(Glibc)
import Glibc
#endif

// mpi-checks SCENARIO [ARGUMENTS]: multi-rank checks run under mpirun by the test suite.
// Each failed expectation prints "FAIL [rank r] ..."; rank 0 prints "PASSED <scenario>" when
// every rank passed, and the exit status is non-zero on failure. Started without an MPI
// launcher, the same checks run on a single-process communicator, without MPI.

let scenarios: [String: (Communicator, [String], Checks) throws -> Void] = [
    "collectives": checkCollectives,
    "exact-sums": checkExactSums,
    "router": checkRouter,
    "router-disjoint": checkDisjointRouter,
    "mapper": checkMapper,
    "mapper-partial-sums": checkPartialSums,
    "pnetcdf": checkParallelNetCDF,
    "pnetcdf-path-limit": checkParallelNetCDFPathLimit,
]

var failed = false
do {
    let world: Communicator
    if MPIRuntime.isStartedByLauncher {
        try MPIRuntime.initialize(threadLevel: .funneled)
        world = try Communicator.world()
    } else {
        world = .singleProcess()
    }
    let arguments = Array(CommandLine.arguments.dropFirst())
    guard let name = arguments.first, let scenario = scenarios[name] else {
        if world.rank == 0 { print("usage: mpi-checks \(scenarios.keys.sorted().joined(separator: "|")) [arguments]") }
        MPIRuntime.finalize()
        exit(2)
    }
    let checks = Checks(rank: world.rank)
    try scenario(world, Array(arguments.dropFirst()), checks)
    let totalFailures = try world.allReduce(checks.failures, .sum)
    failed = totalFailures > 0
    if world.rank == 0 { print(failed ? "FAILED \(name): \(totalFailures) failures" : "PASSED \(name)") }
} catch {
    print("ERROR \(error)")
    failed = true
}
MPIRuntime.finalize()
exit(failed ? 1 : 0)
