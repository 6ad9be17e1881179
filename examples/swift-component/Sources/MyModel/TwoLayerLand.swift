import Coupling
import MPI
import Namelist
import TimeManager

/// `mymodel`: a land model of two soil layers per land cell (`SoilColumn`) on the grid of
/// its `grid_file`, coupled as the land (`lnd = 'mymodel'`). It imports the atmosphere's
/// lowest level, radiation and precipitation and the coupler's land fraction
/// (`ExchangeTable.standard.imports(of: .lnd)`), and exports its surface temperature, albedos and fluxes per
/// unit land area (`ExchangeTable.standard.exports(of: .lnd)`). Cells step only where the land fraction
/// `Sf_lfrac` is positive; elsewhere they export their state and zero fluxes. Settings:
/// `&mymodel_nml` (`TwoLayerLandSettings`).
///
/// Each task holds the points of its block of the grid; each point is updated on its own
/// by one thread of the task's `ThreadTeam`, so the results are the same bits for any number
/// of tasks and threads.
public final class TwoLayerLand: Component {
    /// The model's name in its restart files, checked when a run continues from one.
    static let restartModel = "mymodel two-layer soil land"

    private var parameters = TwoLayerLandParameters()
    private var domain = Domain.empty
    private var points: [LandPoint] = []
    /// The ocean's sea level at each point, when the model imports it (`coastal_sea_level`).
    private var coastalSeaLevel: [Double]?

    /// A model waiting for `initialize`.
    public init() {}

    /// Reads `&mymodel_nml` and the grid (split in blocks over the tasks), and starts every
    /// column from its latitude.
    public func initialize(context: ComponentContext) throws -> ComponentSetup {
        let settings = try TwoLayerLandSettings(context: context)
        parameters = settings.parameters
        domain = try context.blockDomain(gridFile: settings.gridFile)
        let p = parameters
        points = domain.latitude.map { LandPoint(column: SoilColumn(latitude: $0), parameters: p) }
        context.log.write("\(context.kind.label): mymodel two-layer soil land on \(domain.grid) from \(context.resolvePath(settings.gridFile))")
        context.log.write("\(context.kind.label): layers \(p.surfaceDepth) m and \(p.deepDepth) m, moisture factor \(p.moistureFactor), "
            + "\(context.communicator.size) task(s) of \(context.threads.count) thread(s)")
        let exchange = settings.exchange
        if settings.importsCoastalSeaLevel {
            coastalSeaLevel = [Double](repeating: 0, count: domain.localSize)
            context.log.write("\(context.kind.label): imports the ocean's \(CoastalSeaLevel.field) (coastal_sea_level = .true.)")
        }
        return ComponentSetup(domain: domain, exports: exchange.exports, imports: exchange.imports, fields: exchange.declarations)
    }

    /// What `check` can tell before any run: the problems in `&mymodel_nml` and its grid file,
    /// or the grid and fields `initialize` will set up (so that the maps to and from the land
    /// grid are checked too).
    public func check(_ preflight: ModelPreflight) -> ModelCheck {
        let settings: TwoLayerLandSettings
        switch preflight.settings(group: TwoLayerLandSettings.group, TwoLayerLandSettings.init(reading:)) {
        case .success(let read): settings = read
        case .failure(let problems): return ModelCheck(problems: problems.diagnostics)
        }
        do {
            let grid = try preflight.scripGrid(settings.gridFile, key: "grid_file", group: TwoLayerLandSettings.group)
            let exchange = settings.exchange
            return ModelCheck(setup: PlannedSetup(grid: grid.description, gridFile: grid.path, exports: exchange.exports,
                                                  imports: exchange.imports, fields: exchange.declarations))
        } catch {
            return ModelCheck(problems: [error])
        }
    }

    /// Exports the state and the last fluxes: at the start, the initial state with only the
    /// emitted longwave; after `readRestart`, exactly what the last run before the restart exported.
    public func initialExports(_ exports: inout FieldBundle, context: ComponentContext) throws {
        let fields = try LandExportFields(in: exports)
        let p = parameters
        context.threads.updatePoints(&points, exports: &exports) { _, point, row in
            fields.write(point.column, fluxes: point.fluxes, parameters: p, to: row)
        }
    }

    /// Steps every land cell over the interval under the atmosphere's forcing and exports the
    /// new state and the interval's fluxes.
    public func run(from start: ModelTime, until end: ModelTime, imports: FieldBundle, exports: inout FieldBundle,
                    context: ComponentContext) throws {
        let inputs = try LandImportFields(in: imports), outputs = try LandExportFields(in: exports)
        let p = parameters, interval = Double(end - start)
        context.threads.updatePoints(&points, exports: &exports) { n, point, row in
            point.landFraction = inputs.landFraction(in: imports, point: n)
            point.fluxes = LandFluxes()
            if point.landFraction > 0 {
                point.fluxes = point.column.step(forcing: inputs.forcing(in: imports, point: n), parameters: p, interval: interval)
            }
            outputs.write(point.column, fluxes: point.fluxes, parameters: p, to: row)
        }
        if coastalSeaLevel != nil {
            _ = try imports.requiredIndex(of: CoastalSeaLevel.field, for: "mymodel imports")
            coastalSeaLevel = imports.values(of: CoastalSeaLevel.field)
        }
        if let n = points.firstIndex(where: { !(150 ... 400).contains($0.column.surfaceTemperature) }) {
            throw SoilTemperatureError(temperature: points[n].column.surfaceTemperature,
                                       longitude: domain.longitude[n], latitude: domain.latitude[n])
        }
    }

    /// The layer temperatures and the ground heat flux of every point, and the sea level when
    /// the model imports it.
    public func historyVariables(context: ComponentContext) throws -> [HistoryVariable] {
        let soil = LandPoint.variables.prefix(LandPoint.historyVariableCount).map { v in
            HistoryVariable(name: v.name, longName: v.longName, units: v.units, values: points.map { $0[keyPath: v.value] })
        }
        guard let coastalSeaLevel else { return soil }
        let v = CoastalSeaLevel.historyVariable
        return soil + [HistoryVariable(name: v.name, longName: v.longName, units: v.units, values: coastalSeaLevel)]
    }

    /// Saves the model's name and every number of every point.
    public func writeRestart(_ writer: RestartWriter, context: ComponentContext) throws {
        writer.addText("model", Self.restartModel)
        for v in LandPoint.variables {
            writer.addField(v.name, points.map { $0[keyPath: v.value] }, longName: v.longName, units: v.units)
        }
    }

    /// Restores what `writeRestart` saved, for this task's points (collective: every task reads
    /// the same fields in the same order).
    public func readRestart(_ reader: RestartReader, context: ComponentContext) throws {
        let model = try? reader.text("model")
        guard model == Self.restartModel else {
            throw RestartError(path: reader.path, "was written by \(model ?? "an unnamed model"), not by \(Self.restartModel)")
        }
        for v in LandPoint.variables {
            let values = try reader.field(v.name)
            for n in points.indices { points[n][keyPath: v.value] = values[n] }
        }
        context.log.write("\(context.kind.label): mymodel continues from \(reader.path)")
    }

    /// Writes the mean layer temperatures over the land to the log (collective: the sums are
    /// reproducible, the same bits on any layout).
    public func finalize(context: ComponentContext) throws {
        let weight = zip(domain.area, points).map { $0 * $1.landFraction }
        let sums = try ReproducibleSum.sums([zip(points, weight).map { $0.column.surfaceTemperature * $1 },
                                             zip(points, weight).map { $0.column.deepTemperature * $1 },
                                             weight], communicator: context.communicator)
        guard sums[2] > 0 else { return }
        context.log.write("\(context.kind.label): mymodel, final means over the land: "
            + "surface layer \(sums[0] / sums[2]) K, deep layer \(sums[1] / sums[2]) K")
    }
}
