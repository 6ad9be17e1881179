import Coupling
import MPI

/// Maps three fields with a weights file on any decomposition and prints a checksum of the
/// result gathered in global order, so the test can compare layouts, chunk sizes and threads.
/// Arguments: weights path, chunk size, `block` or `random` decompositions, threads.
func checkMapper(_ world: Communicator, _ arguments: [String], _ checks: Checks) throws {
    let path = arguments[0]
    let chunk = Int(arguments[1])!
    let random = arguments[2] == "random"
    let threads = Int(arguments[3])!
    let weights = try WeightsFile(path: path)
    let source = try testDecomposition(weights.sourceSize, random: random, seed: 3, world: world)
    let destination = try testDecomposition(weights.destinationSize, random: random, seed: 4, world: world)
    let mapper = try Mapper(weights: weights, communicator: world, source: source, destination: destination,
                            threads: ThreadTeam(count: threads), chunkSize: chunk)
    var x = FieldBundle(fields: ["a", "b", "c"], pointCount: source.localSize)
    var w = [Double](repeating: 0, count: source.localSize)
    for p in 0 ..< source.localSize {
        let g = Double(source.globalIndex(ofLocal: p))
        x[field: 0, point: p] = 1
        x[field: 1, point: p] = (g * 0.001).squareRoot()
        x[field: 2, point: p] = 1 / (1 + g)
        w[p] = g.truncatingRemainder(dividingBy: 7) / 7
    }
    var y = FieldBundle(fields: x.fieldNames, pointCount: destination.localSize)
    try mapper.map(x, into: &y)
    var yw = FieldBundle(fields: x.fieldNames, pointCount: destination.localSize)
    let norm = try mapper.map(x, weightedBy: w, into: &yw)
    // Selected fields into chosen fields of a wider bundle: non-consecutive fields (through a
    // weighted copy), consecutive ones (formed as the rows read them where no rank needs a
    // halo) and an unweighted map into a field range. Each must have the bits of the whole-bundle
    // maps above, on this rank.
    var wide = FieldBundle(fields: ["p", "q", "r", "s", "t"], pointCount: destination.localSize, initialValue: -1)
    try mapper.map([2, 0], of: x, weightedBy: w, into: &wide, fields: [4, 1])
    try mapper.map([1, 2], of: x, weightedBy: w, into: &wide, fields: [0, 2])
    try mapper.map(x.subset(["a"]), into: &wide, fromField: 3)
    for p in 0 ..< destination.localSize {
        let expected = [yw[field: 1, point: p], yw[field: 0, point: p], yw[field: 2, point: p], y[field: 0, point: p], yw[field: 2, point: p]]
        checks.expect((0 ..< 5).allSatisfy { wide[field: $0, point: p].bitPattern == expected[$0].bitPattern },
                      "selected fields mapped into a wider bundle at point \(p)")
    }
    // Values computed on each entry from the source point and the destination point (as the
    // exchange grid's fluxes are): the entries' weighted mean of field b alone is S·b / S·1, bit
    // for bit; the second value also depends on the destination's global index.
    var entries = FieldBundle(fields: ["mean b", "c by destination"], pointCount: destination.localSize)
    let rowWeights = try mapper.mapEntries(of: x, into: &entries, fields: [0, 1], emptyValue: -1) { source, j, values in
        values[0] = source[1]
        values[1] = source[2] * Double(1 + destination.globalIndex(ofLocal: j) % 5)
    }
    for p in 0 ..< destination.localSize {
        let expected = y[field: 0, point: p] == 0 ? -1 : y[field: 1, point: p] / y[field: 0, point: p]
        checks.expect(entries[field: 0, point: p].bitPattern == expected.bitPattern && rowWeights[p].bitPattern == y[field: 0, point: p].bitPattern,
                      "the entries' mean of b at point \(p) is S·b / S·1")
    }
    // Gather (global index, values) to rank 0 and order by global index.
    var mine = [Double]()
    for p in 0 ..< destination.localSize {
        mine.append(Double(destination.globalIndex(ofLocal: p)))
        for f in 0 ..< 3 { mine.append(y[field: f, point: p]) }
        for f in 0 ..< 3 { mine.append(yw[field: f, point: p]) }
        mine.append(norm[p])
        mine.append(entries[field: 1, point: p])
    }
    if let all = try world.gatherv(mine, root: 0) {
        var rows = [(Int, ArraySlice<Double>)]()
        for list in all {
            for i in stride(from: 0, to: list.count, by: 9) { rows.append((Int(list[i]), list[i + 1 ..< i + 9])) }
        }
        rows.sort { $0.0 < $1.0 }
        checks.expect(rows.map(\.0) == Array(0 ..< weights.destinationSize), "every destination point computed once")
        print("CHECKSUM \(String(checksum(rows.flatMap { Array($0.1) }), radix: 16))")
    }
}
