import CNetCDF
import CPnetCDF
import CMPI
import CMPIShims

extension ParallelDataset {
    /// The library a `ParallelDataset` calls: PnetCDF on an MPI communicator; netCDF-C on a
    /// single-process communicator, which has no MPI for PnetCDF to use.
    ///
    /// netCDF-C writes with PnetCDF's layout: no fill, and the data section starts at the next
    /// multiple of 512 bytes after the header (PnetCDF 1.12's default alignment). A file whose
    /// values are all written is then the same bytes from either library. (Where the last record
    /// is written only in part, netCDF-C's file is longer: it extends to the whole record.)
    enum Library {
        /// PnetCDF, collective over an MPI communicator.
        case pnetcdf(MPI_Comm)
        /// netCDF-C, for one process without MPI. Every call holds `netCDFLock`.
        case netCDF

        /// The byte boundary PnetCDF 1.12 starts the data section on, by default.
        static let dataSectionAlignment = 512

        func create(_ path: String, mode: Int32, _ ncid: inout Int32) -> Int32 {
            switch self {
            case .pnetcdf(let comm): return ncmpi_create(comm, path, mode, cmpi_info_null(), &ncid)
            case .netCDF:
                return netCDFLock.withLock { _ in
                    let status = nc_create(path, mode, &ncid)
                    guard status == LibraryConstant.noError else { return status }
                    var previous: Int32 = 0
                    return nc_set_fill(ncid, LibraryConstant.noFill, &previous)
                }
            }
        }

        func open(_ path: String, _ ncid: inout Int32) -> Int32 {
            switch self {
            case .pnetcdf(let comm): ncmpi_open(comm, path, LibraryConstant.readOnly, cmpi_info_null(), &ncid)
            case .netCDF: netCDFLock.withLock { _ in nc_open(path, LibraryConstant.readOnly, &ncid) }
            }
        }

        func close(_ ncid: Int32) -> Int32 {
            switch self {
            case .pnetcdf: ncmpi_close(ncid)
            case .netCDF: netCDFLock.withLock { _ in nc_close(ncid) }
            }
        }

        func endDefinitions(_ ncid: Int32) -> Int32 {
            switch self {
            case .pnetcdf: ncmpi_enddef(ncid)
            case .netCDF: netCDFLock.withLock { _ in nc__enddef(ncid, 0, Self.dataSectionAlignment, 0, 4) }
            }
        }

        func defineDimension(_ ncid: Int32, _ name: String, _ length: Int, _ dimid: inout Int32) -> Int32 {
            switch self {
            case .pnetcdf: ncmpi_def_dim(ncid, name, MPI_Offset(length), &dimid)
            case .netCDF: netCDFLock.withLock { _ in nc_def_dim(ncid, name, length, &dimid) }
            }
        }

        func defineVariable(_ ncid: Int32, _ name: String, _ type: nc_type, _ dimids: [Int32], _ varid: inout Int32) -> Int32 {
            switch self {
            case .pnetcdf: ncmpi_def_var(ncid, name, type, Int32(dimids.count), dimids, &varid)
            case .netCDF: netCDFLock.withLock { _ in nc_def_var(ncid, name, type, Int32(dimids.count), dimids, &varid) }
            }
        }

        func putAttribute(_ ncid: Int32, _ varid: Int32, _ name: String, _ value: AttributeValue, type: NetCDFType?) -> Int32 {
            switch (self, value) {
            case (.pnetcdf, .text(let s)):
                let bytes = Array(s.utf8).map { CChar(bitPattern: $0) }
                return ncmpi_put_att_text(ncid, varid, name, MPI_Offset(bytes.count), bytes)
            case (.netCDF, .text(let s)):
                let bytes = Array(s.utf8).map { CChar(bitPattern: $0) }
                return netCDFLock.withLock { _ in nc_put_att_text(ncid, varid, name, bytes.count, bytes) }
            case (.pnetcdf, .doubles(let v)):
                return ncmpi_put_att_double(ncid, varid, name, (type ?? .double).rawValue, MPI_Offset(v.count), v)
            case (.netCDF, .doubles(let v)):
                return netCDFLock.withLock { _ in nc_put_att_double(ncid, varid, name, (type ?? .double).rawValue, v.count, v) }
            case (.pnetcdf, .floats(let v)):
                return ncmpi_put_att_float(ncid, varid, name, (type ?? .float).rawValue, MPI_Offset(v.count), v)
            case (.netCDF, .floats(let v)):
                return netCDFLock.withLock { _ in nc_put_att_float(ncid, varid, name, (type ?? .float).rawValue, v.count, v) }
            case (.pnetcdf, .integers(let v)):
                return ncmpi_put_att_longlong(ncid, varid, name, (type ?? .int).rawValue, MPI_Offset(v.count), v.map { CLongLong($0) })
            case (.netCDF, .integers(let v)):
                let values = v.map { CLongLong($0) }
                return netCDFLock.withLock { _ in nc_put_att_longlong(ncid, varid, name, (type ?? .int).rawValue, values.count, values) }
            }
        }

        func dimensionID(_ ncid: Int32, _ name: String, _ dimid: inout Int32) -> Int32 {
            switch self {
            case .pnetcdf: ncmpi_inq_dimid(ncid, name, &dimid)
            case .netCDF: netCDFLock.withLock { _ in nc_inq_dimid(ncid, name, &dimid) }
            }
        }

        /// The dimension's name and length, and the id of the file's unlimited dimension.
        func dimension(_ ncid: Int32, _ dimid: Int32, _ name: inout [CChar], _ length: inout Int, _ unlimited: inout Int32) -> Int32 {
            switch self {
            case .pnetcdf:
                var offset: MPI_Offset = 0
                let status = ncmpi_inq_dim(ncid, dimid, &name, &offset)
                length = Int(offset)
                return status != LibraryConstant.noError ? status : ncmpi_inq_unlimdim(ncid, &unlimited)
            case .netCDF:
                return netCDFLock.withLock { _ in
                    let status = nc_inq_dim(ncid, dimid, &name, &length)
                    return status != LibraryConstant.noError ? status : nc_inq_unlimdim(ncid, &unlimited)
                }
            }
        }

        func variableID(_ ncid: Int32, _ name: String, _ varid: inout Int32) -> Int32 {
            switch self {
            case .pnetcdf: ncmpi_inq_varid(ncid, name, &varid)
            case .netCDF: netCDFLock.withLock { _ in nc_inq_varid(ncid, name, &varid) }
            }
        }

        func variable(_ ncid: Int32, _ varid: Int32, _ type: inout nc_type, _ dimensionCount: inout Int32, _ dimids: inout [Int32]) -> Int32 {
            switch self {
            case .pnetcdf: ncmpi_inq_var(ncid, varid, nil, &type, &dimensionCount, &dimids, nil)
            case .netCDF: netCDFLock.withLock { _ in nc_inq_var(ncid, varid, nil, &type, &dimensionCount, &dimids, nil) }
            }
        }

        func attribute(_ ncid: Int32, _ varid: Int32, _ name: String, _ type: inout nc_type, _ length: inout Int) -> Int32 {
            switch self {
            case .pnetcdf:
                var offset: MPI_Offset = 0
                let status = ncmpi_inq_att(ncid, varid, name, &type, &offset)
                length = Int(offset)
                return status
            case .netCDF: return netCDFLock.withLock { _ in nc_inq_att(ncid, varid, name, &type, &length) }
            }
        }

        func attributeText(_ ncid: Int32, _ varid: Int32, _ name: String, _ bytes: inout [CChar]) -> Int32 {
            switch self {
            case .pnetcdf: ncmpi_get_att_text(ncid, varid, name, &bytes)
            case .netCDF: netCDFLock.withLock { _ in nc_get_att_text(ncid, varid, name, &bytes) }
            }
        }

        func attributeDoubles(_ ncid: Int32, _ varid: Int32, _ name: String, _ values: inout [Double]) -> Int32 {
            switch self {
            case .pnetcdf: ncmpi_get_att_double(ncid, varid, name, &values)
            case .netCDF: netCDFLock.withLock { _ in nc_get_att_double(ncid, varid, name, &values) }
            }
        }

        /// Writes a hyperslab: collectively with PnetCDF.
        func put<T: NetCDFScalar>(_ ncid: Int32, _ varid: Int32, start: [Int], count: [Int], _ values: UnsafePointer<T>) -> Int32 {
            switch self {
            case .pnetcdf: T.putParallel(ncid, varid, start.map { MPI_Offset($0) }, count.map { MPI_Offset($0) }, values)
            case .netCDF: netCDFLock.withLock { _ in T.putSerial(ncid, varid, start, count, values) }
            }
        }

        /// Writes characters to a hyperslab: collectively with PnetCDF.
        func putText(_ ncid: Int32, _ varid: Int32, start: [Int], count: [Int], _ characters: [CChar]) -> Int32 {
            switch self {
            case .pnetcdf: ncmpi_put_vara_text_all(ncid, varid, start.map { MPI_Offset($0) }, count.map { MPI_Offset($0) }, characters)
            case .netCDF: netCDFLock.withLock { _ in nc_put_vara_text(ncid, varid, start, count, characters) }
            }
        }

        /// Reads a hyperslab: collectively with PnetCDF.
        func get<T: NetCDFScalar>(_ ncid: Int32, _ varid: Int32, start: [Int], count: [Int], _ values: UnsafeMutablePointer<T>) -> Int32 {
            switch self {
            case .pnetcdf: T.getParallel(ncid, varid, start.map { MPI_Offset($0) }, count.map { MPI_Offset($0) }, values)
            case .netCDF: netCDFLock.withLock { _ in T.getSerial(ncid, varid, start, count, values) }
            }
        }

        /// The library's text for `status`.
        func message(_ status: Int32) -> String {
            switch self {
            case .pnetcdf: String(cString: ncmpi_strerror(status))
            case .netCDF: String(cString: nc_strerror(status))
            }
        }
    }
}
