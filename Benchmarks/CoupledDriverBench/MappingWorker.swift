import Coupling
import Foundation
import MPI

/// One mapping measurement, run on every rank under mpirun: builds the mapper for a weights
/// file on block decompositions, then times `calls` maps of K fields (the slowest rank's time
/// per call, after a barrier).
struct MappingResult: Codable {
    let ranks: Int
    let fields: Int
    let entries: Int
    let sourcePoints: Int
    let destinationPoints: Int
    /// Source points the busiest rank gathers from other ranks per map.
    let haloPoints: Int
    let timing: Timing
}

func mappingWorker(weightsPath: String, fields k: Int, calls: Int, world: Communicator) throws -> MappingResult {
    let weights = try WeightsFile(path: weightsPath)
    let source = Decomposition.block(globalSize: weights.sourceSize, parts: world.size, part: world.rank)
    let destination = Decomposition.block(globalSize: weights.destinationSize, parts: world.size, part: world.rank)
    let mapper = try Mapper(weights: weights, communicator: world, source: source, destination: destination)
    return MappingResult(ranks: world.size, fields: k, entries: weights.entryCount, sourcePoints: weights.sourceSize,
                         destinationPoints: weights.destinationSize, haloPoints: try world.allReduce(mapper.haloPointCount, .maximum),
                         timing: try timeMaps(mapper, source: source, destination: destination, fields: k, calls: calls, world: world))
}

/// `calls` maps of K fields by `map` after 3 warm-up calls, each timed on the slowest rank
/// after a barrier. Collective over `world`.
func timeMaps(_ map: any FieldMap, source: Decomposition, destination: Decomposition, fields k: Int, calls: Int,
              world: Communicator) throws -> Timing {
    var x = FieldBundle(fields: (0 ..< k).map { "f\($0)" }, pointCount: source.localSize)
    for i in x.storage.indices { x.storage[i] = Double(i % 977) * 0.001 }
    var y = FieldBundle(fields: x.fieldNames, pointCount: destination.localSize)
    var samples = [Double]()
    for call in 0 ..< calls + 3 {
        try world.barrier()
        let start = now()
        try map.map(x, into: &y)
        let elapsed = try world.allReduce(now() - start, .maximum)
        if call >= 3 { samples.append(elapsed) }
    }
    return Timing(samples)
}

/// Reading and distributing a weights file with a chunk size, timed (slowest rank, best of 3,
/// as the plain read), with each rank's peak resident memory before and after.
struct DistributionResult: Codable {
    let ranks: Int
    let chunkSize: Int
    let seconds: Double
    let peakMemoryPerRank: [Int]
    let baselineMemoryPerRank: [Int]
}

func distributionWorker(weightsPath: String, chunkSize: Int, world: Communicator) throws -> DistributionResult {
    let baseline = residentMemory().peak
    let weights = try WeightsFile(path: weightsPath)
    let destination = Decomposition.block(globalSize: weights.destinationSize, parts: world.size, part: world.rank)
    var elapsed = Double.infinity
    for _ in 0 ..< 3 {
        try world.barrier()
        let start = now()
        let rows = try weights.distributeRows(communicator: world, destination: destination, chunkSize: chunkSize)
        elapsed = min(elapsed, try world.allReduce(now() - start, .maximum))
        precondition(rows.entryCount > 0 || world.size > 1)
    }
    let peaks = try world.allGather(residentMemory().peak)
    let baselines = try world.allGather(baseline)
    return DistributionResult(ranks: world.size, chunkSize: chunkSize, seconds: elapsed, peakMemoryPerRank: peaks,
                              baselineMemoryPerRank: baselines)
}

/// Peak memory per rank of a whole mapping set-up and K = 10 map of the source grid, and the
/// resident memory of the same process before it (Swift, MPI and netCDF libraries).
struct MemoryResult: Codable {
    let ranks: Int
    let peakMemoryPerRank: [Int]
    let baselineMemoryPerRank: [Int]
}

func memoryWorker(weightsPath: String, world: Communicator) throws -> MemoryResult {
    let baseline = residentMemory().peak
    let weights = try WeightsFile(path: weightsPath)
    let source = Decomposition.block(globalSize: weights.sourceSize, parts: world.size, part: world.rank)
    let destination = Decomposition.block(globalSize: weights.destinationSize, parts: world.size, part: world.rank)
    let mapper = try Mapper(weights: weights, communicator: world, source: source, destination: destination)
    let x = FieldBundle(fields: (0 ..< 10).map { "f\($0)" }, pointCount: source.localSize, initialValue: 1)
    var y = FieldBundle(fields: x.fieldNames, pointCount: destination.localSize)
    try mapper.map(x, into: &y)
    return MemoryResult(ranks: world.size, peakMemoryPerRank: try world.allGather(residentMemory().peak),
                        baselineMemoryPerRank: try world.allGather(baseline))
}
