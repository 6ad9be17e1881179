import FaultInjection
import CNetCDF
import Synchronization

/// netCDF-C is not thread-safe: every call into it holds this lock.
let netCDFLock = Mutex(())

/// A netCDF file opened with netCDF-C, on one rank (any format: classic, CDF-2, CDF-5, netCDF-4).
///
/// Reading is by hyperslab (`start`, `count`); writing needs `create`, definitions,
/// `endDefinitions()`, then hyperslab writes. The file is closed by `close()` or when
/// the value is released.
public final class Dataset: @unchecked Sendable {
    /// The path the file was opened or created with.
    public let path: String
    private var ncid: Int32
    private var isOpen = true

    private init(path: String, ncid: Int32) {
        self.path = path
        self.ncid = ncid
    }

    /// Opens an existing file for reading (or writing, with `writable`).
    public convenience init(openingAt path: String, writable: Bool = false) throws(NetCDFError) {
        var id: Int32 = -1
        let status = netCDFLock.withLock { _ in nc_open(path, writable ? LibraryConstant.writable : LibraryConstant.readOnly, &id) }
        try Dataset.check(status, path: path, operation: "opening", site: "netcdf.open")
        self.init(path: path, ncid: id)
    }

    /// Creates a new file (replacing an existing one unless `replacing` is false), in define mode.
    public static func create(at path: String, format: NetCDFFormat = .offset64, replacing: Bool = true) throws(NetCDFError) -> Dataset {
        var mode: Int32 = replacing ? LibraryConstant.clobber : LibraryConstant.noClobber
        switch format {
        case .classic: break
        case .offset64: mode |= LibraryConstant.offset64
        case .cdf5: mode |= LibraryConstant.cdf5
        case .netCDF4: mode |= LibraryConstant.netCDF4
        }
        var id: Int32 = -1
        let status = netCDFLock.withLock { _ in nc_create(path, mode, &id) }
        try check(status, path: path, operation: "creating", site: "netcdf.create")
        return Dataset(path: path, ncid: id)
    }

    deinit {
        if isOpen { _ = netCDFLock.withLock { _ in nc_close(ncid) } }
    }

    /// Closes the file, flushing what was written.
    public func close() throws(NetCDFError) {
        guard isOpen else { return }
        isOpen = false
        let id = ncid
        try check(netCDFLock.withLock { _ in nc_close(id) }, operation: "closing", site: "netcdf.close")
    }

    // MARK: Inquiry

    /// Every dimension of the file, in id order.
    public func dimensions() throws(NetCDFError) -> [Dimension] {
        let id = ncid
        var count: Int32 = 0
        try check(netCDFLock.withLock { _ in nc_inq_ndims(id, &count) }, operation: "listing dimensions")
        var result = [Dimension]()
        for dimid in 0 ..< count { result.append(try dimension(id: dimid)) }
        return result
    }

    /// The dimension called `name`, or `nil`.
    public func dimension(named name: String) throws(NetCDFError) -> Dimension? {
        let id = ncid
        var dimid: Int32 = -1
        let status = netCDFLock.withLock { _ in nc_inq_dimid(id, name, &dimid) }
        if status == LibraryConstant.badDimension { return nil }
        try check(status, subject: name, operation: "looking up dimension")
        return try dimension(id: dimid)
    }

    private func dimension(id dimid: Int32) throws(NetCDFError) -> Dimension {
        let id = ncid
        var name = [CChar](repeating: 0, count: LibraryConstant.maximumNameLength + 1)
        var length = 0
        var unlimited = [Int32](repeating: -1, count: LibraryConstant.maximumDimensions)
        var unlimitedCount: Int32 = 0
        let status = netCDFLock.withLock { _ in
            let s = nc_inq_dim(id, dimid, &name, &length)
            return s != LibraryConstant.noError ? s : nc_inq_unlimdims(id, &unlimitedCount, &unlimited)
        }
        try check(status, subject: "dimension \(dimid)", operation: "reading dimension")
        return Dimension(id: dimid, name: String(nulTerminated: name), length: length,
                         isUnlimited: unlimited.prefix(Int(unlimitedCount)).contains(dimid))
    }

    /// Every variable of the file, in id order.
    public func variables() throws(NetCDFError) -> [Variable] {
        let id = ncid
        var count: Int32 = 0
        try check(netCDFLock.withLock { _ in nc_inq_nvars(id, &count) }, operation: "listing variables")
        var result = [Variable]()
        for varid in 0 ..< count { result.append(try variable(id: varid)) }
        return result
    }

    /// The variable called `name`, or `nil`.
    public func variable(named name: String) throws(NetCDFError) -> Variable? {
        let id = ncid
        var varid: Int32 = -1
        let status = netCDFLock.withLock { _ in nc_inq_varid(id, name, &varid) }
        if status == LibraryConstant.noSuchVariable { return nil }
        try check(status, subject: name, operation: "looking up variable")
        return try variable(id: varid)
    }

    /// The variable called `name`; an error naming the file and the variable if it is missing.
    public func requireVariable(_ name: String) throws(NetCDFError) -> Variable {
        guard let variable = try variable(named: name) else {
            throw NetCDFError(code: -1, path: path, subject: name, operation: "looking up variable",
                              message: "the file has no variable '\(name)'")
        }
        return variable
    }

    private func variable(id varid: Int32) throws(NetCDFError) -> Variable {
        let id = ncid
        var name = [CChar](repeating: 0, count: LibraryConstant.maximumNameLength + 1)
        var type: nc_type = 0
        var ndims: Int32 = 0
        var dimids = [Int32](repeating: 0, count: LibraryConstant.maximumVariableDimensions)
        var natts: Int32 = 0
        let status = netCDFLock.withLock { _ in nc_inq_var(id, varid, &name, &type, &ndims, &dimids, &natts) }
        try check(status, subject: "variable \(varid)", operation: "reading variable")
        var dims = [Dimension]()
        for d in dimids.prefix(Int(ndims)) { dims.append(try dimension(id: d)) }
        guard let kind = NetCDFType(rawValue: type) else {
            throw NetCDFError(code: -1, path: path, subject: String(nulTerminated: name), operation: "reading variable",
                              message: "unsupported netCDF type \(type)")
        }
        return Variable(id: varid, name: String(nulTerminated: name), type: kind, dimensions: dims)
    }

    /// The names of the attributes of `variable` (or of the file, with `nil`).
    public func attributeNames(of variable: Variable?) throws(NetCDFError) -> [String] {
        let id = ncid
        let varid = variable?.id ?? globalAttributes
        var count: Int32 = 0
        let status = netCDFLock.withLock { _ in
            varid == globalAttributes ? nc_inq_natts(id, &count) : nc_inq_varnatts(id, varid, &count)
        }
        try check(status, subject: variable?.name, operation: "listing attributes")
        var names = [String]()
        for number in 0 ..< count {
            var name = [CChar](repeating: 0, count: LibraryConstant.maximumNameLength + 1)
            try check(netCDFLock.withLock { _ in nc_inq_attname(id, varid, number, &name) }, subject: variable?.name,
                      operation: "reading attribute name")
            names.append(String(nulTerminated: name))
        }
        return names
    }

    /// The attribute `name` of `variable` (or of the file, with `nil`), or `nil` if absent.
    public func attribute(_ name: String, of variable: Variable? = nil) throws(NetCDFError) -> AttributeValue? {
        try typedAttribute(name, of: variable)?.value
    }

    /// The attribute `name` with its type in the file, or `nil` if absent (or of a type this
    /// module does not read, such as netCDF-4 strings).
    public func typedAttribute(_ name: String, of variable: Variable? = nil) throws(NetCDFError) -> (value: AttributeValue, type: NetCDFType)? {
        let id = ncid
        let varid = variable?.id ?? globalAttributes
        var type: nc_type = 0
        var length = 0
        let status = netCDFLock.withLock { _ in nc_inq_att(id, varid, name, &type, &length) }
        if status == LibraryConstant.noSuchAttribute { return nil }
        let subject = "\(variable?.name ?? "global attribute"):\(name)"
        try check(status, subject: subject, operation: "reading attribute")
        switch NetCDFType(rawValue: type) {
        case .char:
            var bytes = [CChar](repeating: 0, count: length + 1)
            try check(netCDFLock.withLock { _ in nc_get_att_text(id, varid, name, &bytes) }, subject: subject, operation: "reading attribute")
            return (.text(String(nulTerminated: bytes)), .char)
        case .float:
            var values = [Float](repeating: 0, count: length)
            try check(netCDFLock.withLock { _ in nc_get_att_float(id, varid, name, &values) }, subject: subject, operation: "reading attribute")
            return (.floats(values), .float)
        case .double:
            var values = [Double](repeating: 0, count: length)
            try check(netCDFLock.withLock { _ in nc_get_att_double(id, varid, name, &values) }, subject: subject, operation: "reading attribute")
            return (.doubles(values), .double)
        case .byte, .short, .int, .ubyte, .ushort, .uint, .int64, .uint64:
            var values = [CLongLong](repeating: 0, count: length)
            try check(netCDFLock.withLock { _ in nc_get_att_longlong(id, varid, name, &values) }, subject: subject, operation: "reading attribute")
            return (.integers(values.map { Int64($0) }), NetCDFType(rawValue: type)!)
        case .string, nil:
            return nil
        }
    }

    // MARK: Reading

    /// Reads the hyperslab `start ..< start + count` of `variable`, converted to `T`, in C order.
    public func read<T: NetCDFScalar>(_ variable: Variable, start: [Int], count: [Int], as type: T.Type = T.self) throws(NetCDFError) -> [T] {
        precondition(start.count == variable.dimensions.count && count.count == start.count, "hyperslab rank mismatch")
        let total = count.reduce(1, *)
        let id = ncid
        var status: Int32 = LibraryConstant.noError
        let values = [T](unsafeUninitializedCapacity: total) { buffer, n in
            status = netCDFLock.withLock { _ in
                start.withUnsafeBufferPointer { s in count.withUnsafeBufferPointer { c in
                    T.getSerial(id, variable.id, s.baseAddress ?? UnsafePointer(bitPattern: 8)!, c.baseAddress ?? UnsafePointer(bitPattern: 8)!, buffer.baseAddress!)
                } }
            }
            n = status == LibraryConstant.noError ? total : 0
        }
        try check(status, subject: variable.name, operation: "reading \(start)+\(count)", site: "netcdf.read")
        return values
    }

    /// Reads the hyperslab `start ..< start + count` of `variable` into `buffer` (which must hold
    /// exactly the hyperslab's values), converted to `T`, in C order.
    public func read<T: NetCDFScalar>(_ variable: Variable, start: [Int], count: [Int], into buffer: UnsafeMutableBufferPointer<T>) throws(NetCDFError) {
        precondition(start.count == variable.dimensions.count && count.count == start.count, "hyperslab rank mismatch")
        precondition(buffer.count == count.reduce(1, *), "buffer size does not match the hyperslab")
        guard !buffer.isEmpty else { return }
        let id = ncid
        let status = netCDFLock.withLock { _ in
            start.withUnsafeBufferPointer { s in count.withUnsafeBufferPointer { c in
                T.getSerial(id, variable.id, s.baseAddress ?? UnsafePointer(bitPattern: 8)!, c.baseAddress ?? UnsafePointer(bitPattern: 8)!, buffer.baseAddress!)
            } }
        }
        try check(status, subject: variable.name, operation: "reading \(start)+\(count)", site: "netcdf.read")
    }

    /// Reads all of `variable`, converted to `T`, in C order.
    public func read<T: NetCDFScalar>(_ variable: Variable, as type: T.Type = T.self) throws(NetCDFError) -> [T] {
        try read(variable, start: variable.shape.map { _ in 0 }, count: variable.shape, as: type)
    }

    /// Reads all of a text (char) variable's characters, as stored.
    public func readCharacters(_ variable: Variable) throws(NetCDFError) -> [UInt8] {
        let id = ncid
        var bytes = [CChar](repeating: 0, count: max(variable.count, 1))
        try check(netCDFLock.withLock { _ in nc_get_var_text(id, variable.id, &bytes) }, subject: variable.name, operation: "reading text")
        return bytes.prefix(variable.count).map { UInt8(bitPattern: $0) }
    }

    /// Reads all of a text (char) variable as one string, trailing NULs and blanks dropped.
    public func readText(_ variable: Variable) throws(NetCDFError) -> String {
        let id = ncid
        var bytes = [CChar](repeating: 0, count: variable.count)
        try check(netCDFLock.withLock { _ in nc_get_var_text(id, variable.id, &bytes) }, subject: variable.name, operation: "reading text")
        return String(nulTerminated: bytes).trimmingTrailingBlanks()
    }

    // MARK: Defining and writing

    /// Defines a dimension (`nil` length: unlimited).
    public func defineDimension(_ name: String, length: Int?) throws(NetCDFError) -> Dimension {
        let id = ncid
        var dimid: Int32 = -1
        try check(netCDFLock.withLock { _ in nc_def_dim(id, name, length ?? LibraryConstant.unlimited, &dimid) }, subject: name,
                  operation: "defining dimension")
        return Dimension(id: dimid, name: name, length: length ?? 0, isUnlimited: length == nil)
    }

    /// Defines a variable over `dimensions` (slowest varying first).
    public func defineVariable(_ name: String, type: NetCDFType, dimensions: [Dimension]) throws(NetCDFError) -> Variable {
        let id = ncid
        var varid: Int32 = -1
        let dimids = dimensions.map(\.id)
        try check(netCDFLock.withLock { _ in nc_def_var(id, name, type.rawValue, Int32(dimids.count), dimids, &varid) },
                  subject: name, operation: "defining variable")
        return Variable(id: varid, name: name, type: type, dimensions: dimensions)
    }

    /// Sets attribute `name` of `variable` (or of the file, with `nil`).
    /// Numeric values are stored with the variable's type for `_FillValue`-like attributes when `type` is given.
    public func setAttribute(_ name: String, _ value: AttributeValue, of variable: Variable? = nil, type: NetCDFType? = nil) throws(NetCDFError) {
        let id = ncid
        let varid = variable?.id ?? globalAttributes
        let status: Int32 = netCDFLock.withLock { _ in
            switch value {
            case .text(let s):
                let bytes = Array(s.utf8)
                return bytes.withUnsafeBufferPointer { b in
                    b.withMemoryRebound(to: CChar.self) { nc_put_att_text(id, varid, name, b.count, $0.baseAddress) }
                }
            case .doubles(let v):
                return nc_put_att_double(id, varid, name, (type ?? .double).rawValue, v.count, v)
            case .floats(let v):
                return nc_put_att_float(id, varid, name, (type ?? .float).rawValue, v.count, v)
            case .integers(let v):
                let values = v.map { CLongLong($0) }
                return nc_put_att_longlong(id, varid, name, (type ?? .int).rawValue, values.count, values)
            }
        }
        try check(status, subject: "\(variable?.name ?? "global attribute"):\(name)", operation: "writing attribute")
    }

    /// Leaves define mode; writing values is possible afterwards.
    public func endDefinitions() throws(NetCDFError) {
        let id = ncid
        try check(netCDFLock.withLock { _ in nc_enddef(id) }, operation: "ending definitions")
    }

    /// Writes `values` (C order) to the hyperslab `start ..< start + count` of `variable`.
    public func write<T: NetCDFScalar>(_ values: [T], to variable: Variable, start: [Int], count: [Int]) throws(NetCDFError) {
        precondition(values.count == count.reduce(1, *), "value count does not match the hyperslab")
        let id = ncid
        let status = netCDFLock.withLock { _ in
            start.withUnsafeBufferPointer { s in count.withUnsafeBufferPointer { c in values.withUnsafeBufferPointer { v in
                T.putSerial(id, variable.id, s.baseAddress ?? UnsafePointer(bitPattern: 8)!, c.baseAddress ?? UnsafePointer(bitPattern: 8)!,
                            v.baseAddress ?? UnsafePointer(bitPattern: 8)!)
            } } }
        }
        try check(status, subject: variable.name, operation: "writing \(start)+\(count)", site: "netcdf.write")
    }

    /// Writes all of `variable` from `values` (C order).
    public func write<T: NetCDFScalar>(_ values: [T], to variable: Variable) throws(NetCDFError) {
        try write(values, to: variable, start: variable.shape.map { _ in 0 }, count: variable.shape)
    }

    /// Writes a text (char) variable; the text is padded with NULs to the variable's size.
    public func writeText(_ text: String, to variable: Variable) throws(NetCDFError) {
        var bytes = Array(text.utf8.prefix(variable.count)).map { CChar(bitPattern: $0) }
        bytes += [CChar](repeating: 0, count: variable.count - bytes.count)
        let id = ncid
        try check(netCDFLock.withLock { _ in nc_put_var_text(id, variable.id, bytes) }, subject: variable.name, operation: "writing text")
    }

    // MARK: Errors

    private func check(_ status: Int32, subject: String? = nil, operation: String, site: String? = nil) throws(NetCDFError) {
        try Dataset.check(status, path: path, subject: subject, operation: operation, site: site)
    }

    /// Throws unless `status` is success; a call that is a fault-injection `site` fails when
    /// `FaultInjection` chose it.
    static func check(_ status: Int32, path: String, subject: String? = nil, operation: String, site: String? = nil) throws(NetCDFError) {
        if let site, let injected = FaultInjection.failure(at: site) {
            throw NetCDFError(code: -1, path: path, subject: subject, operation: operation, message: injected)
        }
        guard status != LibraryConstant.noError else { return }
        throw NetCDFError(code: status, path: path, subject: subject, operation: operation,
                          message: String(cString: nc_strerror(status)))
    }
}

extension String {
    /// The text of a C character buffer up to its first NUL.
    init(nulTerminated buffer: [CChar]) {
        self.init(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    func trimmingTrailingBlanks() -> String {
        var s = Substring(self)
        while let last = s.last, last == " " || last == "\0" { s.removeLast() }
        return String(s)
    }
}
