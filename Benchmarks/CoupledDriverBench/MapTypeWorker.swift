import Coupling
import Foundation
import MPI

/// Map type 'X' (`Mapper`) against 'Y' (`PartialSumMapper`) for one weights file, run on every
/// rank under mpirun: the set-up time, `calls` maps of K fields (slowest rank per call, after a
/// barrier), and the points each map moves between ranks — source points gathered ('X') or
/// partial sums sent ('Y') — on the busiest rank and over all ranks.
struct MapTypeResult: Codable {
    let ranks: Int
    let type: String
    let decomposition: String
    let setupSeconds: Double
    let movedPointsLargest: Int
    let movedPointsTotal: Int
    let timing: Timing
}

/// `decomposition`: see `sourceDecomposition(_:of:world:)`; the destination is in blocks.
func mapTypeWorker(weightsPath: String, type: String, decomposition: String, fields k: Int, calls: Int,
                   world: Communicator) throws -> MapTypeResult {
    let weights = try WeightsFile(path: weightsPath)
    let size = world.size, rank = world.rank
    let source = try sourceDecomposition(decomposition, of: weights, world: world)
    let destination = Decomposition.block(globalSize: weights.destinationSize, parts: size, part: rank)
    try world.barrier()
    let setupStart = now()
    let map: any FieldMap
    let moved: Int
    if type == "Y" {
        let mapper = try PartialSumMapper(weights: weights, communicator: world, source: source, destination: destination)
        (map, moved) = (mapper, mapper.partialPointsSent)
    } else {
        let mapper = try Mapper(weights: weights, communicator: world, source: source, destination: destination)
        (map, moved) = (mapper, mapper.haloPointCount)
    }
    let setup = try world.allReduce(now() - setupStart, .maximum)
    return MapTypeResult(ranks: size, type: type, decomposition: decomposition, setupSeconds: setup,
                         movedPointsLargest: try world.allReduce(moved, .maximum), movedPointsTotal: try world.allReduce(moved, .sum),
                         timing: try timeMaps(map, source: source, destination: destination, fields: k, calls: calls, world: world))
}
