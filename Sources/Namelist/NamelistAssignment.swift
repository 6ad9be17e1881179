/// One `key = values` assignment inside a namelist group, such as `ocn_ntasks = 4`
/// or `mapping_files(2) = 'a.nc', 'b.nc'`.
public struct NamelistAssignment: Sendable, Hashable {
    /// The key in lower case, for lookups (Fortran names ignore case).
    public let key: String
    /// The key as written in the file, for messages.
    public let spelledKey: String
    /// The 1-based array element the first value goes to: 1 for `x = ...`, n for `x(n) = ...`.
    public let startIndex: Int
    /// Whether the key was written with an index, as in `x(1) = ...`.
    public let isIndexed: Bool
    /// The values in order; repeat counts are expanded and empty values are `.null`.
    public let values: [NamelistValue]
    /// Where the key is written.
    public let location: TextLocation
    /// Where each value is written, one entry per element of `values`.
    public let valueLocations: [TextLocation]
}
