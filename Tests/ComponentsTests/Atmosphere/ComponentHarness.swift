import Components
import Coupling
import Foundation
import MPI
import Namelist
import NetCDF
import Synchronization
import TimeManager

/// MPI for the component tests: initialised once; collective calls (the components'
/// `finalize`) take `lock`, so tests running on different threads never call MPI at once.
enum TestMPI {
    static let world: Communicator = {
        do {
            try MPIRuntime.initialize(threadLevel: .serialized)
            return try Communicator.world()
        } catch {
            fatalError("cannot initialise MPI for the component tests: \(error)")
        }
    }()
    static let lock = Mutex(())
}

/// A temporary folder with a small SCRIP grid (`grid.nc`: 6 latitudes × 8 longitudes, the
/// first two longitudes land) and a namelist, and contexts for running a component on it.
final class ComponentHarness: Sendable {
    static let latitudes: [Double] = [-75, -45, -15, 15, 45, 75]
    static let longitudeCount = 8
    let directory: String
    let logPath: String

    /// A harness whose namelist is `namelist` (grid files are `grid.nc`).
    init(namelist: String) throws {
        directory = NSTemporaryDirectory() + "components-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        logPath = directory + "/component.log"
        try namelist.write(toFile: directory + "/test.nml", atomically: true, encoding: .utf8)
        try Self.writeGrid(to: directory + "/grid.nc")
    }

    deinit {
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Whether the grid's point `index` is land.
    static func isLand(_ index: Int) -> Bool { index % longitudeCount < 2 }

    /// The latitude of the grid's point `index`.
    static func latitude(_ index: Int) -> Double { latitudes[index / longitudeCount] }

    /// The start of the runs: 1 January of year 1.
    static let startTime = ModelTime(seconds: 365 * 86_400)

    /// A context for component `kind` with `threads` threads, logging to `logPath`, for a run
    /// that starts at `start` (default `startTime`) and stops a day after `startTime`.
    func context(_ kind: ComponentKind, threads: Int, start: ModelTime = ComponentHarness.startTime) throws -> ComponentContext {
        let text = try String(contentsOfFile: directory + "/test.nml", encoding: .utf8)
        return ComponentContext(kind: kind, modelName: "test", communicator: TestMPI.world, threads: ThreadTeam(count: threads),
                                namelist: try NamelistDocument.parse(text, file: directory + "/test.nml"),
                                namelistDirectory: directory, calendar: .noLeap, startTime: start, couplingInterval: 3600,
                                stopTime: Self.startTime + 86_400, runDirectory: directory, caseName: "test",
                                log: ComponentLog(file: try LogFile(path: logPath, append: true)))
    }

    /// The log's text.
    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    private static func writeGrid(to path: String) throws {
        let n = latitudes.count * longitudeCount
        let file = try Dataset.create(at: path)
        let size = try file.defineDimension("grid_size", length: n)
        let rank = try file.defineDimension("grid_rank", length: 2)
        let dims = try file.defineVariable("grid_dims", type: .int, dimensions: [rank])
        let lat = try file.defineVariable("grid_center_lat", type: .double, dimensions: [size])
        let lon = try file.defineVariable("grid_center_lon", type: .double, dimensions: [size])
        let area = try file.defineVariable("grid_area", type: .double, dimensions: [size])
        let mask = try file.defineVariable("grid_imask", type: .int, dimensions: [size])
        try file.setAttribute("units", .text("degrees"), of: lat)
        try file.setAttribute("units", .text("degrees"), of: lon)
        try file.endDefinitions()
        try file.write([Int32(longitudeCount), Int32(latitudes.count)], to: dims)
        try file.write((0 ..< n).map { latitude($0) }, to: lat)
        try file.write((0 ..< n).map { Double($0 % longitudeCount) * 360 / Double(longitudeCount) }, to: lon)
        try file.write((0 ..< n).map { 4 * Double.pi / Double(n) * cos(latitude($0) * Double.pi / 180) }, to: area)
        try file.write((0 ..< n).map { Int32(isLand($0) ? 0 : 1) }, to: mask)
        try file.close()
    }
}

/// A component set up on a harness: its setup and bundles, driven like the driver does.
final class ComponentRun {
    let model: any Component
    let context: ComponentContext
    let setup: ComponentSetup
    var exports: FieldBundle
    var time: ModelTime

    /// Initialises `model` as component `kind` on `harness` with `threads` threads for a run
    /// starting at `start`, reads the restart file `restart` if given (as the driver does when a
    /// run continues) and fills its initial exports.
    init(_ model: any Component, _ kind: ComponentKind, on harness: ComponentHarness, threads: Int,
         start: ModelTime = ComponentHarness.startTime, restart: String? = nil) throws {
        self.model = model
        context = try harness.context(kind, threads: threads, start: start)
        setup = try model.initialize(context: context)
        exports = FieldBundle(fields: setup.exports, pointCount: setup.domain.localSize)
        time = context.startTime
        if let restart { try readRestart(restart) }
        try model.initialExports(&exports, context: context)
    }

    /// Writes the component's restart file at `path` (collective, under the MPI lock).
    func writeRestart(to path: String) throws {
        try TestMPI.lock.withLock { _ in
            let writer = RestartWriter(communicator: context.communicator, domain: setup.domain)
            try model.writeRestart(writer, context: context)
            try writer.write(to: path, title: "\(context.kind.rawValue) restart of the component tests")
        }
    }

    /// Reads the restart file at `path` into the component (collective, under the MPI lock).
    private func readRestart(_ path: String) throws {
        try TestMPI.lock.withLock { _ in
            let reader = try RestartReader(path: path, communicator: context.communicator, domain: setup.domain)
            do {
                try model.readRestart(reader, context: context)
            } catch {
                try? reader.close()
                throw error
            }
            try reader.close()
        }
    }

    /// The global index of each local point.
    var globalIndices: [Int] {
        let decomposition = setup.domain.decomposition
        return (0 ..< decomposition.localSize).map { decomposition.globalIndex(ofLocal: $0) }
    }

    /// Empty imports of the component.
    var blankImports: FieldBundle { FieldBundle(fields: setup.imports, pointCount: setup.domain.localSize) }

    /// Runs one coupling interval with `imports`.
    func step(_ imports: FieldBundle) throws {
        let end = time + context.couplingInterval
        try model.run(from: time, until: end, imports: imports, exports: &exports, context: context)
        time = end
    }

    /// Ends the run (collective, under the MPI lock).
    func finalize() throws {
        try TestMPI.lock.withLock { _ in try model.finalize(context: context) }
    }
}
