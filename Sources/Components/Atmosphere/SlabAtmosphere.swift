import Coupling
import Namelist
import TimeManager

/// The slab atmosphere (`atm = 'slab'`): one column per grid cell with a bottom temperature
/// and a store of water vapour, heated by sunlight, the surface's longwave and sensible heat
/// and the latent heat of its precipitation (`SlabAtmosphereColumn`), with prescribed winds.
/// Settings: namelist group `&slab_atm_nml` (`SlabAtmosphereParameters`).
public final class SlabAtmosphere: Component {
    /// A column and its run totals.
    private struct Point: Sendable {
        var column: SlabAtmosphereColumn
        var totals = SlabAtmosphereTotals()
    }

    private var parameters = SlabAtmosphereParameters()
    private var domain = Domain.empty
    private var points: [Point] = []
    /// The time of the columns' state: the start of the interval the exports are for.
    private var stateTime = ModelTime(seconds: 0)

    /// The model's name in its restart files.
    static let restartModel = "slab atmosphere"

    /// What a restart saves of each point: the column and its run totals.
    private static var restartVariables: [RestartVariable<Point>] {
        [RestartVariable("t_bottom", "bottom temperature", "K", \.column.temperature),
         RestartVariable("column_water", "column water vapour", "kg m-2", \.column.water)]
            + SlabAtmosphereTotals.restartVariables.map { $0.within(\Point.totals) }
    }

    /// A slab atmosphere waiting for `initialize`.
    public init() {}

    /// Reads its namelist group and the header of its grid file: the problems, or its setup.
    public func check(_ preflight: ModelPreflight) -> ModelCheck { SlabAtmosphereSettings.check(preflight) }

    /// Reads `&slab_atm_nml` and the grid, and starts each column from its latitude.
    public func initialize(context: ComponentContext) throws -> ComponentSetup {
        let settings = try SlabAtmosphereSettings(namelist: context.namelist)
        parameters = settings.parameters
        domain = try context.blockDomain(gridFile: settings.gridFile)
        points = domain.latitude.map { Point(column: SlabAtmosphereColumn(latitude: $0, parameters: settings.parameters)) }
        stateTime = context.startTime
        context.log.write("\(context.kind.label): slab atmosphere on \(domain.grid) from \(context.resolvePath(settings.gridFile))")
        context.log.write("\(context.kind.label): heat capacity \(parameters.heatCapacity) J m-2 K-1, emissivity \(parameters.emissivity), "
            + "transport relaxation \(parameters.transportTimescale / 86_400) days")
        return ComponentSetup(domain: domain, exports: ExchangeTable.standard.exports(of: .atm), imports: ExchangeTable.standard.imports(of: .atm))
    }

    /// Exports the columns' forcing for the first coupling interval: of the initial columns, or,
    /// after `readRestart`, of the restored columns at the restart time (the exports of the last
    /// run before the restart, bit for bit).
    public func initialExports(_ exports: inout FieldBundle, context: ComponentContext) throws {
        try export(into: &exports, from: stateTime, context: context) { _, _ in }
    }

    /// Steps every column over the interval under the merged surface, then exports the forcing
    /// for the next interval.
    public func run(from start: ModelTime, until end: ModelTime, imports: FieldBundle, exports: inout FieldBundle,
                    context: ComponentContext) throws {
        let fields = try SlabAtmosphereImports(in: imports)
        let p = parameters, sun = SolarGeometry(calendar: context.calendar, solarConstant: parameters.solarConstant)
        let latitude = domain.latitude, longitude = domain.longitude
        let interval = Double(end - start)
        try export(into: &exports, from: end, context: context) { n, point in
            let surface = fields.surface(in: imports, point: n)
            let insolation = sun.meanInsolation(latitude: latitude[n], longitude: longitude[n], from: start, until: end)
            let budget = point.column.step(surface: surface, insolation: insolation, latitude: latitude[n], parameters: p, interval: interval)
            point.totals.add(budget, surfaceTemperature: surface.temperature, temperature: point.column.temperature, interval: interval)
        }
        stateTime = end
    }

    /// The saved state of every point, for the history file.
    public func historyVariables(context: ComponentContext) throws -> [HistoryVariable] {
        Self.restartVariables.historyVariables(of: points)
    }

    /// Writes each column's bottom temperature, water vapour and run totals, and the time of the state.
    public func writeRestart(_ writer: RestartWriter, context: ComponentContext) throws {
        writer.addModel(Self.restartModel)
        writer.addNumber("time", Double(stateTime.seconds))
        writer.addFields(Self.restartVariables, of: points)
    }

    /// Restores what `writeRestart` saved (collective). The first exports after it are for the
    /// interval starting at the saved time, whatever `context.startTime` says (for a continued
    /// run it may be the start of the initial run).
    public func readRestart(_ reader: RestartReader, context: ComponentContext) throws {
        try reader.checkModel(Self.restartModel, domain: domain)
        let time = try reader.time("time")
        points = try reader.readFields(Self.restartVariables, into: points)
        stateTime = time
        context.log.write("\(context.kind.label): slab atmosphere continues from \(reader.path), state of \(context.calendar.date(of: time))")
    }

    /// Writes the run's global means to the log (collective).
    public func finalize(context: ComponentContext) throws {
        let perPoint = points.map(\.totals.means)
        let means = try globalAreaMeans(SlabAtmosphereTotals.labels.indices.map { k in perPoint.map { $0[k] } },
                                        area: domain.area, communicator: context.communicator)
        context.log.write("\(context.kind.label): slab atmosphere, global means over the run:")
        for (label, value) in zip(SlabAtmosphereTotals.labels, means) {
            context.log.write("\(context.kind.label):   \(label) = \(value)")
        }
    }

    /// Runs `update` on every column, then writes each column's exports for the coupling
    /// interval starting at `time`.
    private func export(into exports: inout FieldBundle, from time: ModelTime, context: ComponentContext,
                        update: @Sendable (Int, inout Point) -> Void) throws {
        let fields = try SlabAtmosphereExports(in: exports)
        let p = parameters, sun = SolarGeometry(calendar: context.calendar, solarConstant: parameters.solarConstant)
        let latitude = domain.latitude, longitude = domain.longitude
        let next = time + context.couplingInterval, interval = Double(context.couplingInterval)
        context.threads.updatePoints(&points, exports: &exports) { n, point, row in
            update(n, &point)
            let insolation = sun.meanInsolation(latitude: latitude[n], longitude: longitude[n], from: time, until: next)
            let output = point.column.output(insolation: insolation, latitude: latitude[n], parameters: p, interval: interval)
            // The precipitation exported now leaves the column in the next interval: the water
            // reported is what the column keeps of it.
            let precipitation = output.forcing.rain + output.forcing.snow
            fields.write(output, water: point.column.water - precipitation * interval, to: row)
        }
    }
}
