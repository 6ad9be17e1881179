import Foundation
import Testing
import TestSupport

/// The `mpi-checks` scenarios under mpirun with 1 to 4 ranks, and (the single-process
/// communicator, which must pass the same checks) as a plain process without MPI.
@Suite("MPI layer, routers and mapper on 1-4 ranks and without MPI", .serialized)
struct MultiRankChecksTests {
    @Test("collectives, point-to-point and communicators", arguments: Launch.aloneAndMPI(ranks: 1 ... 4))
    func collectives(launch: Launch) {
        let result = Job.start(launch, "mpi-checks", ["collectives"], timeout: 120)
        #expect(result.exitCode == 0 && result.standardOutput.contains("PASSED collectives"), "\(result.output)")
    }

    @Test("exact sums over the ranks: the bits of one process adding every value", arguments: Launch.aloneAndMPI(ranks: 1 ... 4))
    func exactSums(launch: Launch) {
        let result = Job.start(launch, "mpi-checks", ["exact-sums"], timeout: 120)
        #expect(result.exitCode == 0 && result.standardOutput.contains("PASSED exact-sums"), "\(result.output)")
    }

    @Test("routers between random decompositions: right values, round trips, only needed points move",
          arguments: Launch.aloneAndMPI(ranks: 1 ... 4))
    func routers(launch: Launch) {
        for (size, seed) in [(1000, 1), (5003, 2), (17, 3)] {
            let result = Job.start(launch, "mpi-checks", ["router", "\(size)", "\(seed)"], timeout: 120)
            #expect(result.exitCode == 0 && result.standardOutput.contains("PASSED router"), "\(result.output)")
        }
    }

    @Test("routers between disjoint processor sets; ranks outside never call", arguments: 2 ... 4)
    func disjointRouters(ranks: Int) {
        let result = Job.mpirun(ranks: ranks, "mpi-checks", ["router-disjoint"], timeout: 120)
        #expect(result.exitCode == 0 && result.standardOutput.contains("PASSED router-disjoint"), "\(result.output)")
    }

    @Test("parallel netCDF writes and reads; without MPI, netCDF-C writes the bytes PnetCDF writes on 1-4 ranks")
    func parallelNetCDF() {
        let dir = TemporaryDirectory("pnetcdf")
        let alone = dir.path + "/p0.nc"
        for (index, launch) in Launch.aloneAndMPI(ranks: 1 ... 4).enumerated() {
            let path = dir.path + "/p\(index).nc"
            let result = Job.start(launch, "mpi-checks", ["pnetcdf", path], timeout: 120)
            #expect(result.exitCode == 0 && result.standardOutput.contains("PASSED pnetcdf"), "\(launch): \(result.output)")
            #expect(sameBytes(path, alone), "\(launch) differs from 1 process without MPI")
        }
    }

    @Test("parallel netCDF paths up to the MPI-IO limit work; longer ones are refused instead of aborting every rank", arguments: [1, 2, 3])
    func parallelNetCDFPathLimit(ranks: Int) {
        let dir = TemporaryDirectory("pnetcdf-path")
        let result = Job.mpirun(ranks: ranks, "mpi-checks", ["pnetcdf-path-limit", dir.path], timeout: 120)
        #expect(result.exitCode == 0 && result.standardOutput.contains("PASSED pnetcdf-path-limit"), "\(result.output)")
        #expect(!result.output.contains("buffer overflow"), "\(result.output)")
    }

    @Test("the mapper gives the same bits for any ranks (or none: without MPI), decomposition, chunk size and threads")
    func mapperInvariance() {
        let weights = MappingFixtures.shared.conservative1degToT62
        var checksums = Set<String>()
        var runs = 0
        for launch in Launch.aloneAndMPI(ranks: 1 ... 4) {
            for (chunk, decomposition, threads) in [("1000", "block", "1"), ("7", "random", "2"), ("262144", "random", "1"), ("50000", "block", "2")] {
                let result = Job.start(launch, "mpi-checks", ["mapper", weights, chunk, decomposition, threads], timeout: 300)
                #expect(result.exitCode == 0, "\(result.output)")
                if let line = result.standardOutput.split(separator: "\n").first(where: { $0.hasPrefix("CHECKSUM ") }) {
                    checksums.insert(String(line))
                    runs += 1
                }
            }
        }
        #expect(runs == 20)
        #expect(checksums.count == 1, "different results: \(checksums)")
    }

    @Test("map type 'Y' (partial sums) equals 'X' to round-off, bit for bit on one rank, and repeats itself",
          arguments: Launch.aloneAndMPI(ranks: 1 ... 4))
    func partialSums(launch: Launch) {
        let fixtures = MappingFixtures.shared
        for (weights, decomposition, threads) in [(fixtures.conservative1degToT62, "block", "1"), (fixtures.cdoConservativeN48To1deg, "random", "2"),
                                                  (fixtures.conservativeQuarterDegToT62, "block", "2")] {
            let result = Job.start(launch, "mpi-checks", ["mapper-partial-sums", weights, decomposition, threads], timeout: 300)
            #expect(result.exitCode == 0 && result.standardOutput.contains("PASSED mapper-partial-sums"), "\(weights):\n\(result.output)")
        }
    }
}
