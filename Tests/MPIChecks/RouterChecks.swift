import Coupling
import MPI

/// A value no two points or fields share, so a misplaced value is caught.
private func value(_ global: Int, _ field: Int) -> Double { Double(global) * 8 + Double(field) + 0.5 }

private func bundle(_ d: Decomposition, fields: Int) -> FieldBundle {
    var b = FieldBundle(fields: (0 ..< fields).map { "f\($0)" }, pointCount: d.localSize)
    for p in 0 ..< d.localSize {
        for f in 0 ..< fields { b[field: f, point: p] = value(d.globalIndex(ofLocal: p), f) }
    }
    return b
}

/// Routers between random decompositions of one grid, on all ranks: values arrive at the
/// right points, a round trip gives the values back, and exactly the points that change
/// rank are sent (arguments: grid size, seed).
func checkRouter(_ world: Communicator, _ arguments: [String], _ checks: Checks) throws {
    let globalSize = arguments.first.flatMap(Int.init) ?? 1000
    var rng = SeededGenerator(seed: arguments.dropFirst().first.flatMap(UInt64.init) ?? 1)
    let size = world.size, rank = world.rank
    // Every rank draws the same owners (test-only global arrays).
    let sourceOwner = (0 ..< globalSize).map { _ in Int.random(in: 0 ..< size, using: &rng) }
    let destinationOwner = (0 ..< globalSize).map { _ in Int.random(in: 0 ..< size, using: &rng) }
    let source = try Decomposition(globalSize: globalSize, indices: (0 ..< globalSize).filter { sourceOwner[$0] == rank })
    let destination = try Decomposition(globalSize: globalSize, indices: (0 ..< globalSize).filter { destinationOwner[$0] == rank })
    let fields = 3
    let forward = try Router(communicator: world, globalSize: globalSize, source: source, destination: destination)
    var moved = FieldBundle(fields: (0 ..< fields).map { "f\($0)" }, pointCount: destination.localSize)
    try forward.move(from: bundle(source, fields: fields), into: &moved)
    checks.expect(moved == bundle(destination, fields: fields), "values after a move between random decompositions")

    // Scaled on the way (sent and copied locally): the bits of a scaled copy moved.
    let factor = (0 ..< source.localSize).map { 1 / (1.5 + Double(source.globalIndex(ofLocal: $0) % 7)) }
    var scaledCopy = bundle(source, fields: fields)
    for p in 0 ..< source.localSize { for f in [0, 2] { scaledCopy[field: f, point: p] *= factor[p] } }
    var expected = FieldBundle(fields: moved.fieldNames, pointCount: destination.localSize)
    try forward.move(from: scaledCopy, into: &expected)
    var scaled = FieldBundle(fields: moved.fieldNames, pointCount: destination.localSize)
    try forward.move(from: bundle(source, fields: fields), into: &scaled, scaling: PointScaling(fields: [0, 2], factor: factor))
    checks.expect(scaled.storage.map(\.bitPattern) == expected.storage.map(\.bitPattern) && (destination.localSize == 0 || scaled != moved),
                  "values scaled on the way equal a scaled copy moved")

    let stats = forward.statistics
    let expectedReceived = (0 ..< globalSize).filter { destinationOwner[$0] == rank && sourceOwner[$0] != rank }.count
    let expectedSent = (0 ..< globalSize).filter { sourceOwner[$0] == rank && destinationOwner[$0] != rank }.count
    let expectedLocal = (0 ..< globalSize).filter { sourceOwner[$0] == rank && destinationOwner[$0] == rank }.count
    checks.expect(stats.pointsReceived == expectedReceived, "received \(stats.pointsReceived) points, expected \(expectedReceived)")
    checks.expect(stats.pointsSent == expectedSent, "sent \(stats.pointsSent) points, expected \(expectedSent)")
    checks.expect(stats.pointsCopiedLocally == expectedLocal, "copied \(stats.pointsCopiedLocally) points locally, expected \(expectedLocal)")
    let peers = Set((0 ..< globalSize).filter { sourceOwner[$0] == rank && destinationOwner[$0] != rank }.map { destinationOwner[$0] })
    checks.expect(stats.messagesSent == peers.count, "sent \(stats.messagesSent) messages to \(peers.count) peers")

    let back = try Router(communicator: world, globalSize: globalSize, source: destination, destination: source)
    var returned = FieldBundle(fields: moved.fieldNames, pointCount: source.localSize)
    try back.move(from: moved, into: &returned)
    checks.expect(returned == bundle(source, fields: fields), "values after a round trip")

    // A halo: each rank wants a random subset, several ranks may want the same point.
    let wanted = (0 ..< globalSize).filter { _ in Int.random(in: 0 ..< 4, using: &rng) == 0 }
    let mine = wanted.filter { ($0 + rank) % 3 != 0 }
    let halo = try Decomposition(globalSize: globalSize, indices: mine)
    let gather = try Router(communicator: world, globalSize: globalSize, source: source, destination: halo)
    var haloValues = FieldBundle(fields: moved.fieldNames, pointCount: halo.localSize)
    try gather.move(from: bundle(source, fields: fields), into: &haloValues)
    checks.expect(haloValues == bundle(halo, fields: fields), "halo values")
}

/// A router between disjoint processor sets through a joined communicator: the first half of
/// the ranks holds a grid, the second half receives it, and the rest of the job (when there
/// are more than 2 ranks, the last rank stays out) never calls the router.
func checkDisjointRouter(_ world: Communicator, _ arguments: [String], _ checks: Checks) throws {
    guard world.size >= 2 else {
        checks.expect(true, "")
        return
    }
    let globalSize = 777, fields = 2
    let participants = world.size >= 3 ? world.size - 1 : world.size
    let senders = participants / 2
    guard world.rank < participants else { return }  // stays out entirely
    let joined = try world.subcommunicator(ranges: [RankRange(first: 0, last: participants - 1)], tag: 31)
    let isSender = joined.rank < senders
    let source = isSender ? Decomposition.block(globalSize: globalSize, parts: senders, part: joined.rank) : nil
    let receivers = participants - senders
    let destination = isSender ? nil : Decomposition.block(globalSize: globalSize, parts: receivers, part: joined.rank - senders)
    let router = try Router(communicator: joined, globalSize: globalSize, source: source, destination: destination)
    let empty = FieldBundle(fields: ["f0", "f1"], pointCount: 0)
    var received = destination.map { FieldBundle(fields: ["f0", "f1"], pointCount: $0.localSize) } ?? empty
    try router.move(from: source.map { bundle($0, fields: fields) } ?? empty, into: &received)
    if let destination {
        checks.expect(received == bundle(destination, fields: fields), "values on the receiving set")
        checks.expect(router.statistics.pointsReceived == destination.localSize, "every point crossed between the sets")
    } else {
        checks.expect(router.statistics.pointsSent == source!.localSize && router.statistics.pointsCopiedLocally == 0,
                      "a sender sends all its points and keeps none")
    }
    let back = try Router(communicator: joined, globalSize: globalSize, source: destination, destination: source)
    var returned = source.map { FieldBundle(fields: ["f0", "f1"], pointCount: $0.localSize) } ?? empty
    try back.move(from: received, into: &returned)
    if let source { checks.expect(returned == bundle(source, fields: fields), "values after the round trip") }
}
