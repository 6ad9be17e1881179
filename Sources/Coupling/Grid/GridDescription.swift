/// The global shape of a grid: its name, its dimension sizes in C order (slowest first)
/// and the dimension names used in files (`["lat", "lon"]`, `["nj", "ni"]`, `["ncol"]`).
public struct GridDescription: Sendable, Hashable, CustomStringConvertible {
    public let name: String
    public let shape: [Int]
    public let dimensionNames: [String]

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

    public var description: String {
        "\(name) (" + zip(dimensionNames, shape).map { "\($0) = \($1)" }.joined(separator: ", ") + ")"
    }
}
