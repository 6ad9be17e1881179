import MPI
import NetCDF

/// PnetCDF: every rank writes its block of a variable (collectively and with queued writes),
/// reads it back collectively, and rank 0 checks the whole file with serial netCDF-C.
func checkParallelNetCDF(_ world: Communicator, _ arguments: [String], _ checks: Checks) throws {
    let path = arguments[0]
    let n = 1000, size = world.size, rank = world.rank
    let range = (0 ..< size).map { p in (n * p / size) ..< (n * (p + 1) / size) }[rank]
    let file = try ParallelDataset.create(at: path, communicator: world, format: .cdf5)
    let time = try file.defineDimension("time", length: nil)
    let x = try file.defineDimension("x", length: n)
    let a = try file.defineVariable("a", type: .double, dimensions: [x])
    let b = try file.defineVariable("b", type: .float, dimensions: [time, x])
    try file.setAttribute("units", .text("K"), of: a)
    try file.setAttribute("_FillValue", .floats([-1]), of: b)
    try file.setAttribute("title", .text("mpi-checks"))
    try file.endDefinitions()
    let values = range.map { Double($0) * 1.5 }
    try file.writeAll(values, to: a, start: [range.lowerBound], count: [range.count])
    for record in 0 ..< 2 {
        let floats = range.map { Float($0 + record) }
        try floats.withUnsafeBufferPointer { try file.enqueueWrite($0, to: b, start: [record, range.lowerBound], count: [1, range.count]) }
    }
    try file.flushWrites()
    let back: [Double] = try file.readAll(a, start: [range.lowerBound], count: [range.count])
    checks.expect(back == values, "collective read returns what was written")
    try file.close()
    try world.barrier()
    if rank == 0 {
        let serial = try Dataset(openingAt: path)
        let all: [Double] = try serial.read(try serial.requireVariable("a"))
        checks.expect(all == (0 ..< n).map { Double($0) * 1.5 }, "the whole variable in global order")
        let records: [Float] = try serial.read(try serial.requireVariable("b"))
        checks.expect(records.count == 2 * n && records[n + 5] == 6, "two records of b")
        checks.expect(try serial.attribute("units", of: serial.requireVariable("a"))?.text == "K", "attribute")
        checks.expect(try serial.dimension(named: "time")?.isUnlimited == true, "unlimited dimension")
    }
}

/// PnetCDF paths and MPI-IO's limit: a path of exactly `ParallelDataset.maximumPathLength` bytes
/// (in the folder `arguments[0]`) is created and opened; one of 245 bytes — on which Open MPI
/// 4.1 aborts every rank inside `MPI_File_open` — is refused by `create` and `open` on every rank
/// with an error naming the path and the limit.
func checkParallelNetCDFPathLimit(_ world: Communicator, _ arguments: [String], _ checks: Checks) throws {
    let folder = arguments[0], limit = ParallelDataset.maximumPathLength
    func path(bytes: Int) -> String {
        folder + "/" + String(repeating: "p", count: bytes - folder.utf8.count - 1 - 3) + ".nc"
    }
    let longest = path(bytes: limit)
    let file = try ParallelDataset.create(at: longest, communicator: world, format: .offset64)
    let x = try file.defineDimension("x", length: world.size)
    let v = try file.defineVariable("v", type: .double, dimensions: [x])
    try file.endDefinitions()
    try file.writeAll([Double(world.rank)], to: v, start: [world.rank], count: [1])
    try file.close()
    let reopened = try ParallelDataset.open(at: longest, communicator: world)
    try reopened.close()
    checks.expect(longest.utf8.count == limit, "a path of exactly \(limit) bytes was created and opened")

    let tooLong = path(bytes: 245)
    for operation in ["creating", "opening"] {
        do {
            _ = operation == "creating" ? try ParallelDataset.create(at: tooLong, communicator: world)
                                        : try ParallelDataset.open(at: tooLong, communicator: world)
            checks.expect(false, "\(operation) a path of 245 bytes was not refused")
        } catch {
            checks.expect(error.description.hasPrefix("\(tooLong): \(operation): the path is 245 bytes long, more than the \(limit) bytes"),
                          "\(operation) a path of 245 bytes: \(error)")
        }
    }
    try world.barrier()
}
