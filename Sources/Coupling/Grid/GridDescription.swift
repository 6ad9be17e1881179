/// The global shape of a grid: its name, its dimension sizes in C order (slowest first)
/// and the dimension names used in files (`["lat", "lon"]`, `["nj", "ni"]`, `["ncol"]`).
public struct GridDescription: Sendable, Hashable, CustomStringConvertible {
    /// The grid's name in messages and files (a component's grid is named after its kind: `lnd`).
    public let name: String
    /// The dimension sizes in C order, slowest first (`[nlat, nlon]`, or `[n]`).
    public let shape: [Int]
    /// The dimension names in files, one per entry of `shape`.
    public let dimensionNames: [String]

    /// A grid `name` of `shape`, with one name in `dimensionNames` per dimension.
    public init(name: String, shape: [Int], dimensionNames: [String]) {
        precondition(shape.count == dimensionNames.count, "one name per grid dimension")
        self.name = name
        self.shape = shape
        self.dimensionNames = dimensionNames
    }

    /// A regular latitude-longitude grid with dimensions `lat` and `lon`.
    public static func latLon(name: String, nlat: Int, nlon: Int) -> GridDescription {
        GridDescription(name: name, shape: [nlat, nlon], dimensionNames: ["lat", "lon"])
    }

    /// The number of points.
    public var size: Int { shape.reduce(1, *) }

    /// The name and the dimensions, e.g. `lnd (nj = 94, ni = 192)`.
    public var description: String {
        "\(name) (" + zip(dimensionNames, shape).map { "\($0) = \($1)" }.joined(separator: ", ") + ")"
    }
}
