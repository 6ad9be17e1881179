import Coupling
import MPI
import NetCDF
import TimeManager

/// The river model (`rof = 'reservoir'`): linear-reservoir routing (`LinearReservoirRouting`)
/// over the D8 network of the topography in its grid file (`RiverNetwork`). It imports the
/// land's runoff on its grid (`Fall_rofl`, kg m-2 s-1 of river-grid cell) and exports the
/// discharge into the ocean cells of its grid (`Forr_rofl`, per unit cell area), which the
/// coupler moves to the nearest ocean point (`rof2ocn_fmapname`).
///
/// Every rank of the river routes the whole grid: a river crosses any decomposition, and the
/// grid is small (64 800 cells at 1°). Each rank exports, saves and writes its own points, so
/// every layout gives the same bits. Settings: namelist group `&reservoir_rof_nml`.
public final class ReservoirRiver: Component {
    /// What a point saves: its storage, its last discharge and its run totals.
    private struct Point: Sendable {
        var storage = 0.0
        var discharge = 0.0
        var runoffIn = 0.0
        var dischargeOut = 0.0
    }

    private var domain = Domain.empty
    /// This rank's cells (global indices), in its points' order.
    private var ownCells: [Int] = []
    private var routing: LinearReservoirRouting?
    /// The whole grid's points; each rank's own are `domain`'s.
    private var points: [Point] = []

    /// The model's name in its restart files.
    static let restartModel = "reservoir river"

    private static var restartVariables: [RestartVariable<Point>] { [
        RestartVariable("storage", "river water held in the cell", "kg", \.storage),
        RestartVariable("Forr_rofl", "last exported discharge into the ocean", "kg m-2 s-1", \.discharge),
        RestartVariable("runoff_in", "runoff received over the run", "kg", \.runoffIn),
        RestartVariable("discharge_out", "water discharged into the ocean over the run", "kg", \.dischargeOut),
    ] }

    /// A river model waiting for `initialize`.
    public init() {}

    /// Reads its namelist group and the header of its grid file: the problems, or its setup.
    public func check(_ preflight: ModelPreflight) -> ModelCheck { ReservoirRiverSettings.check(preflight) }

    /// Reads `&reservoir_rof_nml`, the grid and its topography, and derives the river network.
    public func initialize(context: ComponentContext) throws -> ComponentSetup {
        let settings = try ReservoirRiverSettings(namelist: context.namelist)
        let path = context.resolvePath(settings.gridFile)
        domain = try context.blockDomain(gridFile: settings.gridFile)
        ownCells = domain.decomposition.segments.flatMap { Array($0.start ..< $0.end) }
        let grid = try ScripGrid(path: path, name: context.kind.rawValue)
        guard grid.description.shape.count == 2 else {
            throw GridError(path: path, "the river grid must be a longitude–latitude grid (grid_dims of 2 values); it has \(grid.description.shape)")
        }
        let whole = try grid.domain(for: .block(globalSize: grid.description.size, parts: 1, part: 0))
        let elevation = try Self.topography(path: path, size: grid.description.size)
        let network: RiverNetwork, routing: LinearReservoirRouting
        do {
            network = try RiverNetwork(longitudeCount: grid.description.shape[1], latitudeCount: grid.description.shape[0],
                                       isOcean: elevation.map { $0 < 0 }, elevation: elevation)
            let radius2 = PhysicalConstants.earthRadius * PhysicalConstants.earthRadius
            routing = try LinearReservoirRouting(network: network, longitude: whole.longitude, latitude: whole.latitude,
                                                 area: whole.area.map { $0 * radius2 }, velocity: settings.velocity)
        } catch {
            throw GridError(path: path, "\(error)")
        }
        self.routing = routing
        points = [Point](repeating: Point(), count: network.cellCount)
        let mouths = Set(network.downstream.indices.compactMap { cell in network.downstream[cell].flatMap { network.isOcean[$0] ? $0 : nil } })
        let land = network.upstreamFirst.count
        context.log.write("\(context.kind.label): reservoir river on \(domain.grid) from \(path): \(land) land cells draining "
            + "into \(mouths.count) ocean cells, velocity \(settings.velocity) m/s")
        return ComponentSetup(domain: domain, exports: ExchangeTable.standard.exports(of: .rof), imports: ExchangeTable.standard.imports(of: .rof))
    }

    /// The surface elevation `topo` (m) of every cell of the grid file at `path`.
    private static func topography(path: String, size: Int) throws -> [Double] {
        do {
            let file = try Dataset(openingAt: path)
            guard let topo = try file.variable(named: "topo"), topo.shape == [size] else {
                throw GridError(path: path, "the river grid needs the surface elevation 'topo' (m, one value per cell): "
                    + "make the grid with mapping-weights/make-river.sh")
            }
            let values: [Double] = try file.read(topo)
            return values
        } catch let error as GridError {
            throw error
        } catch {
            throw GridError(path: path, "reading 'topo': \(error)")
        }
    }

    /// Exports the discharge of the last run: 0 at the start; after `readRestart`, the last
    /// discharge before the restart.
    public func initialExports(_ exports: inout FieldBundle, context: ComponentContext) throws {
        try write(&exports)
    }

    /// Routes the interval's runoff and exports the discharge into the ocean cells.
    public func run(from start: ModelTime, until end: ModelTime, imports: FieldBundle, exports: inout FieldBundle,
                    context: ComponentContext) throws {
        guard self.routing != nil else { return }
        let own = try imports.requiredIndex(of: "Fall_rofl", for: "reservoir river imports")
        let runoff = try context.communicator.allGatherv((0 ..< imports.pointCount).map { imports[field: own, point: $0] })
            .flatMap { $0 }
        let seconds = Double(end - start)
        let discharge: [Double]
        // Stepped where it is stored, so the storage is not copied.
        do { discharge = try self.routing!.step(runoff: runoff, seconds: seconds) } catch {
            throw RiverNetworkError("\(context.kind.label): \(error), in the interval from \(context.calendar.date(of: start))")
        }
        let routing = self.routing!
        for cell in points.indices {
            points[cell].storage = routing.storage[cell]
            points[cell].discharge = discharge[cell]
            points[cell].runoffIn += runoff[cell] * routing.area[cell] * seconds
            points[cell].dischargeOut += discharge[cell] * routing.area[cell] * seconds
        }
        try write(&exports)
    }

    /// Writes this rank's discharges and the water its cells hold, per unit area, into `exports`.
    private func write(_ exports: inout FieldBundle) throws {
        let field = try exports.requiredIndex(of: "Forr_rofl", for: "reservoir river exports")
        let water = try exports.requiredIndex(of: "Sr_wstor", for: "reservoir river exports")
        for (p, cell) in ownCells.enumerated() {
            exports[field: field, point: p] = points[cell].discharge
            exports[field: water, point: p] = routing.map { points[cell].storage / $0.area[cell] } ?? 0
        }
    }

    /// The saved state of this rank's points and where each drains, for the history file.
    public func historyVariables(context: ComponentContext) throws -> [HistoryVariable] {
        let cells = ownCells
        let downstream = routing.map { routing in cells.map { Double((routing.network.downstream[$0] ?? -1) + 1) } } ?? []
        return Self.restartVariables.historyVariables(of: cells.map { points[$0] })
            + [HistoryVariable(name: "downstream", longName: "the cell this one drains to (global index from 1; 0: none, an ocean cell or a closed basin)",
                               units: "1", values: downstream)]
    }

    /// Writes each of this rank's cells' storage, last discharge and run totals.
    public func writeRestart(_ writer: RestartWriter, context: ComponentContext) throws {
        writer.addModel(Self.restartModel)
        writer.addFields(Self.restartVariables, of: ownCells.map { points[$0] })
    }

    /// Restores what `writeRestart` saved, on every rank for the whole grid (collective).
    public func readRestart(_ reader: RestartReader, context: ComponentContext) throws {
        try reader.checkModel(Self.restartModel, domain: domain)
        let own = try reader.readFields(Self.restartVariables, into: ownCells.map { points[$0] })
        var whole = [[Double]]()
        for variable in Self.restartVariables {
            whole.append(try context.communicator.allGatherv(own.map { $0[keyPath: variable.value] }).flatMap { $0 })
        }
        for cell in points.indices {
            for (k, variable) in Self.restartVariables.enumerated() { points[cell][keyPath: variable.value] = whole[k][cell] }
        }
        routing?.storage = points.map(\.storage)
        context.log.write("\(context.kind.label): reservoir river continues from \(reader.path)")
    }

    /// Writes the run's water balance to the log: runoff in, discharge out, the change of the
    /// water held and what is left over (round-off).
    public func finalize(context: ComponentContext) throws {
        guard context.communicator.rank == 0 else { return }
        let runoffIn = points.reduce(0) { $0 + $1.runoffIn }, dischargeOut = points.reduce(0) { $0 + $1.dischargeOut }
        let storage = points.reduce(0) { $0 + $1.storage }
        context.log.write("\(context.kind.label): reservoir river over the run: runoff in \(runoffIn) kg, discharge out "
            + "\(dischargeOut) kg, water held at the end \(storage) kg")
    }
}
