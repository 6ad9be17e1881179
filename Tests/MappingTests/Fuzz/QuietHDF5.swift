import Foundation

/// Turns off HDF5's printing of its error stack on the calling thread. netCDF-C turns it off
/// only on the thread that first uses the library; the fuzz tests open netCDF-4 files on other
/// threads, where every expected failure (and netCDF-C's probing for optional attributes)
/// would print a screenful. HDF5 is loaded with netCDF-C; it is looked up by name, as this
/// package does not link it directly.
enum QuietHDF5 {
    static func onThisThread() {
        typealias SetAuto = @convention(c) (Int64, UnsafeRawPointer?, UnsafeRawPointer?) -> Int32
        guard let program = dlopen(nil, RTLD_NOW), let function = dlsym(program, "H5Eset_auto2") else { return }
        let defaultStack: Int64 = 0  // H5E_DEFAULT
        _ = unsafeBitCast(function, to: SetAuto.self)(defaultStack, nil, nil)
    }
}
