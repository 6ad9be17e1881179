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
    public static var netCDFType: NetCDFType { .double }
    public static func getSerial(_ n: Int32, _ v: Int32, _ s: UnsafePointer<Int>, _ c: UnsafePointer<Int>, _ x: UnsafeMutablePointer<Double>) -> Int32 {
        nc_get_vara_double(n, v, s, c, x)
    }
    public static func putSerial(_ n: Int32, _ v: Int32, _ s: UnsafePointer<Int>, _ c: UnsafePointer<Int>, _ x: UnsafePointer<Double>) -> Int32 {
        nc_put_vara_double(n, v, s, c, x)
    }
    public static func getParallel(_ n: Int32, _ v: Int32, _ s: UnsafePointer<MPI_Offset>, _ c: UnsafePointer<MPI_Offset>, _ x: UnsafeMutablePointer<Double>) -> Int32 {
        ncmpi_get_vara_double_all(n, v, s, c, x)
    }
    public static func putParallel(_ n: Int32, _ v: Int32, _ s: UnsafePointer<MPI_Offset>, _ c: UnsafePointer<MPI_Offset>, _ x: UnsafePointer<Double>) -> Int32 {
        ncmpi_put_vara_double_all(n, v, s, c, x)
    }
    public static func startPutParallel(_ n: Int32, _ v: Int32, _ s: UnsafePointer<MPI_Offset>, _ c: UnsafePointer<MPI_Offset>, _ x: UnsafePointer<Double>, _ r: UnsafeMutablePointer<Int32>) -> Int32 {
        ncmpi_iput_vara_double(n, v, s, c, x, r)
    }
}

extension Float: NetCDFScalar {
    public static var netCDFType: NetCDFType { .float }
    public static func getSerial(_ n: Int32, _ v: Int32, _ s: UnsafePointer<Int>, _ c: UnsafePointer<Int>, _ x: UnsafeMutablePointer<Float>) -> Int32 {
        nc_get_vara_float(n, v, s, c, x)
    }
    public static func putSerial(_ n: Int32, _ v: Int32, _ s: UnsafePointer<Int>, _ c: UnsafePointer<Int>, _ x: UnsafePointer<Float>) -> Int32 {
        nc_put_vara_float(n, v, s, c, x)
    }
    public static func getParallel(_ n: Int32, _ v: Int32, _ s: UnsafePointer<MPI_Offset>, _ c: UnsafePointer<MPI_Offset>, _ x: UnsafeMutablePointer<Float>) -> Int32 {
        ncmpi_get_vara_float_all(n, v, s, c, x)
    }
    public static func putParallel(_ n: Int32, _ v: Int32, _ s: UnsafePointer<MPI_Offset>, _ c: UnsafePointer<MPI_Offset>, _ x: UnsafePointer<Float>) -> Int32 {
        ncmpi_put_vara_float_all(n, v, s, c, x)
    }
    public static func startPutParallel(_ n: Int32, _ v: Int32, _ s: UnsafePointer<MPI_Offset>, _ c: UnsafePointer<MPI_Offset>, _ x: UnsafePointer<Float>, _ r: UnsafeMutablePointer<Int32>) -> Int32 {
        ncmpi_iput_vara_float(n, v, s, c, x, r)
    }
}

extension Int32: NetCDFScalar {
    public static var netCDFType: NetCDFType { .int }
    public static func getSerial(_ n: Int32, _ v: Int32, _ s: UnsafePointer<Int>, _ c: UnsafePointer<Int>, _ x: UnsafeMutablePointer<Int32>) -> Int32 {
        nc_get_vara_int(n, v, s, c, x)
    }
    public static func putSerial(_ n: Int32, _ v: Int32, _ s: UnsafePointer<Int>, _ c: UnsafePointer<Int>, _ x: UnsafePointer<Int32>) -> Int32 {
        nc_put_vara_int(n, v, s, c, x)
    }
    public static func getParallel(_ n: Int32, _ v: Int32, _ s: UnsafePointer<MPI_Offset>, _ c: UnsafePointer<MPI_Offset>, _ x: UnsafeMutablePointer<Int32>) -> Int32 {
        ncmpi_get_vara_int_all(n, v, s, c, x)
    }
    public static func putParallel(_ n: Int32, _ v: Int32, _ s: UnsafePointer<MPI_Offset>, _ c: UnsafePointer<MPI_Offset>, _ x: UnsafePointer<Int32>) -> Int32 {
        ncmpi_put_vara_int_all(n, v, s, c, x)
    }
    public static func startPutParallel(_ n: Int32, _ v: Int32, _ s: UnsafePointer<MPI_Offset>, _ c: UnsafePointer<MPI_Offset>, _ x: UnsafePointer<Int32>, _ r: UnsafeMutablePointer<Int32>) -> Int32 {
        ncmpi_iput_vara_int(n, v, s, c, x, r)
    }
}

extension Int64: NetCDFScalar {
    public static var netCDFType: NetCDFType { .int64 }
    public static func getSerial(_ n: Int32, _ v: Int32, _ s: UnsafePointer<Int>, _ c: UnsafePointer<Int>, _ x: UnsafeMutablePointer<Int64>) -> Int32 {
        x.withMemoryRebound(to: CLongLong.self, capacity: 1) { nc_get_vara_longlong(n, v, s, c, $0) }
    }
    public static func putSerial(_ n: Int32, _ v: Int32, _ s: UnsafePointer<Int>, _ c: UnsafePointer<Int>, _ x: UnsafePointer<Int64>) -> Int32 {
        x.withMemoryRebound(to: CLongLong.self, capacity: 1) { nc_put_vara_longlong(n, v, s, c, $0) }
    }
    public static func getParallel(_ n: Int32, _ v: Int32, _ s: UnsafePointer<MPI_Offset>, _ c: UnsafePointer<MPI_Offset>, _ x: UnsafeMutablePointer<Int64>) -> Int32 {
        x.withMemoryRebound(to: CLongLong.self, capacity: 1) { ncmpi_get_vara_longlong_all(n, v, s, c, $0) }
    }
    public static func putParallel(_ n: Int32, _ v: Int32, _ s: UnsafePointer<MPI_Offset>, _ c: UnsafePointer<MPI_Offset>, _ x: UnsafePointer<Int64>) -> Int32 {
        x.withMemoryRebound(to: CLongLong.self, capacity: 1) { ncmpi_put_vara_longlong_all(n, v, s, c, $0) }
    }
    public static func startPutParallel(_ n: Int32, _ v: Int32, _ s: UnsafePointer<MPI_Offset>, _ c: UnsafePointer<MPI_Offset>, _ x: UnsafePointer<Int64>, _ r: UnsafeMutablePointer<Int32>) -> Int32 {
        x.withMemoryRebound(to: CLongLong.self, capacity: 1) { ncmpi_iput_vara_longlong(n, v, s, c, $0, r) }
    }
}
