/// The local copy of a CESM inputdata tree (`--inputdata DIR`, or `din_loc_root` in
/// `&seq_infodata_inparm`), so that a case written on another machine finds its files here:
/// `/glade/p/cesmdata/cseg/inputdata/cpl/gridmaps/map.nc` becomes `DIR/cpl/gridmaps/map.nc`.
///
/// CESM names every machine's inputdata root `inputdata`; the prefix replaced is an absolute
/// path up to and including its first folder of that name. Other paths are left as they are.
public struct InputdataRoot: Sendable, Hashable {
    /// The local inputdata folder, without a trailing `/`.
    public let directory: String

    /// The folder name that ends CESM's inputdata prefix.
    public static let folderName = "inputdata"

    /// The local root `directory`.
    public init(directory: String) {
        var directory = directory
        while directory.count > 1, directory.hasSuffix("/") { directory.removeLast() }
        self.directory = directory
    }

    /// `path` with its inputdata prefix replaced by the local root; `nil` when `path` is not an
    /// absolute path with an `inputdata` folder.
    public func relocated(_ path: String) -> String? {
        guard let rest = Self.pathBelowInputdata(path) else { return nil }
        return rest.isEmpty ? directory : directory + "/" + rest
    }

    /// What follows the first `inputdata` folder of absolute `path` (`cpl/gridmaps/map.nc`), or
    /// `nil` when it has none.
    public static func pathBelowInputdata(_ path: String) -> String? {
        guard path.hasPrefix("/") else { return nil }
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        guard let index = parts.firstIndex(of: Substring(folderName)) else { return nil }
        return parts[(index + 1)...].joined(separator: "/")
    }
}

/// An input file's path as the run opens it: a path into another machine's CESM inputdata taken
/// from `inputdata` when given, else `path` relative to `directory` (the namelist's folder).
public func resolveInput(_ path: String, directory: String, inputdata: InputdataRoot?) -> String {
    inputdata?.relocated(path) ?? resolve(path, against: directory)
}
