import NetCDF

/// A SCRIP grid file (as `ncremap -G` or SCRIP/ESMF tools write them): `grid_dims`
/// (Fortran order), `grid_center_lat`, `grid_center_lon` (degrees or radians), `grid_area`
/// (steradians) and `grid_imask`. Opening reads only the header; `domain(for:)` reads the
/// points of one rank, so no rank holds the whole grid.
public struct ScripGrid: Sendable {
    /// The grid file.
    public let path: String
    /// The grid's shape in C order (`[nlat, nlon]`, or `[n]` for an unstructured grid).
    public let description: GridDescription

    /// Opens `path` and reads its size and shape; `name` names the grid in messages and files.
    public init(path: String, name: String) throws(GridError) {
        self.path = path
        do {
            let file = try Dataset(openingAt: path)
            guard let size = try file.dimension(named: "grid_size")?.length else {
                throw GridError(path: path, "not a SCRIP grid file: no dimension 'grid_size'")
            }
            var shape = [size]
            if let dims = try file.variable(named: "grid_dims") {
                let fortran: [Int32] = try file.read(dims)
                shape = fortran.reversed().map(Int.init)
                let written = fortran.map(String.init).joined(separator: " × ")
                guard (1 ... 2).contains(shape.count), shape.allSatisfy({ $0 >= 1 }) else {
                    throw GridError(path: path, "grid_dims = \(written): a grid has 1 or 2 dimensions, each of at least 1 point")
                }
                let (points, overflow) = shape.count == 1 ? (shape[0], false) : shape[0].multipliedReportingOverflow(by: shape[1])
                guard !overflow, points == size else {
                    throw GridError(path: path, "grid_dims \(written) has \(overflow ? "too many" : "\(points)") points, but grid_size = \(size)")
                }
            }
            for required in ["grid_center_lat", "grid_center_lon", "grid_area"] where try Self.pointArray(required, of: file, size: size, path: path) == nil {
                throw GridError(path: path, "not a SCRIP grid file with areas: no variable '\(required)'")
            }
            _ = try Self.pointArray("grid_imask", of: file, size: size, path: path)
            let names = shape.count == 2 ? ["nj", "ni"] : ["n"]
            description = GridDescription(name: name, shape: shape, dimensionNames: names)
        } catch let error as GridError {
            throw error
        } catch {
            throw GridError(path: path, Self.reason(error))
        }
    }

    /// What went wrong reading the file, without repeating its path.
    private static func reason(_ error: any Error) -> String {
        guard let error = error as? NetCDFError else { return "\(error)" }
        return (error.subject.map { "\($0): " } ?? "") + "\(error.operation): \(error.message)"
    }

    /// The points `decomposition` gives this rank: longitude and latitude in degrees, area,
    /// mask (`grid_imask`, 1 if absent) and fraction (equal to the mask).
    public func domain(for decomposition: Decomposition) throws(GridError) -> Domain {
        guard decomposition.globalSize == description.size else {
            throw GridError(path: path, "a decomposition of \(decomposition.globalSize) points used with a grid of \(description.size)")
        }
        do {
            let file = try Dataset(openingAt: path)
            func read(_ name: String) throws -> [Double] {
                guard let variable = try Self.pointArray(name, of: file, size: description.size, path: path) else { return [] }
                var values = [Double]()
                values.reserveCapacity(decomposition.localSize)
                for segment in decomposition.segments {
                    values += try file.read(variable, start: [segment.start], count: [segment.count]) as [Double]
                }
                if try file.attribute("units", of: variable)?.text?.lowercased().hasPrefix("radian") == true {
                    values = values.map { $0 * 180 / .pi }
                }
                return values
            }
            let longitude = try read("grid_center_lon"), latitude = try read("grid_center_lat"), area = try read("grid_area")
            var mask = try read("grid_imask")
            if mask.isEmpty { mask = [Double](repeating: 1, count: decomposition.localSize) }
            return Domain(grid: description, decomposition: decomposition, longitude: longitude, latitude: latitude,
                          area: area, mask: mask, fraction: mask)
        } catch let error as GridError {
            throw error
        } catch {
            throw GridError(path: path, Self.reason(error))
        }
    }

    /// Variable `name` of `file`, one value per point (`size` of them), or `nil` if the file has none.
    private static func pointArray(_ name: String, of file: Dataset, size: Int, path: String) throws -> Variable? {
        guard let variable = try file.variable(named: name) else { return nil }
        guard variable.shape == [size] else {
            throw GridError(path: path, "variable '\(name)' has shape \(variable.shape), expected [\(size)] (grid_size)")
        }
        return variable
    }
}

/// A grid file that cannot be used, with the reason.
public struct GridError: Error, Sendable, CustomStringConvertible {
    /// The grid file.
    public let path: String
    /// What is wrong with it.
    public let message: String
    /// An error saying `message` about the grid file at `path`.
    public init(path: String, _ message: String) {
        self.path = path
        self.message = message
    }
    /// `grid file PATH: MESSAGE`.
    public var description: String { "grid file \(path): \(message)" }
}

extension ComponentContext {
    /// The component's grid read from a SCRIP grid file (path relative to the namelist), split
    /// into contiguous blocks over the component's tasks.
    public func blockDomain(gridFile: String) throws(GridError) -> Domain {
        let grid = try ScripGrid(path: resolvePath(gridFile), name: kind.rawValue)
        let decomposition = Decomposition.block(globalSize: grid.description.size, parts: communicator.size, part: communicator.rank)
        return try grid.domain(for: decomposition)
    }
}
