import Coupling
import Namelist
import TimeManager

/// The bucket land model (`lnd = 'bucket'`): per land cell a surface layer with a heat
/// capacity, a snow pack and a bucket of soil water that runs off when it overflows
/// (`BucketLandColumn`). It steps only where the coupler's land fraction `Sf_lfrac` is
/// positive; elsewhere it exports its (unchanging) state and zero fluxes. Fluxes are per unit
/// land area. Settings: namelist group `&bucket_lnd_nml` (`BucketLandParameters`).
public final class BucketLand: Component {
    /// A column, the fluxes it last exported and its run totals.
    private struct Point: Sendable {
        var column: BucketLandColumn
        var fluxes = BucketLandFluxes()
        var totals = BucketLandTotals()
    }

    private var parameters = BucketLandParameters()
    private var domain = Domain.empty
    private var points: [Point] = []

    /// The model's name in its restart files.
    static let restartModel = "bucket land"

    /// What a restart saves of each point: the column, the exported fluxes of the last run and
    /// the run totals.
    private static var restartVariables: [RestartVariable<Point>] {
        [RestartVariable("temperature", "surface temperature", "K", \.column.temperature),
         RestartVariable("soil_water", "soil water in the bucket", "kg m-2", \.column.soilWater),
         RestartVariable("snow", "snow water equivalent", "kg m-2", \.column.snow),
         RestartVariable("Fall_swnet", "last exported absorbed shortwave", "W m-2", \.fluxes.shortwaveNet),
         RestartVariable("Fall_lwup", "last exported upward longwave", "W m-2", \.fluxes.longwaveUp),
         RestartVariable("Fall_sen", "last exported sensible heat", "W m-2", \.fluxes.sensibleHeat),
         RestartVariable("Fall_lat", "last exported latent heat", "W m-2", \.fluxes.latentHeat),
         RestartVariable("Fall_evap", "last exported evaporation", "kg m-2 s-1", \.fluxes.evaporation),
         RestartVariable("Fall_taux", "last exported zonal stress", "N m-2", \.fluxes.zonalStress),
         RestartVariable("Fall_tauy", "last exported meridional stress", "N m-2", \.fluxes.meridionalStress),
         RestartVariable("Fall_rofl", "last exported runoff", "kg m-2 s-1", \.fluxes.runoff),
         RestartVariable("snow_melt", "snow melt of the last run", "kg m-2 s-1", \.fluxes.snowMelt)]
            + BucketLandTotals.restartVariables.map { $0.within(\Point.totals) }
    }

    /// A bucket land model waiting for `initialize`.
    public init() {}

    /// Reads its namelist group and the header of its grid file: the problems, or its setup.
    public func check(_ preflight: ModelPreflight) -> ModelCheck { BucketLandSettings.check(preflight) }

    /// Reads `&bucket_lnd_nml` and the grid, and starts each column from its latitude.
    public func initialize(context: ComponentContext) throws -> ComponentSetup {
        let settings = try BucketLandSettings(namelist: context.namelist)
        parameters = settings.parameters
        domain = try context.blockDomain(gridFile: settings.gridFile)
        let p = parameters
        points = domain.latitude.map { latitude in
            // Before the first run: zero fluxes, except the longwave the surface emits (the land
            // fraction and the atmosphere are not known yet).
            let column = BucketLandColumn(latitude: latitude, parameters: p)
            var fluxes = BucketLandFluxes()
            fluxes.longwaveUp = column.longwaveUp(longwaveDown: 0, parameters: p)
            return Point(column: column, fluxes: fluxes)
        }
        context.log.write("\(context.kind.label): bucket land on \(domain.grid) from \(context.resolvePath(settings.gridFile))")
        context.log.write("\(context.kind.label): heat capacity \(parameters.heatCapacity) J m-2 K-1, bucket \(parameters.bucketCapacity) kg m-2")
        return ComponentSetup(domain: domain, exports: ExchangeTable.standard.exports(of: .lnd), imports: ExchangeTable.standard.imports(of: .lnd))
    }

    /// Exports the state and the fluxes of the last run: at the start, the initial state with
    /// zero fluxes, except the longwave the surface emits (the land fraction is not known
    /// before the first run); after `readRestart`, the exports of the last run before the
    /// restart, bit for bit.
    public func initialExports(_ exports: inout FieldBundle, context: ComponentContext) throws {
        let fields = try BucketLandExports(in: exports)
        let p = parameters
        context.threads.updatePoints(&points, exports: &exports) { _, point, row in
            fields.write(point.column, parameters: p, fluxes: point.fluxes, to: row)
        }
    }

    /// Steps every cell with land over the interval under the atmosphere's forcing and exports
    /// the new state and the interval's fluxes.
    public func run(from start: ModelTime, until end: ModelTime, imports: FieldBundle, exports: inout FieldBundle,
                    context: ComponentContext) throws {
        let inputs = try BucketLandImports(in: imports), outputs = try BucketLandExports(in: exports)
        let p = parameters, interval = Double(end - start)
        context.threads.updatePoints(&points, exports: &exports) { n, point, row in
            point.totals.landFraction = inputs.landFraction(in: imports, point: n)
            var fluxes = BucketLandFluxes()
            if point.totals.landFraction > 0 {
                fluxes = point.column.step(forcing: inputs.forcing(in: imports, point: n), parameters: p, interval: interval)
                point.totals.add(fluxes, temperature: point.column.temperature, interval: interval)
            }
            point.fluxes = fluxes
            outputs.write(point.column, parameters: p, fluxes: fluxes, to: row)
        }
    }

    /// The saved state of every point, for the history file.
    public func historyVariables(context: ComponentContext) throws -> [HistoryVariable] {
        Self.restartVariables.historyVariables(of: points)
    }

    /// Writes each column's temperature, soil water and snow, its last exported fluxes and its run totals.
    public func writeRestart(_ writer: RestartWriter, context: ComponentContext) throws {
        writer.addModel(Self.restartModel)
        writer.addFields(Self.restartVariables, of: points)
    }

    /// Restores what `writeRestart` saved (collective).
    public func readRestart(_ reader: RestartReader, context: ComponentContext) throws {
        try reader.checkModel(Self.restartModel, domain: domain)
        points = try reader.readFields(Self.restartVariables, into: points)
        context.log.write("\(context.kind.label): bucket land continues from \(reader.path)")
    }

    /// Writes the run's means over the land area to the log (collective).
    public func finalize(context: ComponentContext) throws {
        let perPoint = points.map { $0.totals.means + [$0.column.snow, $0.column.soilWater] }
        let labels = BucketLandTotals.labels + ["final snow (kg m-2)", "final soil water (kg m-2)"]
        let means = try globalAreaMeans(labels.indices.map { k in perPoint.map { $0[k] } }, area: domain.area,
                                        weight: points.map(\.totals.landFraction), communicator: context.communicator)
        context.log.write("\(context.kind.label): bucket land, means over the land area and the run:")
        for (label, value) in zip(labels, means) {
            context.log.write("\(context.kind.label):   \(label) = \(value)")
        }
    }
}
