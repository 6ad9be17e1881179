import Coupling
import MPI

/// Area-weighted means over all of a component's points, for the logs: each entry of
/// `quantities` holds one value per local point, `area` the points' areas and `weight` (all 1
/// if absent) a further weight per point, such as a fraction or a mask. The sums are
/// `ReproducibleSum`s, so the means are the same bits for any decomposition. Collective over
/// `communicator`.
func globalAreaMeans(_ quantities: [[Double]], area: [Double], weight: [Double]? = nil, communicator: Communicator) throws -> [Double] {
    let weighted = weight.map { zip(area, $0).map { $0 * $1 } } ?? area
    let sums = try ReproducibleSum.sums(quantities.map { zip($0, weighted).map { $0 * $1 } } + [weighted],
                                        communicator: communicator)
    let total = sums[quantities.count]
    return sums.dropLast().map { total > 0 ? $0 / total : 0 }
}
