#if canImport(Glibc)
import Glibc
#endif
import MPI
import NetCDF

/// A grid as the coupler writes it in history files: the grid, the coupler's decomposition
/// of it on this rank, and this rank's coordinates, areas and masks.
public struct HistoryGrid: Sendable {
    /// The prefix of its dimension and coordinate names (`atm`, `ocn`).
    public let prefix: String
    /// The grid and this rank's points of it.
    public let domain: Domain

    /// The grid of `domain`, its names in the file starting with `prefix`.
    public init(prefix: String, domain: Domain) {
        self.prefix = prefix
        self.domain = domain
    }
}

/// Fields of one bundle as written: variables `<name>_<field>` on one grid.
public struct HistoryBundle: Sendable {
    /// The bundle's name in the file (`a2x`, `x2o`, `fractions_a`, ...).
    public let name: String
    /// Which of the file's grids the bundle lives on.
    public let gridPrefix: String
    /// The fields, over this rank's points of the grid.
    public let bundle: FieldBundle
    /// Long names and units of fields that are not registered coupling fields (fractions, ...).
    public let extraDescriptions: [String: (longName: String, units: String)]

    /// The fields of `bundle`, written as `<name>_<field>` on the grid named `gridPrefix`.
    public init(name: String, gridPrefix: String, bundle: FieldBundle, extraDescriptions: [String: (longName: String, units: String)] = [:]) {
        self.name = name
        self.gridPrefix = gridPrefix
        self.bundle = bundle
        self.extraDescriptions = extraDescriptions
    }
}

/// The time coordinate of a history record: days since `units`' reference date, in `calendar`,
/// and for a file of time means the bounds of the averaging period.
public struct HistoryTime: Sendable {
    /// The record's time, days since the reference date.
    public let days: Double
    /// CF units of the time coordinate (`days since 0001-01-01 00:00:00`).
    public let units: String
    /// The CF calendar name (`noleap`, `proleptic_gregorian`).
    public let calendar: String
    /// The averaging period's first and last moment, days since the reference date; `nil` for
    /// instantaneous values.
    public let bounds: (start: Double, end: Double)?

    /// The time `days` in `units` and `calendar`, the mean over `bounds` when given.
    public init(days: Double, units: String, calendar: String, bounds: (start: Double, end: Double)? = nil) {
        self.days = days
        self.units = units
        self.calendar = calendar
        self.bounds = bounds
    }
}

/// Writes a coupler history file (one time record) with PnetCDF: every rank of the coupler
/// writes its points in global index order, so the file is the same bytes for any layout.
/// The file is written as `PATH.incomplete` and renamed to `PATH` only when it has its full
/// size, so a full disk (which the MPI-IO layer may report only on standard error) gives an
/// error and never a truncated file in place of a good one.
/// CF conventions: `time` with units and calendar, 2-D latitude/longitude for each grid named in
/// every variable's `coordinates`, long names and units; a file of time means has `time_bnds`
/// (named by `time`'s `bounds`) and `cell_methods = "time: mean"` on every field.
public enum HistoryFile {
    /// What a file being written is called until it is complete: `NAME.incomplete`.
    public static let temporarySuffix = ".incomplete"

    /// Writes `path` collectively over `communicator`; coupling fields get their long names and
    /// units from `table`.
    public static func write(path: String, communicator: Communicator, title: String, caseName: String,
                             time: HistoryTime, grids: [HistoryGrid],
                             bundles: [HistoryBundle], table: ExchangeTable) throws(NetCDFError) {
        let temporary = path + temporarySuffix
        let file = try ParallelDataset.create(at: temporary, communicator: communicator, format: .offset64)
        var written = [Variable]()
        let timeDimension = try file.defineDimension("time", length: nil)
        let timeVariable = try file.defineVariable("time", type: .double, dimensions: [timeDimension])
        written.append(timeVariable)
        try file.setAttribute("long_name", .text("time"), of: timeVariable)
        try file.setAttribute("units", .text(time.units), of: timeVariable)
        try file.setAttribute("calendar", .text(time.calendar), of: timeVariable)
        var boundsVariable: Variable?
        if time.bounds != nil {
            let bound = try file.defineDimension("nbnd", length: 2)
            let variable = try file.defineVariable("time_bnds", type: .double, dimensions: [timeDimension, bound])
            try file.setAttribute("long_name", .text("time interval endpoints"), of: variable)
            try file.setAttribute("bounds", .text("time_bnds"), of: timeVariable)
            written.append(variable)
            boundsVariable = variable
        }
        var gridDimensions = [String: [Dimension]]()
        var coordinates = [(HistoryGrid, [(Variable, [Double])])]()
        for grid in grids {
            let d = grid.domain
            let dims = try zip(d.grid.dimensionNames, d.grid.shape).map { name, length throws(NetCDFError) in
                try file.defineDimension("\(grid.prefix)_\(name)", length: length)
            }
            gridDimensions[grid.prefix] = dims
            var list = [(Variable, [Double])]()
            for (name, long, units, values) in [("lat", "latitude", "degrees_north", d.latitude), ("lon", "longitude", "degrees_east", d.longitude),
                                               ("area", "cell area", "steradian", d.area), ("mask", "mask (1 = active)", "1", d.mask)] {
                let v = try file.defineVariable("\(grid.prefix)_\(name)", type: .double, dimensions: dims)
                try file.setAttribute("long_name", .text("\(d.grid.name) grid \(long)"), of: v)
                try file.setAttribute("units", .text(units), of: v)
                if name == "lat" || name == "lon" { try file.setAttribute("standard_name", .text(long), of: v) }
                list.append((v, values))
                written.append(v)
            }
            coordinates.append((grid, list))
        }
        var data = [(HistoryBundle, [Variable])]()
        for entry in bundles {
            guard let dims = gridDimensions[entry.gridPrefix] else { continue }
            var variables = [Variable]()
            for field in entry.bundle.fieldNames {
                let v = try file.defineVariable("\(entry.name)_\(field)", type: .double, dimensions: [timeDimension] + dims)
                let registered = table.description(of: field)
                let extra = entry.extraDescriptions[field]
                try file.setAttribute("long_name", .text(registered?.longName ?? extra?.longName ?? field), of: v)
                try file.setAttribute("units", .text(registered?.units ?? extra?.units ?? "1"), of: v)
                try file.setAttribute("coordinates", .text("\(entry.gridPrefix)_lat \(entry.gridPrefix)_lon"), of: v)
                if time.bounds != nil { try file.setAttribute("cell_methods", .text("time: mean"), of: v) }
                variables.append(v)
                written.append(v)
            }
            data.append((entry, variables))
        }
        try file.setAttribute("title", .text(title))
        try file.setAttribute("case", .text(caseName))
        try file.setAttribute("Conventions", .text("CF-1.8"))
        try file.setAttribute("source", .text("coupled-driver"))
        try file.endDefinitions()
        let expectedSize = try file.endOfFirstRecord(of: written)

        if communicator.rank == 0 {
            try [time.days].withUnsafeBufferPointer { (b) throws(NetCDFError) in try file.enqueueWrite(b, to: timeVariable, start: [0], count: [1]) }
            if let bounds = time.bounds, let boundsVariable {
                try [bounds.start, bounds.end].withUnsafeBufferPointer { (b) throws(NetCDFError) in
                    try file.enqueueWrite(b, to: boundsVariable, start: [0, 0], count: [1, 2])
                }
            }
        }
        for (grid, list) in coordinates {
            let slabs = slabsOf(grid.domain)
            for (variable, values) in list {
                try enqueue(values, slabs: slabs, to: variable, in: file, leading: [])
            }
        }
        for (entry, variables) in data {
            let grid = grids.first { $0.prefix == entry.gridPrefix }!
            let slabs = slabsOf(grid.domain)
            for (f, variable) in variables.enumerated() {
                try enqueue(entry.bundle.values(of: entry.bundle.fieldNames[f]), slabs: slabs, to: variable, in: file, leading: [0])
            }
        }
        try file.close()
        try publish(temporary, as: path, expectedSize: expectedSize, communicator: communicator)
    }

    /// Renames the written file to its final name if it has its full size (rank 0), or throws
    /// on every rank.
    private static func publish(_ temporary: String, as path: String, expectedSize: Int, communicator: Communicator) throws(NetCDFError) {
        var problem = ""
        if communicator.rank == 0 {
            var status = stat()
            if stat(temporary, &status) != 0 {
                problem = "cannot be checked: \(String(cString: strerror(errno)))"
            } else if Int(status.st_size) < expectedSize {
                problem = "was not written completely (\(status.st_size) of \(expectedSize) bytes; is the file system full?)"
            } else {
                do { try renameFile(temporary, to: path) } catch { problem = "cannot be renamed from \(temporary): \(error.reason)" }
            }
        }
        do {
            problem = try communicator.broadcast(problem, root: 0)
        } catch {
            throw NetCDFError(code: -1, path: path, subject: nil, operation: "writing", message: "\(error)")
        }
        if !problem.isEmpty { throw NetCDFError(code: -1, path: path, subject: nil, operation: "writing", message: problem) }
    }

    /// The hyperslabs of this rank's points, with each one's first local index.
    private static func slabsOf(_ domain: Domain) -> [(GridHyperslab, Int)] {
        var result = [(GridHyperslab, Int)]()
        var local = 0
        for segment in domain.decomposition.segments {
            for slab in hyperslabs(covering: segment.start ..< segment.end, shape: domain.grid.shape) {
                result.append((slab, local + slab.firstPoint - segment.start))
            }
            local += segment.count
        }
        return result
    }

    private static func enqueue(_ values: [Double], slabs: [(GridHyperslab, Int)], to variable: Variable, in file: ParallelDataset,
                                leading: [Int]) throws(NetCDFError) {
        for (slab, local) in slabs {
            try values[local ..< local + slab.pointCount].withUnsafeBufferPointer { (b) throws(NetCDFError) in
                try file.enqueueWrite(b, to: variable, start: leading + slab.start, count: leading.map { _ in 1 } + slab.count)
            }
        }
    }
}
