import MPI

/// The Swift MPI layer: collectives, point-to-point, nonblocking requests, new communicators.
func checkCollectives(_ world: Communicator, _ arguments: [String], _ checks: Checks) throws {
    let rank = world.rank, size = world.size
    checks.expect(try world.broadcast("hello from 0", root: 0) == "hello from 0", "broadcast string")
    let fromLast: [Double] = try world.broadcast(rank == size - 1 ? [1.5, 2.5, Double(size)] : [], root: size - 1)
    checks.expect(fromLast == [1.5, 2.5, Double(size)], "broadcast of unknown length")
    checks.expect(try world.allReduce(rank + 1, .sum) == size * (size + 1) / 2, "allReduce sum")
    checks.expect(try world.allReduce([Double(rank), -Double(rank)], .maximum) == [Double(size - 1), 0], "allReduce max")
    checks.expect(try world.allGather(Int32(rank * 2)) == (0 ..< size).map { Int32($0 * 2) }, "allGather")
    let gathered = try world.gatherv([Int](repeating: rank, count: rank), root: 0)
    if rank == 0 { checks.expect(gathered == (0 ..< size).map { [Int](repeating: $0, count: $0) }, "gatherv") }
    else { checks.expect(gathered == nil, "gatherv off root") }
    checks.expect(try world.allGatherv([UInt8](repeating: UInt8(rank), count: size - rank)) == (0 ..< size).map { [UInt8](repeating: UInt8($0), count: size - $0) },
                  "allGatherv")
    // Rank r sends r+1 copies of 100r+d to each rank d.
    var outgoing = [Int](), counts = [Int]()
    for d in 0 ..< size { outgoing += [Int](repeating: 100 * rank + d, count: rank + 1); counts.append(rank + 1) }
    let (received, receivedCounts) = try world.allToAllv(outgoing, sendCounts: counts)
    checks.expect(receivedCounts == (0 ..< size).map { $0 + 1 }, "allToAllv counts")
    checks.expect(received == (0 ..< size).flatMap { s in [Int](repeating: 100 * s + rank, count: s + 1) }, "allToAllv values")
    // A ring of blocking and nonblocking messages.
    let next = (rank + 1) % size, previous = (rank + size - 1) % size
    let sendValues = [Double](repeating: Double(rank), count: 1000)
    let receiveBuffer = UnsafeMutableBufferPointer<Double>.allocate(capacity: 1000)
    defer { receiveBuffer.deallocate() }
    try sendValues.withUnsafeBufferPointer { send in
        var requests = [try world.startReceive(into: receiveBuffer, from: previous, tag: 5), try world.startSend(send, to: next, tag: 5)]
        try Request.waitAll(&requests)
    }
    checks.expect(receiveBuffer.allSatisfy { $0 == Double(previous) }, "nonblocking ring")
    if size > 1 {
        if rank == 0 { try world.send([Int32(7), 8, 9], to: 1, tag: 3) }
        if rank == 1 { checks.expect(try world.receive(from: 0, tag: 3, as: Int32.self) == [7, 8, 9], "probe + receive") }
    }
    // Communicators: the even ranks by group range, a split by parity.
    if rank % 2 == 0 {
        let evens = try world.subcommunicator(ranges: [RankRange(first: 0, last: (size - 1) / 2 * 2, stride: 2)], tag: 11)
        checks.expect(evens.size == (size + 1) / 2 && evens.rank == rank / 2, "range communicator")
        checks.expect(try evens.allReduce(1, .sum) == evens.size, "collective on a range communicator")
        evens.free()
    }
    let parity = try world.split(color: rank % 2, key: -rank)!
    checks.expect(parity.size == (rank % 2 == 0 ? (size + 1) / 2 : size / 2), "split size")
    checks.expect(try parity.translate(ranks: [0], to: world)[0] != nil, "translate ranks")
    checks.expect(try world.split(color: nil, key: 0) == nil, "undefined colour gives no communicator")
    if world.handle == nil { try checkSelfMessages(world, checks) }
    try world.barrier()
}

/// A single-process communicator's messages to itself: buffered in order per tag, a receive that
/// no send will ever complete and a message too long for its buffer are errors, not hangs.
private func checkSelfMessages(_ world: Communicator, _ checks: Checks) throws {
    try world.send([Int32(1), 2], to: 0, tag: 8)
    try world.send([Int32(3)], to: 0, tag: 9)
    try world.send([Int32(4), 5, 6], to: 0, tag: 8)
    checks.expect(try world.receive(from: 0, tag: 9, as: Int32.self) == [3], "the message of its tag, not the oldest")
    checks.expect(try world.receive(from: 0, tag: 8, as: Int32.self) == [1, 2], "messages of a tag in the order sent")
    checks.expect(try world.receive(from: 0, tag: 8, as: Int32.self) == [4, 5, 6], "the second message of the tag")
    let buffer = UnsafeMutableBufferPointer<Double>.allocate(capacity: 2)
    defer { buffer.deallocate() }
    do {
        try world.receive(into: buffer, from: 0, tag: 10)
        checks.expect(false, "a receive with no message sent returned")
    } catch {
        checks.expect(error.description.contains("never will"), "a receive with no message: \(error)")
    }
    try world.send([1.0, 2.0, 3.0], to: 0, tag: 11)
    do {
        try world.receive(into: buffer, from: 0, tag: 11)
        checks.expect(false, "a message longer than its buffer was received")
    } catch {
        checks.expect(error.description.contains("does not fit"), "a message longer than its buffer: \(error)")
    }
    do {
        try world.send([1.0], to: 1, tag: 12)
        checks.expect(false, "a send to rank 1 of a one-rank communicator returned")
    } catch {
        checks.expect(error.description.contains("rank 1 is not in a communicator of 1 rank"), "a send to a rank outside: \(error)")
    }
}
