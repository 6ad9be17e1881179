import NetCDF
import TestSupport

/// Writes a mutated netCDF model in a random format (CDF-1, CDF-2, CDF-5 or netCDF-4), falling
/// back to netCDF-4 when a classic format cannot hold it (64-bit integers, an unlimited
/// dimension that is not first, several unlimited dimensions).
enum MutantWriter {
    /// The format the model was written in, or `nil` if no format can hold it.
    static func write(_ model: NetCDFModel, to path: String, _ random: inout FuzzRandom) -> String? {
        let format = random.pick([NetCDFFormat.classic, .offset64, .cdf5, .netCDF4])
        for attempt in format == .netCDF4 ? [format] : [format, .netCDF4] {
            if (try? model.write(to: path, format: attempt)) != nil { return "\(attempt)" }
        }
        return nil
    }
}
