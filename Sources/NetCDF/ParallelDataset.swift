import CPnetCDF
import CMPI
import CMPIShims
import FaultInjection
import MPI

/// A netCDF file (CDF-2 or CDF-5) opened collectively by every rank of a communicator
/// through PnetCDF — or, on a single-process communicator (no MPI), through netCDF-C, with the
/// same bytes (see `Library`).
///
/// Definitions are collective and must be identical on every rank. Writes and reads
/// of hyperslabs are collective (`_all` variants): every rank calls them, each with its
/// own part (possibly empty). `enqueueWrite` queues nonblocking writes that
/// `flushWrites()` completes together, which lets PnetCDF aggregate many variables.
///
/// Every collective call ends alike on every rank: the ranks first meet (interruptibly, so a
/// rank that failed before the call, and announced it, frees the others instead of leaving them
/// inside PnetCDF), make the call, then agree on its outcome. When it failed on any rank, every
/// rank throws, naming the rank where it failed, and the file takes no further collective call.
/// A dataset dropped while open is abandoned, not closed: a rank unwinding from an error must
/// not enter a collective that the others may never join. There is no collective `sync`:
/// Open MPI 4.1's `MPI_File_sync` returns at once on a rank whose flush failed (a full disk) and
/// leaves the others in its internal barrier, out of reach of any agreement; flush a finished
/// file on one rank instead (as `RestartSet.publish` does).
public final class ParallelDataset: @unchecked Sendable {
    /// The path the file was opened or created with.
    public let path: String
    /// The ranks that opened the file.
    public let communicator: Communicator
    private let library: Library
    private let ncid: Int32
    private var isOpen = true
    /// Set when a collective call failed: the ranks no longer agree on the file's state.
    private var isBroken = false
    private var pendingRequests: [Int32] = []
    private var pendingBuffers: [UnsafeMutableRawBufferPointer] = []

    private init(path: String, communicator: Communicator, library: Library, ncid: Int32) {
        self.path = path
        self.communicator = communicator
        self.library = library
        self.ncid = ncid
    }

    /// The library that serves `communicator`.
    private static func library(for communicator: Communicator) -> Library {
        communicator.handle.map { .pnetcdf($0) } ?? .netCDF
    }

    /// Creates (replacing) a file collectively, in define mode. A path longer than
    /// `maximumPathLength` bytes is refused on every rank, before MPI-IO sees it.
    public static func create(at path: String, communicator: Communicator, format: NetCDFFormat = .cdf5) throws(NetCDFError) -> ParallelDataset {
        try checkPathLength(path, operation: "creating")
        var mode: Int32 = LibraryConstant.clobber
        switch format {
        case .classic: break
        case .offset64: mode |= LibraryConstant.offset64
        case .cdf5, .netCDF4: mode |= LibraryConstant.cdf5
        }
        var id: Int32 = -1
        let library = library(for: communicator)
        try collective(communicator, library: library, path: path, operation: "creating", site: "pnetcdf.create") {
            library.create(path, mode: mode, &id)
        }
        return ParallelDataset(path: path, communicator: communicator, library: library, ncid: id)
    }

    /// Opens an existing classic-format file collectively for reading. A path longer than
    /// `maximumPathLength` bytes is refused on every rank, before MPI-IO sees it.
    public static func open(at path: String, communicator: Communicator) throws(NetCDFError) -> ParallelDataset {
        try checkPathLength(path, operation: "opening")
        var id: Int32 = -1
        let library = library(for: communicator)
        try collective(communicator, library: library, path: path, operation: "opening", site: "pnetcdf.open") {
            library.open(path, &id)
        }
        return ParallelDataset(path: path, communicator: communicator, library: library, ncid: id)
    }

    deinit {
        for buffer in pendingBuffers { buffer.deallocate() }
    }

    /// Completes queued writes and closes the file (collective).
    public func close() throws(NetCDFError) {
        guard isOpen else { return }
        try flushWrites()
        isOpen = false
        try collective(operation: "closing", site: "pnetcdf.close") { library.close(ncid) }
    }

    // MARK: Defining

    /// Defines a dimension (`nil` length: unlimited).
    public func defineDimension(_ name: String, length: Int?) throws(NetCDFError) -> Dimension {
        var dimid: Int32 = -1
        try check(library.defineDimension(ncid, name, length ?? LibraryConstant.unlimited, &dimid), subject: name, operation: "defining dimension")
        return Dimension(id: dimid, name: name, length: length ?? 0, isUnlimited: length == nil)
    }

    /// Defines a variable over `dimensions` (slowest varying first).
    public func defineVariable(_ name: String, type: NetCDFType, dimensions: [Dimension]) throws(NetCDFError) -> Variable {
        var varid: Int32 = -1
        let dimids = dimensions.map(\.id)
        try check(library.defineVariable(ncid, name, type.rawValue, dimids, &varid), subject: name, operation: "defining variable")
        return Variable(id: varid, name: name, type: type, dimensions: dimensions)
    }

    /// Sets attribute `name` of `variable` (or of the file, with `nil`).
    public func setAttribute(_ name: String, _ value: AttributeValue, of variable: Variable? = nil, type: NetCDFType? = nil) throws(NetCDFError) {
        let status = library.putAttribute(ncid, variable?.id ?? globalAttributes, name, value, type: type)
        try check(status, subject: "\(variable?.name ?? "global attribute"):\(name)", operation: "writing attribute")
    }

    /// Leaves define mode (collective).
    public func endDefinitions() throws(NetCDFError) {
        try collective(operation: "ending definitions", site: "pnetcdf.enddef") { library.endDefinitions(ncid) }
    }

    // MARK: Inquiry

    /// The dimension called `name`, or `nil`.
    public func dimension(named name: String) throws(NetCDFError) -> Dimension? {
        var dimid: Int32 = -1
        let status = library.dimensionID(ncid, name, &dimid)
        if status == LibraryConstant.badDimension { return nil }
        try check(status, subject: name, operation: "looking up dimension")
        return try dimension(id: dimid)
    }

    private func dimension(id dimid: Int32) throws(NetCDFError) -> Dimension {
        var name = [CChar](repeating: 0, count: LibraryConstant.maximumNameLength + 1)
        var length = 0
        var unlimited: Int32 = -1
        try check(library.dimension(ncid, dimid, &name, &length, &unlimited), subject: "dimension \(dimid)", operation: "reading dimension")
        return Dimension(id: dimid, name: String(nulTerminated: name), length: length, isUnlimited: unlimited == dimid)
    }

    /// The byte offset just past the first record of `variables` (the whole of a fixed-size
    /// one): the least size the file has once their values are written. Valid after
    /// `endDefinitions()`, and only through PnetCDF (netCDF-C does not tell a variable's offset).
    public func endOfFirstRecord(of variables: [Variable]) throws(NetCDFError) -> Int {
        guard case .pnetcdf = library else {
            throw NetCDFError(code: -1, path: path, operation: "locating variables", message: "only PnetCDF tells where variables start")
        }
        var end = 0
        for variable in variables {
            var offset: MPI_Offset = 0
            try check(ncmpi_inq_varoffset(ncid, variable.id, &offset), subject: variable.name, operation: "locating variable")
            let values = variable.dimensions.filter { !$0.isUnlimited }.map(\.length).reduce(1, *)
            end = max(end, Int(offset) + values * variable.type.byteSize)
        }
        return end
    }

    /// The variable called `name`, or `nil`.
    public func variable(named name: String) throws(NetCDFError) -> Variable? {
        var varid: Int32 = -1
        let status = library.variableID(ncid, name, &varid)
        if status == LibraryConstant.noSuchVariable { return nil }
        try check(status, subject: name, operation: "looking up variable")
        var type: nc_type = 0
        var ndims: Int32 = 0
        var dimids = [Int32](repeating: 0, count: LibraryConstant.maximumVariableDimensions)
        try check(library.variable(ncid, varid, &type, &ndims, &dimids), subject: name, operation: "reading variable")
        var dims = [Dimension]()
        for d in dimids.prefix(Int(ndims)) { dims.append(try dimension(id: d)) }
        guard let kind = NetCDFType(rawValue: type) else {
            throw NetCDFError(code: -1, path: path, subject: name, operation: "reading variable", message: "unsupported netCDF type \(type)")
        }
        return Variable(id: varid, name: name, type: kind, dimensions: dims)
    }

    /// The variable called `name`; an error naming the file and the variable if it is missing.
    public func requireVariable(_ name: String) throws(NetCDFError) -> Variable {
        guard let variable = try variable(named: name) else {
            throw NetCDFError(code: -1, path: path, subject: name, operation: "looking up variable",
                              message: "the file has no variable '\(name)'")
        }
        return variable
    }

    /// The attribute `name` of `variable` (or of the file) as text or numbers, or `nil`.
    public func attribute(_ name: String, of variable: Variable? = nil) throws(NetCDFError) -> AttributeValue? {
        let varid = variable?.id ?? globalAttributes
        var type: nc_type = 0
        var length = 0
        let status = library.attribute(ncid, varid, name, &type, &length)
        if status == LibraryConstant.noSuchAttribute { return nil }
        let subject = "\(variable?.name ?? "global attribute"):\(name)"
        try check(status, subject: subject, operation: "reading attribute")
        if NetCDFType(rawValue: type) == .char {
            var bytes = [CChar](repeating: 0, count: length + 1)
            try check(library.attributeText(ncid, varid, name, &bytes), subject: subject, operation: "reading attribute")
            return .text(String(nulTerminated: bytes))
        }
        var values = [Double](repeating: 0, count: length)
        try check(library.attributeDoubles(ncid, varid, name, &values), subject: subject, operation: "reading attribute")
        return .doubles(values)
    }

    // MARK: Collective reads and writes

    /// Writes this rank's hyperslab (collective: every rank calls, with its own part, possibly empty).
    public func writeAll<T: NetCDFScalar>(_ values: UnsafeBufferPointer<T>, to variable: Variable, start: [Int], count: [Int]) throws(NetCDFError) {
        precondition(values.count == count.reduce(1, *), "value count does not match the hyperslab")
        // A rank with nothing to write still takes part; PnetCDF wants a valid pointer.
        let placeholder = UnsafeMutablePointer<T>.allocate(capacity: 1)
        defer { placeholder.deallocate() }
        try collective(subject: variable.name, operation: "writing \(start)+\(count)", site: "pnetcdf.write") {
            library.put(ncid, variable.id, start: start, count: count, values.baseAddress ?? UnsafePointer(placeholder))
        }
    }

    /// Writes this rank's hyperslab from an array (collective).
    public func writeAll<T: NetCDFScalar>(_ values: [T], to variable: Variable, start: [Int], count: [Int]) throws(NetCDFError) {
        try values.withUnsafeBufferPointer { (buffer) throws(NetCDFError) in
            try writeAll(buffer, to: variable, start: start, count: count)
        }
    }

    /// Queues a nonblocking write of this rank's hyperslab; the values are copied, so the caller
    /// may reuse its buffer. `flushWrites()` (or `close()`) completes every queued write.
    /// Through netCDF-C (one process) the values are written at once.
    public func enqueueWrite<T: NetCDFScalar>(_ values: UnsafeBufferPointer<T>, to variable: Variable, start: [Int], count: [Int]) throws(NetCDFError) {
        precondition(values.count == count.reduce(1, *), "value count does not match the hyperslab")
        guard case .pnetcdf = library else { return try writeAll(values, to: variable, start: start, count: count) }
        let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, values.count * MemoryLayout<T>.stride),
                                                          alignment: MemoryLayout<T>.alignment)
        if let base = values.baseAddress { copy.baseAddress!.copyMemory(from: base, byteCount: values.count * MemoryLayout<T>.stride) }
        pendingBuffers.append(copy)
        var request: Int32 = 0
        let s = start.map { MPI_Offset($0) }, c = count.map { MPI_Offset($0) }
        let status = T.startPutParallel(ncid, variable.id, s, c, copy.baseAddress!.assumingMemoryBound(to: T.self), &request)
        try check(status, subject: variable.name, operation: "queueing write \(start)+\(count)")
        pendingRequests.append(request)
    }

    /// Completes every queued write (collective).
    public func flushWrites() throws(NetCDFError) {
        guard case .pnetcdf = library else { return }
        var statuses = [Int32](repeating: 0, count: pendingRequests.count)
        defer {
            for buffer in pendingBuffers { buffer.deallocate() }
            pendingBuffers.removeAll()
            pendingRequests.removeAll()
        }
        try collective(operation: "completing queued writes", site: "pnetcdf.write") {
            let status = ncmpi_wait_all(ncid, Int32(pendingRequests.count), &pendingRequests, &statuses)
            return status != LibraryConstant.noError ? status : statuses.first { $0 != LibraryConstant.noError } ?? status
        }
    }

    /// Writes characters to this rank's hyperslab of a char variable (collective).
    public func writeAllCharacters(_ bytes: [UInt8], to variable: Variable, start: [Int], count: [Int]) throws(NetCDFError) {
        precondition(bytes.count == count.reduce(1, *), "character count does not match the hyperslab")
        let chars = bytes.map { CChar(bitPattern: $0) } + [0]
        try collective(subject: variable.name, operation: "writing text", site: "pnetcdf.write") {
            library.putText(ncid, variable.id, start: start, count: count, chars)
        }
    }

    /// Reads this rank's hyperslab (collective).
    public func readAll<T: NetCDFScalar>(_ variable: Variable, start: [Int], count: [Int], as type: T.Type = T.self) throws(NetCDFError) -> [T] {
        let total = count.reduce(1, *)
        var values = [T]()
        try collective(subject: variable.name, operation: "reading \(start)+\(count)", site: "pnetcdf.read") {
            var status: Int32 = LibraryConstant.noError
            values = [T](unsafeUninitializedCapacity: max(total, 1)) { buffer, n in
                status = library.get(ncid, variable.id, start: start, count: count, buffer.baseAddress!)
                n = status == LibraryConstant.noError ? total : 0
            }
            return status
        }
        return values
    }

    // MARK: Errors

    /// Makes collective call `call` on this file so that it ends alike on every rank (see the type's doc).
    private func collective(subject: String? = nil, operation: String, site: String, _ call: () -> Int32) throws(NetCDFError) {
        guard !isBroken else {
            throw NetCDFError(code: -1, path: path, subject: subject, operation: operation, message: "an earlier collective call on this file failed")
        }
        do {
            try Self.collective(communicator, library: library, path: path, subject: subject, operation: operation, site: site, call)
        } catch {
            isBroken = true
            throw error
        }
    }

    /// Meets the other ranks of `communicator`, makes `call`, and agrees on its outcome: throws on
    /// every rank when it failed on any (the message is that of the lowest failing rank).
    private static func collective(_ communicator: Communicator, library: Library, path: String, subject: String? = nil, operation: String, site: String,
                                   _ call: () -> Int32) throws(NetCDFError) {
        func failure(_ message: String) -> NetCDFError {
            NetCDFError(code: -1, path: path, subject: subject, operation: operation, message: message)
        }
        do {
            try communicator.barrier()
            var status = call()
            var message = status == LibraryConstant.noError ? "" : library.message(status)
            if let injected = FaultInjection.failure(at: site) { (status, message) = (-1, injected) }
            let failing = try communicator.allReduce(status == LibraryConstant.noError ? Int.max : communicator.rank, .minimum)
            guard failing == Int.max else {
                let reason = try communicator.broadcast(message, root: failing)
                if failing == communicator.rank { throw failure(reason) }
                throw failure("failed on rank \(failing) of the file's \(communicator.size) ranks: \(reason)")
            }
        } catch let error as NetCDFError {
            throw error
        } catch {
            throw failure("\(error)")
        }
    }

    /// Throws unless `status` is success (for calls that are not collective).
    private func check(_ status: Int32, subject: String? = nil, operation: String) throws(NetCDFError) {
        guard status != LibraryConstant.noError else { return }
        throw NetCDFError(code: status, path: path, subject: subject, operation: operation,
                          message: library.message(status))
    }
}
