import Coupling
import Namelist
import TimeManager

/// The slab ocean (`ocn = 'slab'`): a mixed layer of fixed depth on each ocean point
/// (`grid_imask` = 1) whose temperature and salinity respond to the coupler's forcing, with an
/// optional relaxation toward climatology, and which hands the sea ice a freezing or melt
/// potential (`SlabOceanColumn`). Land points export freezing sea water at the reference
/// salinity and no potential. Settings: namelist group `&slab_ocn_nml` (`SlabOceanParameters`).
public final class SlabOcean: Component {
    /// A column, whether it is ocean, its last freezing or melt potential, the fresh water it
    /// gained since the start (its water store, `So_wstor`) and its run totals.
    private struct Point: Sendable {
        var column: SlabOceanColumn
        let isOcean: Bool
        var freezingPotential = 0.0
        var waterGained = 0.0
        var totals = SlabOceanTotals()
    }

    private var parameters = SlabOceanParameters()
    private var domain = Domain.empty
    private var points: [Point] = []

    /// The model's name in its restart files.
    static let restartModel = "slab ocean"

    /// What a restart saves of each point (ocean and land alike): the column, its last
    /// freezing or melt potential, the fresh water gained and its run totals.
    private static var restartVariables: [RestartVariable<Point>] {
        [RestartVariable("temperature", "mixed layer temperature", "K", \.column.temperature),
         RestartVariable("salinity", "mixed layer salinity", "g kg-1", \.column.salinity),
         RestartVariable("Fioo_q", "last exported freezing (> 0) or melt (< 0) potential", "W m-2", \.freezingPotential),
         RestartVariable("water_gained", "fresh water gained since the start, less the frazil water given to the ice", "kg m-2",
                         \.waterGained)]
            + SlabOceanTotals.restartVariables.map { $0.within(\Point.totals) }
    }

    /// A slab ocean waiting for `initialize`.
    public init() {}

    /// Reads its namelist group and the header of its grid file: the problems, or its setup.
    public func check(_ preflight: ModelPreflight) -> ModelCheck { SlabOceanSettings.check(preflight) }

    /// Reads `&slab_ocn_nml` and the grid, and starts each ocean point from its latitude.
    public func initialize(context: ComponentContext) throws -> ComponentSetup {
        let settings = try SlabOceanSettings(namelist: context.namelist)
        let p = settings.parameters
        parameters = p
        domain = try context.blockDomain(gridFile: settings.gridFile)
        let interval = Double(context.couplingInterval)
        points = zip(domain.latitude, domain.mask).map { latitude, mask in
            guard mask > 0 else {
                return Point(column: SlabOceanColumn(temperature: p.freezingTemperature, salinity: p.referenceSalinity), isOcean: false)
            }
            let column = SlabOceanColumn(latitude: latitude, parameters: p)
            return Point(column: column, isOcean: true, freezingPotential: column.meltPotential(parameters: p, interval: interval))
        }
        context.log.write("\(context.kind.label): slab ocean on \(domain.grid) from \(context.resolvePath(settings.gridFile))")
        context.log.write("\(context.kind.label): mixed layer \(p.mixedLayerDepth) m, relaxation \(p.relaxationTimescale / 86_400) days")
        return ComponentSetup(domain: domain, exports: ExchangeTable.standard.exports(of: .ocn), imports: ExchangeTable.standard.imports(of: .ocn))
    }

    /// Exports the state and its freezing or melt potential: at the start, the initial state
    /// and its melt potential; after `readRestart`, the exports of the last run before the
    /// restart, bit for bit.
    public func initialExports(_ exports: inout FieldBundle, context: ComponentContext) throws {
        let fields = try SlabOceanExports(in: exports), p = parameters
        context.threads.updatePoints(&points, exports: &exports) { _, point, row in
            fields.write(point.column, parameters: p, freezingPotential: point.freezingPotential, water: point.waterGained, to: row)
        }
    }

    /// Steps every ocean point over the interval under the coupler's forcing and exports the
    /// new state and its freezing or melt potential.
    public func run(from start: ModelTime, until end: ModelTime, imports: FieldBundle, exports: inout FieldBundle,
                    context: ComponentContext) throws {
        let inputs = try SlabOceanImports(in: imports), outputs = try SlabOceanExports(in: exports)
        let p = parameters, latitude = domain.latitude, interval = Double(end - start)
        context.threads.updatePoints(&points, exports: &exports) { n, point, row in
            if point.isOcean {
                let budget = point.column.step(forcing: inputs.forcing(in: imports, point: n), latitude: latitude[n],
                                               parameters: p, interval: interval)
                point.freezingPotential = budget.freezingPotential
                point.waterGained += (budget.freshWater - budget.frazilWater) * interval
                point.totals.add(budget, temperature: point.column.temperature, interval: interval)
            }
            outputs.write(point.column, parameters: p, freezingPotential: point.freezingPotential, water: point.waterGained, to: row)
        }
    }

    /// The saved state of every point, for the history file.
    public func historyVariables(context: ComponentContext) throws -> [HistoryVariable] {
        Self.restartVariables.historyVariables(of: points)
    }

    /// Writes each point's temperature, salinity, last freezing or melt potential and run totals.
    public func writeRestart(_ writer: RestartWriter, context: ComponentContext) throws {
        writer.addModel(Self.restartModel)
        writer.addFields(Self.restartVariables, of: points)
    }

    /// Restores what `writeRestart` saved (collective); which points are ocean comes from the
    /// grid's mask, as in `initialize`.
    public func readRestart(_ reader: RestartReader, context: ComponentContext) throws {
        try reader.checkModel(Self.restartModel, domain: domain)
        points = try reader.readFields(Self.restartVariables, into: points)
        context.log.write("\(context.kind.label): slab ocean continues from \(reader.path)")
    }

    /// Writes the run's means over the ocean area to the log (collective).
    public func finalize(context: ComponentContext) throws {
        let perPoint = points.map { $0.totals.means + [$0.column.salinity] }
        let labels = SlabOceanTotals.labels + ["final salinity (g kg-1)"]
        let means = try globalAreaMeans(labels.indices.map { k in perPoint.map { $0[k] } }, area: domain.area,
                                        weight: points.map { $0.isOcean ? 1 : 0 }, communicator: context.communicator)
        context.log.write("\(context.kind.label): slab ocean, means over the ocean area and the run:")
        for (label, value) in zip(labels, means) {
            context.log.write("\(context.kind.label):   \(label) = \(value)")
        }
    }
}
