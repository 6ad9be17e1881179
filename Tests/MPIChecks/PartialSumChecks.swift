import Coupling
import MPI

/// Map type 'Y' (`PartialSumMapper`) against type 'X' (`Mapper`) with one weights file on the
/// same decompositions: equal to round-off on any ranks (bit for bit on one), the same bits when
/// repeated, and each rank's partial rows counted. Arguments: weights path, `block` or `random`
/// decompositions, threads.
func checkPartialSums(_ world: Communicator, _ arguments: [String], _ checks: Checks) throws {
    let weights = try WeightsFile(path: arguments[0])
    let random = arguments[1] == "random"
    let threads = ThreadTeam(count: Int(arguments[2])!)
    let size = world.size
    let source = try testDecomposition(weights.sourceSize, random: random, seed: 5, world: world)
    let destination = try testDecomposition(weights.destinationSize, random: random, seed: 6, world: world)
    let gathered = try Mapper(weights: weights, communicator: world, source: source, destination: destination, threads: threads)
    let summed = try PartialSumMapper(weights: weights, communicator: world, source: source, destination: destination,
                                      threads: threads, chunkSize: 5000)
    var x = FieldBundle(fields: ["one", "smooth", "ramp"], pointCount: source.localSize)
    var w = [Double](repeating: 0, count: source.localSize)
    for p in 0 ..< source.localSize {
        let g = Double(source.globalIndex(ofLocal: p))
        x[field: 0, point: p] = 1
        x[field: 1, point: p] = 280 + 10 * (g * 0.001).squareRoot()
        x[field: 2, point: p] = g / Double(weights.sourceSize)
        w[p] = g.truncatingRemainder(dividingBy: 7) / 7
    }
    var yx = FieldBundle(fields: x.fieldNames, pointCount: destination.localSize), yy = yx, again = yx
    try gathered.map(x, into: &yx)
    try summed.map(x, into: &yy)
    try summed.map(x, into: &again)
    checks.expect(again.storage.map(\.bitPattern) == yy.storage.map(\.bitPattern), "type 'Y' repeats itself bit for bit")
    var largest = 0.0, scale = 0.0
    for i in yx.storage.indices {
        largest = max(largest, abs(yx.storage[i] - yy.storage[i]))
        scale = max(scale, abs(yx.storage[i]))
    }
    let worst = try world.allReduce(largest, .maximum), magnitude = try world.allReduce(scale, .maximum)
    checks.expect(worst <= 1e-13 * magnitude, "type 'Y' differs from 'X' by \(worst) (values up to \(magnitude))")
    if size == 1 { checks.expect(yx.storage.map(\.bitPattern) == yy.storage.map(\.bitPattern), "on one rank 'Y' is 'X' bit for bit") }
    var wx = FieldBundle(fields: x.fieldNames, pointCount: destination.localSize), wy = wx
    let normX = try gathered.map(x, weightedBy: w, into: &wx)
    let normY = try summed.map(x, weightedBy: w, into: &wy)
    let weightedGap = zip(wx.storage, wy.storage).map { abs($0 - $1) }.max() ?? 0
    let normGap = zip(normX, normY).map { abs($0 - $1) }.max() ?? 0
    checks.expect(try world.allReduce(max(weightedGap, normGap), .maximum) <= 1e-12 * max(magnitude, 1), "weighted forms agree to round-off")
    let entries = try world.allReduce(summed.localEntryCount, .sum)
    checks.expect(entries == weights.entryCount, "every entry applied once: \(entries) of \(weights.entryCount)")
    let sent = try world.allReduce(summed.partialPointsSent, .sum), received = try world.allReduce(summed.partialPointsReceived, .sum)
    checks.expect(sent == received, "partial sums sent \(sent) and received \(received)")
    if size == 1 { checks.expect(sent == 0, "one rank sends nothing") }
}
