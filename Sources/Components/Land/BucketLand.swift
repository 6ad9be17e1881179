import Coupling

/// The bucket land model (`lnd = 'bucket'`): per land cell a surface layer with a heat
/// capacity, a snow pack and a bucket of soil water that runs off when it overflows
/// (`BucketLandColumn`). It steps only where the coupler's land fraction `Sf_lfrac` is
/// positive; elsewhere it exports its (unchanging) state and zero fluxes. Fluxes are per unit
/// land area. Settings: namelist group `&bucket_lnd_nml` (`BucketLandParameters`).
public final class BucketLand: Component {
    /// A column and its run totals.
    private struct Point: Sendable {
        var column: BucketLandColumn
        var totals = BucketLandTotals()
    }

    private var parameters = BucketLandParameters()
    private var domain = Domain.empty
    private var points: [Point] = []

    /// A bucket land model waiting for `initialize`.
    public init() {}

    /// Reads `&bucket_lnd_nml` and the grid, and starts each column from its latitude.
    public func initialize(context: ComponentContext) throws -> ComponentSetup {
        let settings = try BucketLandSettings(context: context)
        parameters = settings.parameters
        domain = try context.blockDomain(gridFile: settings.gridFile)
        points = domain.latitude.map { Point(column: BucketLandColumn(latitude: $0, parameters: settings.parameters)) }
        context.log.write("\(context.kind.label): bucket land on \(domain.grid) from \(context.resolvePath(settings.gridFile))")
        context.log.write("\(context.kind.label): heat capacity \(parameters.heatCapacity) J m-2 K-1, bucket \(parameters.bucketCapacity) kg m-2")
        return ComponentSetup(domain: domain, exports: FieldRegistry.landExports, imports: FieldRegistry.landImports)
    }

    /// Exports the initial state with zero fluxes, except the longwave the surface emits
    /// (the land fraction is not known before the first run).
    public func initialExports(_ exports: inout FieldBundle, context: ComponentContext) throws {
        let fields = try BucketLandExports(in: exports)
        let p = parameters
        context.threads.updatePoints(&points, exports: &exports) { _, point, row in
            var fluxes = BucketLandFluxes()
            fluxes.longwaveUp = point.column.longwaveUp(longwaveDown: 0, parameters: p)
            fields.write(point.column, parameters: p, fluxes: fluxes, to: row)
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
            outputs.write(point.column, parameters: p, fluxes: fluxes, to: row)
        }
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
