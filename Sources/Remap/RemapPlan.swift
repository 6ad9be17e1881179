import Coupling
import MPI
import NetCDF

/// What a remap will do with each variable of the input file, worked out from the input's
/// header and the weights file: which dimensions form the source grid, which variables are
/// mapped, copied or dropped, and how the destination grid appears in the output.
struct RemapPlan {
    /// The input dimensions forming the source grid (slowest first).
    let sourceDimensions: [Dimension]
    /// Input variables on the source grid (trailing dimensions = the source grid): mapped.
    let mapped: [Variable]
    /// Input variables not using the source grid: copied as they are.
    let copied: [Variable]
    /// Input variables left out, with why (source-grid coordinates, bounds, unusable shapes).
    let dropped: [(name: String, reason: String)]
    /// The destination grid as written: dimension names and whether coordinates are 1-D lat/lon.
    let destination: DestinationGrid
    /// The weights file's name (without folders), for the output's history.
    let weightsName: String

    init(input: Dataset, weights: WeightsFile, only: [String]?, communicator: Communicator) throws {
        let variables = try input.variables()
        let shape = weights.sourceShape
        func trailing(_ v: Variable) -> [Dimension] { Array(v.dimensions.suffix(shape.count)) }
        func onGridByLength(_ v: Variable) -> Bool {
            v.type.isNumeric && v.dimensions.count >= shape.count && trailing(v).map(\.length) == shape
        }
        // Names of coordinate-like variables: dimension coordinates, and those named in
        // `coordinates` and `bounds` attributes.
        var coordinateNames = Set(try input.dimensions().map(\.name))
        for v in variables {
            for key in ["coordinates", "bounds"] {
                if let text = try input.attribute(key, of: v)?.text { coordinateNames.formUnion(text.split(separator: " ").map(String.init)) }
            }
        }
        let requested = only.map(Set.init)
        if let only {
            for name in only {
                guard let v = variables.first(where: { $0.name == name }) else {
                    throw RemapError("\(input.path) has no variable '\(name)' (asked for with --variables)")
                }
                guard onGridByLength(v) else {
                    throw RemapError("variable '\(name)' of \(input.path) has dimensions \(Self.describe(v)); its trailing dimensions "
                        + "must be the map's source grid (\(shape.map(String.init).joined(separator: " × ")))")
                }
            }
        }
        guard let first = variables.first(where: { onGridByLength($0) && !coordinateNames.contains($0.name) && (requested?.contains($0.name) ?? true) }) else {
            throw RemapError("no variable of \(input.path) is on the map's source grid: none has trailing dimensions of lengths "
                + "\(shape.map(String.init).joined(separator: " × ")) (weights file \(weights.path))")
        }
        sourceDimensions = trailing(first)
        let gridNames = Set(sourceDimensions.map(\.name))
        // Latitudes and longitudes over the grid alone (2-D coordinates of a curvilinear grid).
        for v in variables where v.dimensions.allSatisfy({ gridNames.contains($0.name) }) {
            if let standard = try input.attribute("standard_name", of: v)?.text, ["latitude", "longitude"].contains(standard) {
                coordinateNames.insert(v.name)
            }
        }
        var mapped = [Variable](), copied = [Variable](), dropped = [(String, String)]()
        for v in variables {
            let usesGrid = v.dimensions.contains { gridNames.contains($0.name) }
            if !usesGrid {
                if v.type == .string { dropped.append((v.name, "netCDF-4 strings cannot be written to a classic file")) }
                else { copied.append(v) }
                continue
            }
            if coordinateNames.contains(v.name) {
                dropped.append((v.name, "a coordinate of the source grid; the destination grid's coordinates replace it"))
            } else if trailing(v).map(\.name) == sourceDimensions.map(\.name) && v.type.isNumeric {
                if requested?.contains(v.name) ?? true { mapped.append(v) } else { dropped.append((v.name, "not asked for with --variables")) }
            } else {
                dropped.append((v.name, "uses the source grid dimensions \(Self.describe(v)) but not as its trailing dimensions"))
            }
        }
        self.mapped = mapped
        self.copied = copied
        self.dropped = dropped
        let taken = Set(try input.dimensions().map(\.name)).subtracting(gridNames)
        destination = try DestinationGrid(weights: weights, takenNames: taken, communicator: communicator)
        weightsName = String(weights.path.split(separator: "/").last ?? Substring(weights.path))
    }

    static func describe(_ v: Variable) -> String {
        "(" + v.dimensions.map { "\($0.name) = \($0.length)" }.joined(separator: ", ") + ")"
    }
}

/// How the destination grid appears in the output: `lat`/`lon` dimensions with 1-D
/// coordinates for a regular latitude-longitude grid, `nj`/`ni` with 2-D coordinates for
/// another logically rectangular grid, `ncol` for an unstructured one.
struct DestinationGrid {
    let shape: [Int]
    let dimensionNames: [String]
    /// Whether the grid is regular in latitude and longitude (1-D `lat(lat)`, `lon(lon)`).
    let isRegular: Bool

    init(weights: WeightsFile, takenNames: Set<String>, communicator: Communicator) throws {
        shape = weights.destinationShape
        func free(_ name: String) -> String { takenNames.contains(name) ? name + "_b" : name }
        if shape.count == 2 {
            isRegular = try Self.isRegularLatLon(weights, communicator: communicator)
            dimensionNames = isRegular ? [free("lat"), free("lon")] : [free("nj"), free("ni")]
        } else {
            isRegular = false
            dimensionNames = [free("ncol")]
        }
    }

    /// A 2-D grid is regular when every row has one latitude and every column one longitude.
    /// Each rank checks a share of the rows, one row at a time, so no rank reads the whole grid.
    private static func isRegularLatLon(_ weights: WeightsFile, communicator: Communicator) throws -> Bool {
        let nlat = weights.destinationShape[0], nlon = weights.destinationShape[1]
        let rows = Decomposition.blockRange(globalSize: nlat, parts: communicator.size, part: communicator.rank)
        let regular = try collectively(communicator) {
            let firstRowLongitudes = try weights.read(.longitude, of: .destination, points: 0 ..< nlon)
            for j in rows {
                let points = j * nlon ..< (j + 1) * nlon
                let lat = try weights.read(.latitude, of: .destination, points: points)
                let lon = try weights.read(.longitude, of: .destination, points: points)
                if lat.contains(where: { $0 != lat[0] }) || lon != firstRowLongitudes { return false }
            }
            return true
        }
        return try !communicator.any(!regular)
    }
}
