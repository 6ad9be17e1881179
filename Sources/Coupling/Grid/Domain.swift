/// A grid as one rank sees it: the global description, the points this rank owns and,
/// for each of them, longitude and latitude (degrees), cell area (steradians),
/// mask (1 where the component is active, 0 elsewhere) and fraction (the share of the cell
/// the component covers, 0...1). cpl7 calls this a domain.
public struct Domain: Sendable {
    /// The whole grid: its name, shape and dimension names.
    public let grid: GridDescription
    /// The grid points this rank owns; local point `i` is its `i`-th smallest global index.
    public let decomposition: Decomposition
    /// Longitude of each local point's centre, degrees east.
    public var longitude: [Double]
    /// Latitude of each local point's centre, degrees north.
    public var latitude: [Double]
    /// Area of each local point's cell, steradians (multiply by the Earth's radius squared for m²).
    public var area: [Double]
    /// 1 where the component is active at the local point, 0 elsewhere.
    public var mask: [Double]
    /// The share of each local point's cell the component covers, 0...1.
    public var fraction: [Double]

    /// A domain whose arrays all have `decomposition.localSize` values.
    public init(grid: GridDescription, decomposition: Decomposition, longitude: [Double], latitude: [Double],
                area: [Double], mask: [Double], fraction: [Double]) {
        let n = decomposition.localSize
        precondition(grid.size == decomposition.globalSize, "the decomposition is of another grid")
        precondition([longitude, latitude, area, mask, fraction].allSatisfy { $0.count == n }, "one value per local point")
        self.grid = grid
        self.decomposition = decomposition
        self.longitude = longitude
        self.latitude = latitude
        self.area = area
        self.mask = mask
        self.fraction = fraction
    }

    /// A domain with no points, for absent (stub) components.
    public static let empty = Domain(grid: GridDescription(name: "none", shape: [0], dimensionNames: ["n"]),
                                     decomposition: Decomposition.block(globalSize: 0, parts: 1, part: 0),
                                     longitude: [], latitude: [], area: [], mask: [], fraction: [])

    /// The number of points this rank owns.
    public var localSize: Int { decomposition.localSize }
}
