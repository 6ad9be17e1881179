import NetCDF

/// An offline mapping-weights file: a sparse matrix `S` with `y = S x` mapping fields on a
/// source grid (`a`, `n_a` points) to a destination grid (`b`, `n_b` points), and the grids'
/// descriptions. Two formats are read, detected from the variables present:
///
/// - **ESMF** (ESMF_RegridWeightGen, NCO `ncremap`): `n_a, n_b, n_s`, `col, row, S`, `area_a/b`,
///   `frac_a/b`, `mask_a/b`, `xc_a/b, yc_a/b`, `src_grid_dims, dst_grid_dims`.
/// - **SCRIP** (SCRIP, CDO `gen*`): `src_grid_size, dst_grid_size, num_links`, `src_address,
///   dst_address, remap_matrix(num_links, num_wgts)` (the first weight column is used),
///   `src_grid_*`, `dst_grid_*`; coordinates may be in radians.
///
/// Indices in the file are 1-based; this type hands out 0-based ones. Opening reads only the
/// header; entries and grid arrays are read in ranges, so no caller needs the whole matrix.
public final class WeightsFile: @unchecked Sendable {
    /// The two supported layouts.
    public enum Format: String, Sendable {
        case esmf = "ESMF"
        case scrip = "SCRIP"
    }

    /// Which grid of the map.
    public enum Side: String, Sendable {
        case source, destination
    }

    /// The file's path, as given to `init`.
    public let path: String
    /// Whether the file is in ESMF or SCRIP layout.
    public let format: Format
    /// `n_a`: points of the source grid.
    public let sourceSize: Int
    /// `n_b`: points of the destination grid.
    public let destinationSize: Int
    /// `n_s`: stored entries of the matrix.
    public let entryCount: Int
    /// Grid shapes in C order (slowest first): `[nlat, nlon]` for a logically rectangular grid,
    /// `[n]` for an unstructured one.
    public let sourceShape: [Int]
    /// The destination grid's shape, like `sourceShape`.
    public let destinationShape: [Int]

    private let dataset: Dataset
    private let rowVariable: Variable
    private let columnVariable: Variable
    private let weightVariable: Variable

    /// Opens `path` and checks its header: format, dimensions, variable shapes.
    public init(path: String) throws(WeightsError) {
        self.path = path
        do {
            dataset = try Dataset(openingAt: path)
        } catch {
            throw WeightsError(path: path, "cannot be opened as netCDF: \(error.message)")
        }
        do {
            let names = Set(try dataset.variables().map(\.name))
            if names.contains("S") || names.contains("row") || names.contains("col") {
                format = .esmf
            } else if names.contains("remap_matrix") || names.contains("src_address") || names.contains("dst_address") {
                format = .scrip
            } else {
                throw WeightsError(path: path, "is neither an ESMF weights file (variables S, row, col) nor a SCRIP one "
                    + "(remap_matrix, src_address, dst_address)")
            }
            let n = format == .esmf ? (a: "n_a", b: "n_b", s: "n_s") : (a: "src_grid_size", b: "dst_grid_size", s: "num_links")
            sourceSize = try Self.dimensionLength(dataset, n.a, path: path, format: format)
            destinationSize = try Self.dimensionLength(dataset, n.b, path: path, format: format)
            entryCount = try Self.dimensionLength(dataset, n.s, path: path, format: format)
            let v = format == .esmf ? (row: "row", col: "col", s: "S") : (row: "dst_address", col: "src_address", s: "remap_matrix")
            rowVariable = try Self.entryVariable(dataset, v.row, entries: n.s, path: path, format: format)
            columnVariable = try Self.entryVariable(dataset, v.col, entries: n.s, path: path, format: format)
            weightVariable = try Self.entryVariable(dataset, v.s, entries: n.s, path: path, format: format)
            let prefix = format == .esmf ? ("src_grid_dims", "dst_grid_dims") : ("src_grid_dims", "dst_grid_dims")
            sourceShape = try Self.gridShape(dataset, prefix.0, size: sourceSize, sizeName: n.a, path: path)
            destinationShape = try Self.gridShape(dataset, prefix.1, size: destinationSize, sizeName: n.b, path: path)
        } catch let error as WeightsError {
            throw error
        } catch {
            throw WeightsError(path: path, "\(error)")
        }
        if entryCount == 0 { throw WeightsError(path: path, "the matrix is empty (\(format == .esmf ? "n_s" : "num_links") = 0)") }
        if sourceSize == 0 || destinationSize == 0 {
            throw WeightsError(path: path, "a grid is empty (\(sourceSize) source and \(destinationSize) destination points)")
        }
    }

    private static func dimensionLength(_ d: Dataset, _ name: String, path: String, format: Format) throws -> Int {
        guard let dimension = try d.dimension(named: name) else {
            throw WeightsError(path: path, "missing dimension '\(name)' (needed in the \(format.rawValue) format)")
        }
        return dimension.length
    }

    private static func entryVariable(_ d: Dataset, _ name: String, entries: String, path: String, format: Format) throws -> Variable {
        guard let variable = try d.variable(named: name) else {
            throw WeightsError(path: path, "missing variable '\(name)' (needed in the \(format.rawValue) format)")
        }
        let dims = variable.dimensions.map(\.name)
        guard dims.first == entries, dims.count == (name == "remap_matrix" ? 2 : 1) else {
            let expected = name == "remap_matrix" ? "(\(entries), num_wgts)" : "(\(entries))"
            throw WeightsError(path: path, "variable '\(name)' has dimensions (\(dims.joined(separator: ", "))), expected \(expected)")
        }
        return variable
    }

    private static func gridShape(_ d: Dataset, _ name: String, size: Int, sizeName: String, path: String) throws -> [Int] {
        guard let variable = try d.variable(named: name) else { return [size] }
        let fortranOrder: [Int32] = try d.read(variable)
        let shape = fortranOrder.reversed().map(Int.init)
        let written = fortranOrder.map(String.init).joined(separator: " × ")
        guard (1 ... 2).contains(shape.count), shape.allSatisfy({ $0 > 0 }) else {
            throw WeightsError(path: path, "'\(name)' = \(written): a grid has 1 or 2 dimensions, each of at least 1 point")
        }
        let (points, overflow) = shape.count == 1 ? (shape[0], false) : shape[0].multipliedReportingOverflow(by: shape[1])
        guard !overflow, points == size else {
            throw WeightsError(path: path, "'\(name)' = \(written) has \(overflow ? "too many" : "\(points)") points, but \(sizeName) = \(size)")
        }
        return shape
    }

    // MARK: Entries

    /// Entries `range` of the matrix (0-based entry numbers), 0-based row and column indices,
    /// checked: indices inside the grids, weights finite. An invalid entry is reported with its
    /// 1-based number, the variable, the value and the allowed range.
    public func entries(_ range: Range<Int>) throws(WeightsError) -> (rows: [Int32], columns: [Int32], weights: [Double]) {
        var rows = [Int32](repeating: 0, count: range.count), columns = rows
        var weights = [Double](repeating: 0, count: range.count)
        try rows.withUnsafeMutableBufferPointer { (r) throws(WeightsError) in
            try columns.withUnsafeMutableBufferPointer { (c) throws(WeightsError) in
                try weights.withUnsafeMutableBufferPointer { (s) throws(WeightsError) in
                    let bad = [try read(.rows, range, into: r), try read(.columns, range, into: c), try read(weights: range, into: s)]
                    try throwFirst(of: bad, range: range, rows: r, columns: c, weights: s)
                }
            }
        }
        return (rows, columns, weights)
    }

    /// The two index arrays of the matrix.
    enum IndexArray { case rows, columns }

    /// Reads entries `range` of an index array into `buffer`, made 0-based; returns the first
    /// position (in `buffer`) whose index is outside its grid, if one is (the rest are then unchecked).
    func read(_ array: IndexArray, _ range: Range<Int>, into buffer: UnsafeMutableBufferPointer<Int32>) throws(WeightsError) -> Int? {
        let variable = array == .rows ? rowVariable : columnVariable
        do {
            try dataset.read(variable, start: [range.lowerBound], count: [range.count], into: buffer)
        } catch {
            throw WeightsError(path: path, "cannot read entries \(range.lowerBound + 1)...\(range.upperBound): \(error.message)")
        }
        let limit = Int32(clamping: array == .rows ? destinationSize : sourceSize)
        for i in buffer.indices {
            guard buffer[i] >= 1 && buffer[i] <= limit else { return i }
            buffer[i] &-= 1
        }
        return nil
    }

    /// Reads the weights of entries `range` into `buffer`; returns the first position whose
    /// weight is not finite, if one is.
    func read(weights range: Range<Int>, into buffer: UnsafeMutableBufferPointer<Double>) throws(WeightsError) -> Int? {
        do {
            if format == .esmf {
                try dataset.read(weightVariable, start: [range.lowerBound], count: [range.count], into: buffer)
            } else {
                try dataset.read(weightVariable, start: [range.lowerBound, 0], count: [range.count, 1], into: buffer)
            }
        } catch {
            throw WeightsError(path: path, "cannot read entries \(range.lowerBound + 1)...\(range.upperBound): \(error.message)")
        }
        return buffer.firstIndex { !$0.isFinite }
    }

    /// Throws for the earliest bad entry among the first bad positions found in the rows, the
    /// columns and the weights of entries `range` (`nil`: none bad); on a tie the row, then the
    /// column is named. The buffers are those the positions were found in.
    func throwFirst(of bad: [Int?], range: Range<Int>, rows: UnsafeMutableBufferPointer<Int32>,
                    columns: UnsafeMutableBufferPointer<Int32>, weights: UnsafeMutableBufferPointer<Double>) throws(WeightsError) {
        guard let i = bad.compactMap({ $0 }).min() else { return }
        let entry = range.lowerBound + i
        if bad[0] == i {
            throw WeightsError(path: path, "entry \(entry + 1) of '\(rowVariable.name)' is \(rows[i]), outside 1...\(destinationSize) "
                + "(the destination grid size)", entry: entry)
        }
        if bad[1] == i {
            throw WeightsError(path: path, "entry \(entry + 1) of '\(columnVariable.name)' is \(columns[i]), outside 1...\(sourceSize) "
                + "(the source grid size)", entry: entry)
        }
        throw WeightsError(path: path, "entry \(entry + 1) of '\(weightVariable.name)' is \(weights[i]), not a finite weight", entry: entry)
    }

    // MARK: Grid arrays

    /// What the file says about one point of a grid.
    public enum GridArray: Sendable {
        case longitude, latitude, area, fraction, mask

        func name(_ side: Side, _ format: Format) -> String {
            let a = side == .source
            switch (self, format) {
            case (.longitude, .esmf): return a ? "xc_a" : "xc_b"
            case (.latitude, .esmf): return a ? "yc_a" : "yc_b"
            case (.area, .esmf): return a ? "area_a" : "area_b"
            case (.fraction, .esmf): return a ? "frac_a" : "frac_b"
            case (.mask, .esmf): return a ? "mask_a" : "mask_b"
            case (.longitude, .scrip): return a ? "src_grid_center_lon" : "dst_grid_center_lon"
            case (.latitude, .scrip): return a ? "src_grid_center_lat" : "dst_grid_center_lat"
            case (.area, .scrip): return a ? "src_grid_area" : "dst_grid_area"
            case (.fraction, .scrip): return a ? "src_grid_frac" : "dst_grid_frac"
            case (.mask, .scrip): return a ? "src_grid_imask" : "dst_grid_imask"
            }
        }
    }

    /// Whether the file has `array` for `side`.
    public func has(_ array: GridArray, of side: Side) -> Bool {
        (try? dataset.variable(named: array.name(side, format))) != nil
    }

    /// Values `range` (0-based point numbers) of a grid array; coordinates in degrees
    /// (converted when the file says `radians`).
    public func read(_ array: GridArray, of side: Side, points range: Range<Int>) throws(WeightsError) -> [Double] {
        let name = array.name(side, format)
        do {
            guard let variable = try dataset.variable(named: name) else {
                throw WeightsError(path: path, "missing variable '\(name)'")
            }
            let size = side == .source ? sourceSize : destinationSize
            guard variable.shape == [size] else {
                throw WeightsError(path: path, "variable '\(name)' has shape \(variable.shape), expected [\(size)]")
            }
            var values: [Double] = try dataset.read(variable, start: [range.lowerBound], count: [range.count])
            if array == .longitude || array == .latitude, try dataset.attribute("units", of: variable)?.text?.lowercased() == "radians" {
                values = values.map { $0 * 180 / Double.pi }
            }
            return values
        } catch let error as WeightsError {
            throw error
        } catch {
            throw WeightsError(path: path, "cannot read '\(name)': \(error)")
        }
    }

    /// Checks the map fits a grid of `points` points with shape `shape` on `side`; the message
    /// names the grid (`gridName`) and both sizes.
    public func checkFits(_ side: Side, points: Int, gridName: String) throws(WeightsError) {
        let size = side == .source ? sourceSize : destinationSize
        guard size == points else {
            throw WeightsError(path: path, "the \(side.rawValue) grid of the map has \(size) points, but \(gridName) has \(points)")
        }
    }
}
