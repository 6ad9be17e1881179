import MPI
import NetCDF

/// What a component (or the coupler) saves in its restart file: fields over its grid, one value
/// per local point in local order, and named numbers and texts. The file is written collectively
/// with PnetCDF by every task of the component, each field in global index order, so it can be
/// read back on any other layout (tasks, threads, roots, strides).
///
/// The file ends with a marker written after every field, and is read back once written: a file
/// the file system did not take in full (a full disk, which the MPI-IO layer may only report on
/// standard error) is an error, never a restart that passes for complete.
public final class RestartWriter {
    /// The scalar a complete restart file ends with (value 1): fixed-size variables lie in the
    /// file in the order they are defined, and this one is defined last, so a file cut short
    /// has lost it.
    public static let completionMarker = "restart_file_complete"

    /// The component's communicator: every task writes its points.
    public let communicator: Communicator
    /// The grid and this task's points (the default grid of `addField`).
    public let domain: Domain
    private var grids: [Domain] = []
    private var fields: [(name: String, values: [Double], grid: Int, longName: String, units: String)] = []
    private var numbers: [(name: String, value: Double)] = []
    private var texts: [(name: String, value: String)] = []

    /// A writer for the tasks of `communicator`, each saving fields over its points of `domain`.
    /// The driver makes it and writes the file; a component only adds to it.
    public init(communicator: Communicator, domain: Domain) {
        self.communicator = communicator
        self.domain = domain
        grids = [domain]
    }

    /// Saves a field: one value per local point of the writer's grid.
    public func addField(_ name: String, _ values: [Double], longName: String = "", units: String = "") {
        addField(name, values, on: domain, longName: longName, units: units)
    }

    /// Saves a field over another grid (the coupler saves fields of both its grids in one file);
    /// grids are told apart by name, and their dimensions are named `<grid>_<dimension>`.
    public func addField(_ name: String, _ values: [Double], on grid: Domain, longName: String = "", units: String = "") {
        precondition(values.count == grid.localSize, "restart field \(name): \(values.count) values for \(grid.localSize) points")
        let index = grids.firstIndex { $0.grid == grid.grid } ?? { grids.append(grid); return grids.count - 1 }()
        fields.append((name, values, index, longName, units))
    }

    /// Saves a number (the same on every task).
    public func addNumber(_ name: String, _ value: Double) { numbers.append((name, value)) }

    /// Saves a text (the same on every task).
    public func addText(_ name: String, _ value: String) { texts.append((name, value)) }

    /// Writes everything saved to `path` and reads it back (collective over `communicator`).
    /// Every task throws alike when the file does not hold what was saved.
    public func write(to path: String, title: String) throws(RestartError) {
        do {
            try writeFile(path, title: title)
        } catch {
            throw RestartError(path: path, "cannot be written: \(error.subject.map { "\($0): " } ?? "")\(error.operation): \(error.message)")
        }
        try verify(path)
    }

    private func writeFile(_ path: String, title: String) throws(NetCDFError) {
        let file = try ParallelDataset.create(at: path, communicator: communicator, format: .cdf5)
        var gridDimensions = [[Dimension]]()
        for (index, d) in grids.enumerated() {
            gridDimensions.append(try zip(d.grid.dimensionNames, d.grid.shape).map { name, length throws(NetCDFError) in
                try file.defineDimension(RestartWriter.dimensionName(name, grid: d.grid, primary: index == 0), length: length)
            })
        }
        var variables = [Variable]()
        for field in fields {
            let v = try file.defineVariable(field.name, type: .double, dimensions: gridDimensions[field.grid])
            if !field.longName.isEmpty { try file.setAttribute("long_name", .text(field.longName), of: v) }
            if !field.units.isEmpty { try file.setAttribute("units", .text(field.units), of: v) }
            variables.append(v)
        }
        try file.setAttribute("title", .text(title))
        try file.setAttribute("grid", .text(domain.grid.name))
        for (name, value) in numbers { try file.setAttribute("number_\(name)", .doubles([value])) }
        for (name, value) in texts { try file.setAttribute("text_\(name)", .text(value)) }
        let marker = try file.defineVariable(Self.completionMarker, type: .double, dimensions: [])
        try file.endDefinitions()
        let slabsPerGrid = grids.map { d in
            var slabs = [(GridHyperslab, Int)]()
            var local = 0
            for segment in d.decomposition.segments {
                for slab in hyperslabs(covering: segment.start ..< segment.end, shape: d.grid.shape) {
                    slabs.append((slab, local + slab.firstPoint - segment.start))
                }
                local += segment.count
            }
            return slabs
        }
        for (field, variable) in zip(fields, variables) {
            for (slab, first) in slabsPerGrid[field.grid] {
                try field.values[first ..< first + slab.pointCount].withUnsafeBufferPointer { (b) throws(NetCDFError) in
                    try file.enqueueWrite(b, to: variable, start: slab.start, count: slab.count)
                }
            }
        }
        if communicator.isRoot {
            try [1.0].withUnsafeBufferPointer { (b) throws(NetCDFError) in try file.enqueueWrite(b, to: marker, start: [], count: []) }
        }
        // No `sync` here: the set is flushed to disk when it is published (`RestartSet.publish`),
        // and Open MPI 4.1's collective file sync leaves the other ranks inside it when the
        // flush fails on one rank (a full disk), where no agreement can free them.
        try file.flushWrites()
        try file.close()
    }

    /// Reads `path` back and compares every field, number and text with what was saved.
    private func verify(_ path: String) throws(RestartError) {
        let failure = "was not written completely (is the file system full?): "
        var readBack = [[Double]]()
        var numbersRead = [Double?](), textsRead = [String?]()
        do {
            let reader = try RestartReader(path: path, communicator: communicator, domain: domain)
            for field in fields { readBack.append(try reader.field(field.name, on: grids[field.grid])) }
            numbersRead = numbers.map { try? reader.number($0.name) }
            textsRead = texts.map { try? reader.text($0.name) }
            try reader.close()
        } catch {
            let message = error.message.hasPrefix(RestartReader.incomplete)
                ? "the marker written last is missing" + error.message.dropFirst(RestartReader.incomplete.count) : error.message
            throw RestartError(path: path, failure + message)
        }
        let sameBits = { (a: Double, b: Double) in a.bitPattern == b.bitPattern }
        var difference: String? = nil
        if let i = fields.indices.first(where: { !readBack[$0].elementsEqual(fields[$0].values, by: sameBits) }) {
            difference = "field '\(fields[i].name)' reads back other values than were written"
        } else if let i = numbers.indices.first(where: { i in numbersRead[i].map { sameBits($0, numbers[i].value) } != true }) {
            difference = "number '\(numbers[i].name)' reads back differently"
        } else if let i = texts.indices.first(where: { textsRead[$0] != texts[$0].value }) {
            difference = "text '\(texts[i].name)' reads back differently"
        }
        let tasksWithDifferences: Int
        do {
            tasksWithDifferences = try communicator.allReduce(difference == nil ? 0 : 1, .sum)
        } catch {
            throw RestartError(path: path, "cannot be checked: \(error)")
        }
        if tasksWithDifferences > 0 {
            throw RestartError(path: path, failure + (difference ?? "the part of another task reads back other values than were written"))
        }
    }

    /// The file's name of a grid dimension: as the grid names it for the writer's own grid,
    /// `<grid>_<dimension>` for the others.
    static func dimensionName(_ name: String, grid: GridDescription, primary: Bool) -> String {
        primary ? name : "\(grid.name)_\(name)"
    }
}

/// Reads a restart file written by `RestartWriter`, for the points of any decomposition of the
/// same grid (collective over the communicator that opens it). A file without the writer's
/// completion marker (cut short) is refused.
public final class RestartReader {
    /// What is wrong with a file that lacks the completion marker.
    static let incomplete = "is incomplete: it lacks the marker a complete restart file ends with (cut short by a full disk or an interrupted copy?)"

    /// The restart file.
    public let path: String
    /// The grid fields are read on unless another is named.
    public let domain: Domain
    private let file: ParallelDataset

    /// Opens `path` for the points of `domain` (collective over `communicator`); the file's grid
    /// must have the domain's shape.
    public init(path: String, communicator: Communicator, domain: Domain) throws(RestartError) {
        self.path = path
        self.domain = domain
        do {
            file = try ParallelDataset.open(at: path, communicator: communicator)
            let shape = try domain.grid.dimensionNames.map { name throws(NetCDFError) -> Int in try file.dimension(named: name)?.length ?? -1 }
            guard shape == domain.grid.shape else {
                throw RestartError(path: path, "the file's grid is \(shape), the run's \(domain.grid) is \(domain.grid.shape)")
            }
            guard let marker = try file.variable(named: RestartWriter.completionMarker) else {
                throw RestartError(path: path, RestartReader.incomplete)
            }
            // A marker that cannot be read is as good as missing, but the reason is told.
            let value: [Double]
            do { value = try file.readAll(marker, start: [], count: []) } catch {
                throw RestartError(path: path, RestartReader.incomplete + " (reading it: \(error))")
            }
            guard value == [1] else { throw RestartError(path: path, RestartReader.incomplete) }
        } catch let error as RestartError {
            throw error
        } catch {
            throw RestartError(path: path, "cannot be read: \(error)")
        }
    }

    /// Checks on this process alone that `path` is a complete restart file: it opens as netCDF
    /// and ends with the writer's completion marker.
    public static func checkComplete(path: String) throws(RestartError) {
        let file: Dataset
        do { file = try Dataset(openingAt: path) } catch { throw RestartError(path: path, "cannot be opened: \(error.message)") }
        let marker = try? file.variable(named: RestartWriter.completionMarker)
        guard marker.flatMap({ try? file.read($0) as [Double] }) == [1] else { throw RestartError(path: path, incomplete) }
    }

    /// The values of field `name` at this task's points of the reader's grid.
    public func field(_ name: String) throws(RestartError) -> [Double] {
        try field(name, on: domain)
    }

    /// The values of field `name` at this task's points of `grid` (a field saved on another grid).
    public func field(_ name: String, on grid: Domain) throws(RestartError) -> [Double] {
        do {
            guard let variable = try file.variable(named: name) else {
                throw RestartError(path: path, "has no field '\(name)' (written by another model or version?)")
            }
            guard variable.shape == grid.grid.shape else {
                throw RestartError(path: path, "field '\(name)' is on a grid of shape \(variable.shape), the run's \(grid.grid) is \(grid.grid.shape)")
            }
            var values = [Double]()
            values.reserveCapacity(grid.localSize)
            var slabs = [GridHyperslab]()
            for segment in grid.decomposition.segments { slabs += hyperslabs(covering: segment.start ..< segment.end, shape: grid.grid.shape) }
            // Collective reads: every task reads the same number of times, empty when it has no more.
            let reads = try file.communicator.allReduce(slabs.count, .maximum)
            for i in 0 ..< reads {
                if i < slabs.count {
                    values += try file.readAll(variable, start: slabs[i].start, count: slabs[i].count) as [Double]
                } else {
                    _ = try file.readAll(variable, start: grid.grid.shape.map { _ in 0 }, count: grid.grid.shape.map { _ in 0 }) as [Double]
                }
            }
            return values
        } catch let error as RestartError {
            throw error
        } catch {
            throw RestartError(path: path, "field '\(name)': \(error)")
        }
    }

    /// Whether the file has a field called `name`.
    public func hasField(_ name: String) -> Bool { (try? file.variable(named: name)) != nil }

    /// The number saved as `name`.
    public func number(_ name: String) throws(RestartError) -> Double {
        guard let value = try? file.attribute("number_\(name)")?.doubles?.first else {
            throw RestartError(path: path, "has no number '\(name)'")
        }
        return value
    }

    /// The text saved as `name`.
    public func text(_ name: String) throws(RestartError) -> String {
        guard let value = try? file.attribute("text_\(name)")?.text else {
            throw RestartError(path: path, "has no text '\(name)'")
        }
        return value
    }

    /// Closes the file (collective).
    public func close() throws(RestartError) {
        do { try file.close() } catch { throw RestartError(path: path, "cannot be closed: \(error)") }
    }
}

/// A restart file that cannot be used, or does not match the run.
public struct RestartError: Error, Sendable, CustomStringConvertible {
    /// The restart file.
    public let path: String
    /// What is wrong with it.
    public let message: String
    /// An error saying `message` about the restart file at `path`.
    public init(path: String, _ message: String) {
        self.path = path
        self.message = message
    }
    /// `restart file PATH: MESSAGE`.
    public var description: String { "restart file \(path): \(message)" }
}
