import Coupling
import Foundation
import MPI

/// One mapping measurement, run on every rank under mpirun: builds the mapper for a weights
/// file (source in `decomposition`, destination in blocks, `threads` per rank), then times
/// `calls` maps of K fields (the slowest rank's time per call, after a barrier), cache-warm or cold.
struct MappingResult: Codable {
    let ranks: Int
    let threads: Int
    let fields: Int
    let entries: Int
    let sourcePoints: Int
    let destinationPoints: Int
    /// Source points the busiest rank gathers from other ranks per map.
    let haloPoints: Int
    let timing: Timing
}

func mappingWorker(weightsPath: String, fields k: Int, calls: Int, decomposition: String, cold: Bool, threads: Int,
                   world: Communicator) throws -> MappingResult {
    let weights = try WeightsFile(path: weightsPath)
    let source = try sourceDecomposition(decomposition, of: weights, world: world)
    let destination = Decomposition.block(globalSize: weights.destinationSize, parts: world.size, part: world.rank)
    let mapper = try Mapper(weights: weights, communicator: world, source: source, destination: destination,
                            threads: ThreadTeam(count: threads))
    return MappingResult(ranks: world.size, threads: threads, fields: k, entries: weights.entryCount, sourcePoints: weights.sourceSize,
                         destinationPoints: weights.destinationSize, haloPoints: try world.allReduce(mapper.haloPointCount, .maximum),
                         timing: try timeMaps(mapper, source: source, destination: destination, fields: k, calls: calls, cold: cold,
                                              world: world))
}

/// The source grid's points of this rank: `block` (contiguous blocks of global index, as the
/// coupler splits its grids), or `cyclic` (the grid's rows dealt to the ranks in turn, as a
/// latitude-cyclic ocean decomposition: most sources of a destination point are on other ranks).
func sourceDecomposition(_ name: String, of weights: WeightsFile, world: Communicator) throws -> Decomposition {
    switch name {
    case "block": return Decomposition.block(globalSize: weights.sourceSize, parts: world.size, part: world.rank)
    case "cyclic":
        let rowLength = weights.sourceShape.last ?? weights.sourceSize
        return try Decomposition(globalSize: weights.sourceSize, indices: (0 ..< weights.sourceSize).filter { ($0 / rowLength) % world.size == world.rank })
    default: fatalError("unknown decomposition \(name): block or cyclic")
    }
}

/// `calls` maps of K fields by `map` after 3 warm-up calls, each timed on the slowest rank
/// after a barrier. With `cold`, each call finds nothing of its matrix or fields in the caches:
/// before it (untimed), every rank reads a buffer of 4 times the last-level cache. Collective
/// over `world`.
func timeMaps(_ map: any FieldMap, source: Decomposition, destination: Decomposition, fields k: Int, calls: Int, cold: Bool = false,
              world: Communicator) throws -> Timing {
    var x = FieldBundle(fields: (0 ..< k).map { "f\($0)" }, pointCount: source.localSize)
    for i in x.storage.indices { x.storage[i] = Double(i % 977) * 0.001 }
    var y = FieldBundle(fields: x.fieldNames, pointCount: destination.localSize)
    // Words only the run knows (the rank), so that the reads cannot be folded away.
    let word = UInt64(world.rank + 1)
    let eviction = cold ? [UInt64](repeating: word, count: 4 * lastLevelCacheBytes() / 8) : []
    var evicted: UInt64 = 0
    var samples = [Double]()
    for call in 0 ..< calls + 3 {
        for word in eviction { evicted &+= word }
        try world.barrier()
        let start = now()
        try map.map(x, into: &y)
        let elapsed = try world.allReduce(now() - start, .maximum)
        if call >= 3 { samples.append(elapsed) }
    }
    precondition(evicted == word &* UInt64(eviction.count * (calls + 3)), "the eviction reads were skipped")
    return Timing(samples)
}

/// The last-level cache's size from sysfs (the largest `index*/size` of CPU 0), 64 MiB if unknown.
func lastLevelCacheBytes() -> Int {
    var largest = 0
    for index in 0 ..< 8 {
        guard let text = try? String(contentsOfFile: "/sys/devices/system/cpu/cpu0/cache/index\(index)/size", encoding: .utf8) else { continue }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let scale = trimmed.hasSuffix("K") ? 1 << 10 : trimmed.hasSuffix("M") ? 1 << 20 : 1
        largest = max(largest, (Int(trimmed.filter(\.isNumber)) ?? 0) * scale)
    }
    return largest > 0 ? largest : 64 << 20
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

func distributionWorker(weightsPath: String, chunkSize: Int, threads: Int, world: Communicator) throws -> DistributionResult {
    let baseline = residentMemory().peak
    let weights = try WeightsFile(path: weightsPath)
    let destination = Decomposition.block(globalSize: weights.destinationSize, parts: world.size, part: world.rank)
    var elapsed = Double.infinity
    for _ in 0 ..< 3 {
        try world.barrier()
        let start = now()
        let rows = try weights.distributeRows(communicator: world, destination: destination, chunkSize: chunkSize,
                                              threads: ThreadTeam(count: threads))
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
