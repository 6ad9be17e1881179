import CNetCDF
import CPnetCDF
import CMPI

/// A Swift number type that netCDF-C and PnetCDF read and write directly, converting
/// from and to whatever type the variable has on disk.
public protocol NetCDFScalar: BitwiseCopyable, Sendable {
    /// The netCDF type a new variable of this Swift type gets.
    static var netCDFType: NetCDFType { get }
    static func getSerial(_ ncid: Int32, _ varid: Int32, _ start: UnsafePointer<Int>, _ count: UnsafePointer<Int>,
                          _ values: UnsafeMutablePointer<Self>) -> Int32
    static func putSerial(_ ncid: Int32, _ varid: Int32, _ start: UnsafePointer<Int>, _ count: UnsafePointer<Int>,
                          _ values: UnsafePointer<Self>) -> Int32
    static func getParallel(_ ncid: Int32, _ varid: Int32, _ start: UnsafePointer<MPI_Offset>, _ count: UnsafePointer<MPI_Offset>,
                            _ values: UnsafeMutablePointer<Self>) -> Int32
    static func putParallel(_ ncid: Int32, _ varid: Int32, _ start: UnsafePointer<MPI_Offset>, _ count: UnsafePointer<MPI_Offset>,
                            _ values: UnsafePointer<Self>) -> Int32
    static func startPutParallel(_ ncid: Int32, _ varid: Int32, _ start: UnsafePointer<MPI_Offset>, _ count: UnsafePointer<MPI_Offset>,
                                 _ values: UnsafePointer<Self>, _ request: UnsafeMutablePointer<Int32>) -> Int32
}

extension Double: NetCDFScalar {
    /// New `Double` variables are `NC_DOUBLE`.
    public static var netCDFType: NetCDFType { .double }
    /// Reads a hyperslab serially (`nc_get_vara_double`), converting to `Double`.
    public static func getSerial(_ n: Int32, _ v: Int32, _ s: UnsafePointer<Int>, _ c: UnsafePointer<Int>, _ x: UnsafeMutablePointer<Double>) -> Int32 {
        nc_get_vara_double(n, v, s, c, x)
    }
    /// Writes a hyperslab serially (`nc_put_vara_double`), converting from `Double`.
    public static func putSerial(_ n: Int32, _ v: Int32, _ s: UnsafePointer<Int>, _ c: UnsafePointer<Int>, _ x: UnsafePointer<Double>) -> Int32 {
        nc_put_vara_double(n, v, s, c, x)
    }
    /// Reads a hyperslab collectively over the file's communicator (`ncmpi_get_vara_double_all`).
    public static func getParallel(_ n: Int32, _ v: Int32, _ s: UnsafePointer<MPI_Offset>, _ c: UnsafePointer<MPI_Offset>, _ x: UnsafeMutablePointer<Double>) -> Int32 {
        ncmpi_get_vara_double_all(n, v, s, c, x)
    }
    /// Writes a hyperslab collectively over the file's communicator (`ncmpi_put_vara_double_all`).
    public static func putParallel(_ n: Int32, _ v: Int32, _ s: UnsafePointer<MPI_Offset>, _ c: UnsafePointer<MPI_Offset>, _ x: UnsafePointer<Double>) -> Int32 {
        ncmpi_put_vara_double_all(n, v, s, c, x)
    }
    /// Queues a non-blocking write of a hyperslab (`ncmpi_iput_vara_double`), setting its request id.
    public static func startPutParallel(_ n: Int32, _ v: Int32, _ s: UnsafePointer<MPI_Offset>, _ c: UnsafePointer<MPI_Offset>, _ x: UnsafePointer<Double>, _ r: UnsafeMutablePointer<Int32>) -> Int32 {
        ncmpi_iput_vara_double(n, v, s, c, x, r)
    }
}

extension Float: NetCDFScalar {
    /// New `Float` variables are `NC_FLOAT`.
    public static var netCDFType: NetCDFType { .float }
    /// Reads a hyperslab serially (`nc_get_vara_float`), converting to `Float`.
    public static func getSerial(_ n: Int32, _ v: Int32, _ s: UnsafePointer<Int>, _ c: UnsafePointer<Int>, _ x: UnsafeMutablePointer<Float>) -> Int32 {
        nc_get_vara_float(n, v, s, c, x)
    }
    /// Writes a hyperslab serially (`nc_put_vara_float`), converting from `Float`.
    public static func putSerial(_ n: Int32, _ v: Int32, _ s: UnsafePointer<Int>, _ c: UnsafePointer<Int>, _ x: UnsafePointer<Float>) -> Int32 {
        nc_put_vara_float(n, v, s, c, x)
    }
    /// Reads a hyperslab collectively over the file's communicator (`ncmpi_get_vara_float_all`).
    public static func getParallel(_ n: Int32, _ v: Int32, _ s: UnsafePointer<MPI_Offset>, _ c: UnsafePointer<MPI_Offset>, _ x: UnsafeMutablePointer<Float>) -> Int32 {
        ncmpi_get_vara_float_all(n, v, s, c, x)
    }
    /// Writes a hyperslab collectively over the file's communicator (`ncmpi_put_vara_float_all`).
    public static func putParallel(_ n: Int32, _ v: Int32, _ s: UnsafePointer<MPI_Offset>, _ c: UnsafePointer<MPI_Offset>, _ x: UnsafePointer<Float>) -> Int32 {
        ncmpi_put_vara_float_all(n, v, s, c, x)
    }
    /// Queues a non-blocking write of a hyperslab (`ncmpi_iput_vara_float`), setting its request id.
    public static func startPutParallel(_ n: Int32, _ v: Int32, _ s: UnsafePointer<MPI_Offset>, _ c: UnsafePointer<MPI_Offset>, _ x: UnsafePointer<Float>, _ r: UnsafeMutablePointer<Int32>) -> Int32 {
        ncmpi_iput_vara_float(n, v, s, c, x, r)
    }
}

extension Int32: NetCDFScalar {
    /// New `Int32` variables are `NC_INT`.
    public static var netCDFType: NetCDFType { .int }
    /// Reads a hyperslab serially (`nc_get_vara_int`), converting to `Int32`.
    public static func getSerial(_ n: Int32, _ v: Int32, _ s: UnsafePointer<Int>, _ c: UnsafePointer<Int>, _ x: UnsafeMutablePointer<Int32>) -> Int32 {
        nc_get_vara_int(n, v, s, c, x)
    }
    /// Writes a hyperslab serially (`nc_put_vara_int`), converting from `Int32`.
    public static func putSerial(_ n: Int32, _ v: Int32, _ s: UnsafePointer<Int>, _ c: UnsafePointer<Int>, _ x: UnsafePointer<Int32>) -> Int32 {
        nc_put_vara_int(n, v, s, c, x)
    }
    /// Reads a hyperslab collectively over the file's communicator (`ncmpi_get_vara_int_all`).
    public static func getParallel(_ n: Int32, _ v: Int32, _ s: UnsafePointer<MPI_Offset>, _ c: UnsafePointer<MPI_Offset>, _ x: UnsafeMutablePointer<Int32>) -> Int32 {
        ncmpi_get_vara_int_all(n, v, s, c, x)
    }
    /// Writes a hyperslab collectively over the file's communicator (`ncmpi_put_vara_int_all`).
    public static func putParallel(_ n: Int32, _ v: Int32, _ s: UnsafePointer<MPI_Offset>, _ c: UnsafePointer<MPI_Offset>, _ x: UnsafePointer<Int32>) -> Int32 {
        ncmpi_put_vara_int_all(n, v, s, c, x)
    }
    /// Queues a non-blocking write of a hyperslab (`ncmpi_iput_vara_int`), setting its request id.
    public static func startPutParallel(_ n: Int32, _ v: Int32, _ s: UnsafePointer<MPI_Offset>, _ c: UnsafePointer<MPI_Offset>, _ x: UnsafePointer<Int32>, _ r: UnsafeMutablePointer<Int32>) -> Int32 {
        ncmpi_iput_vara_int(n, v, s, c, x, r)
    }
}

extension Int64: NetCDFScalar {
    /// New `Int64` variables are `NC_INT64`.
    public static var netCDFType: NetCDFType { .int64 }
    /// Reads a hyperslab serially (`nc_get_vara_longlong`), converting to `Int64`.
    public static func getSerial(_ n: Int32, _ v: Int32, _ s: UnsafePointer<Int>, _ c: UnsafePointer<Int>, _ x: UnsafeMutablePointer<Int64>) -> Int32 {
        x.withMemoryRebound(to: CLongLong.self, capacity: 1) { nc_get_vara_longlong(n, v, s, c, $0) }
    }
    /// Writes a hyperslab serially (`nc_put_vara_longlong`), converting from `Int64`.
    public static func putSerial(_ n: Int32, _ v: Int32, _ s: UnsafePointer<Int>, _ c: UnsafePointer<Int>, _ x: UnsafePointer<Int64>) -> Int32 {
        x.withMemoryRebound(to: CLongLong.self, capacity: 1) { nc_put_vara_longlong(n, v, s, c, $0) }
    }
    /// Reads a hyperslab collectively over the file's communicator (`ncmpi_get_vara_longlong_all`).
    public static func getParallel(_ n: Int32, _ v: Int32, _ s: UnsafePointer<MPI_Offset>, _ c: UnsafePointer<MPI_Offset>, _ x: UnsafeMutablePointer<Int64>) -> Int32 {
        x.withMemoryRebound(to: CLongLong.self, capacity: 1) { ncmpi_get_vara_longlong_all(n, v, s, c, $0) }
    }
    /// Writes a hyperslab collectively over the file's communicator (`ncmpi_put_vara_longlong_all`).
    public static func putParallel(_ n: Int32, _ v: Int32, _ s: UnsafePointer<MPI_Offset>, _ c: UnsafePointer<MPI_Offset>, _ x: UnsafePointer<Int64>) -> Int32 {
        x.withMemoryRebound(to: CLongLong.self, capacity: 1) { ncmpi_put_vara_longlong_all(n, v, s, c, $0) }
    }
    /// Queues a non-blocking write of a hyperslab (`ncmpi_iput_vara_longlong`), setting its request id.
    public static func startPutParallel(_ n: Int32, _ v: Int32, _ s: UnsafePointer<MPI_Offset>, _ c: UnsafePointer<MPI_Offset>, _ x: UnsafePointer<Int64>, _ r: UnsafeMutablePointer<Int32>) -> Int32 {
        x.withMemoryRebound(to: CLongLong.self, capacity: 1) { ncmpi_iput_vara_longlong(n, v, s, c, $0, r) }
    }
}
