import CNetCDF

/// The constants netCDF-C and PnetCDF share (same names, same values in both headers).
///
/// Swift emits an accessor for every C macro a module uses, named after the macro; using
/// the same macro from both headers in one module would define that accessor twice. So the
/// macros are read here, from netCDF-C's header only, and PnetCDF code uses these values.
enum LibraryConstant {
    static let noError: Int32 = NC_NOERR
    static let badDimension: Int32 = NC_EBADDIM
    static let noSuchVariable: Int32 = NC_ENOTVAR
    static let noSuchAttribute: Int32 = NC_ENOTATT
    static let maximumNameLength = Int(NC_MAX_NAME)
    static let maximumVariableDimensions = Int(NC_MAX_VAR_DIMS)
    static let maximumDimensions = Int(NC_MAX_DIMS)
    static let unlimited = Int(NC_UNLIMITED)
    static let clobber: Int32 = NC_CLOBBER
    static let noClobber: Int32 = NC_NOCLOBBER
    static let offset64: Int32 = NC_64BIT_OFFSET
    static let cdf5: Int32 = NC_64BIT_DATA
    static let netCDF4: Int32 = NC_NETCDF4
    static let readOnly: Int32 = NC_NOWRITE
    static let noFill: Int32 = NC_NOFILL
    static let writable: Int32 = NC_WRITE
}
