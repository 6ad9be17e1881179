import Coupling
import Namelist
import TimeManager

/// The thermodynamic sea-ice model (`ice = 'thermo'`): on each ocean point (`grid_imask` = 1)
/// a zero-layer ice slab with concentration, thickness and snow that grows from the ocean's
/// freezing potential and by conduction, and melts at the top and, with the ocean's heat, at
/// the base (`SeaIceColumn`). Fluxes are per unit ice area, but for the melt heat and water, per
/// unit cell area. Land points export no ice, the freezing temperature and zero fluxes.
/// Settings: namelist group `&thermo_ice_nml` (`ThermodynamicSeaIceParameters`).
public final class ThermodynamicSeaIce: Component {
    /// A column, whether it is ocean, what it last exported and its run totals.
    private struct Point: Sendable {
        var column: SeaIceColumn
        let isOcean: Bool
        var fluxes = SeaIceFluxes()
        var totals = ThermodynamicSeaIceTotals()
    }

    private var parameters = ThermodynamicSeaIceParameters()
    private var domain = Domain.empty
    private var points: [Point] = []

    /// The model's name in its restart files.
    static let restartModel = "thermodynamic sea ice"

    /// What a restart saves of each point (ocean and land alike): the column, the concentration,
    /// surface temperature and fluxes of the last run and the run totals.
    private static var restartVariables: [RestartVariable<Point>] {
        [RestartVariable("concentration", "ice concentration", "1", \.column.concentration),
         RestartVariable("thickness", "mean thickness of the ice-covered part", "m", \.column.thickness),
         RestartVariable("snow", "snow on the ice-covered part", "kg m-2", \.column.snow),
         RestartVariable("surface_temperature", "ice surface temperature", "K", \.column.surfaceTemperature),
         RestartVariable("Si_ifrac", "last exported concentration", "1", \.fluxes.concentration),
         RestartVariable("active_concentration", "concentration the last run's fluxes acted on", "1", \.fluxes.activeConcentration),
         RestartVariable("Si_t", "last exported surface temperature", "K", \.fluxes.surfaceTemperature),
         RestartVariable("Faii_swnet", "last exported absorbed shortwave", "W m-2", \.fluxes.shortwaveNet),
         RestartVariable("Faii_lwup", "last exported upward longwave", "W m-2", \.fluxes.longwaveUp),
         RestartVariable("Faii_sen", "last exported sensible heat", "W m-2", \.fluxes.sensibleHeat),
         RestartVariable("Faii_lat", "last exported latent heat", "W m-2", \.fluxes.latentHeat),
         RestartVariable("Faii_evap", "last exported sublimation", "kg m-2 s-1", \.fluxes.evaporation),
         RestartVariable("Faii_taux", "last exported zonal stress", "N m-2", \.fluxes.zonalStress),
         RestartVariable("Faii_tauy", "last exported meridional stress", "N m-2", \.fluxes.meridionalStress),
         RestartVariable("Fioi_melth", "last exported heat to the ocean per unit cell area", "W m-2", \.fluxes.meltHeat),
         RestartVariable("Fioi_meltw", "last exported fresh water to the ocean per unit cell area", "kg m-2 s-1", \.fluxes.meltWater),
         RestartVariable("Fioi_swpen", "last exported shortwave through the ice", "W m-2", \.fluxes.penetratingShortwave)]
            + ThermodynamicSeaIceTotals.restartVariables.map { $0.within(\Point.totals) }
    }

    /// A sea-ice model waiting for `initialize`.
    public init() {}

    /// Reads its namelist group and the header of its grid file: the problems, or its setup.
    public func check(_ preflight: ModelPreflight) -> ModelCheck { ThermodynamicSeaIceSettings.check(preflight) }

    /// Reads `&thermo_ice_nml` and the grid, and places the initial ice.
    public func initialize(context: ComponentContext) throws -> ComponentSetup {
        let settings = try ThermodynamicSeaIceSettings(namelist: context.namelist)
        let p = settings.parameters
        parameters = p
        domain = try context.blockDomain(gridFile: settings.gridFile)
        points = zip(domain.latitude, domain.mask).map { latitude, mask in
            let column = mask > 0 ? SeaIceColumn(latitude: latitude, parameters: p)
                : SeaIceColumn(concentration: 0, thickness: 0, snow: 0, surfaceTemperature: p.freezingTemperature)
            return Point(column: column, isOcean: mask > 0, fluxes: Self.initialFluxes(of: column, parameters: p))
        }
        context.log.write("\(context.kind.label): thermodynamic sea ice on \(domain.grid) from \(context.resolvePath(settings.gridFile))")
        context.log.write("\(context.kind.label): initial ice poleward of \(p.initialEdgeLatitude)°, \(p.initialThicknessNorth) m north, "
            + "\(p.initialThicknessSouth) m south")
        return ComponentSetup(domain: domain, exports: ExchangeTable.standard.exports(of: .ice), imports: ExchangeTable.standard.imports(of: .ice))
    }

    /// What `column` exports before the first run: its concentration and surface temperature,
    /// and zero fluxes except the longwave the ice emits.
    private static func initialFluxes(of column: SeaIceColumn, parameters p: ThermodynamicSeaIceParameters) -> SeaIceFluxes {
        var fluxes = SeaIceFluxes()
        fluxes.concentration = column.concentration
        fluxes.activeConcentration = column.concentration
        fluxes.surfaceTemperature = column.surfaceTemperature
        if column.concentration > 0 {
            let t2 = column.surfaceTemperature * column.surfaceTemperature
            fluxes.longwaveUp = -p.emissivity * PhysicalConstants.stefanBoltzmann * t2 * t2
        }
        return fluxes
    }

    /// Exports the ice and the fluxes of the last run: at the start, the initial ice with zero
    /// fluxes, except the longwave the ice emits; after `readRestart`, the exports of the last
    /// run before the restart, bit for bit.
    public func initialExports(_ exports: inout FieldBundle, context: ComponentContext) throws {
        let fields = try ThermodynamicSeaIceExports(in: exports)
        let p = parameters
        context.threads.updatePoints(&points, exports: &exports) { _, point, row in
            fields.write(point.fluxes, albedos: point.column.albedos(parameters: p), mass: point.column.mass, to: row)
        }
    }

    /// Steps the ice of every ocean point over the interval and exports its state and the
    /// interval's fluxes.
    public func run(from start: ModelTime, until end: ModelTime, imports: FieldBundle, exports: inout FieldBundle,
                    context: ComponentContext) throws {
        let inputs = try ThermodynamicSeaIceImports(in: imports), outputs = try ThermodynamicSeaIceExports(in: exports)
        let p = parameters, interval = Double(end - start)
        context.threads.updatePoints(&points, exports: &exports) { n, point, row in
            var fluxes = SeaIceFluxes()
            fluxes.surfaceTemperature = p.freezingTemperature
            if point.isOcean {
                fluxes = point.column.step(forcing: inputs.forcing(in: imports, point: n), ocean: inputs.ocean(in: imports, point: n),
                                           parameters: p, interval: interval, exportedConcentration: point.fluxes.concentration)
                point.totals.add(fluxes, interval: interval)
            }
            point.fluxes = fluxes
            outputs.write(fluxes, albedos: point.column.albedos(parameters: p), mass: point.column.mass, to: row)
        }
    }

    /// The saved state of every point, for the history file.
    public func historyVariables(context: ComponentContext) throws -> [HistoryVariable] {
        Self.restartVariables.historyVariables(of: points)
    }

    /// Writes each point's ice concentration, thickness, snow and surface temperature, its last
    /// exports and its run totals.
    public func writeRestart(_ writer: RestartWriter, context: ComponentContext) throws {
        writer.addModel(Self.restartModel)
        writer.addFields(Self.restartVariables, of: points)
    }

    /// Restores what `writeRestart` saved (collective); which points are ocean comes from the
    /// grid's mask, as in `initialize`.
    public func readRestart(_ reader: RestartReader, context: ComponentContext) throws {
        try reader.checkModel(Self.restartModel, domain: domain)
        points = try reader.readFields(Self.restartVariables, into: points)
        context.log.write("\(context.kind.label): thermodynamic sea ice continues from \(reader.path)")
    }

    /// Writes the run's means and the final ice area and volume of each hemisphere to the log
    /// (collective).
    public func finalize(context: ComponentContext) throws {
        let perPoint = points.map(\.totals.means)
        let means = try globalAreaMeans(ThermodynamicSeaIceTotals.labels.indices.map { k in perPoint.map { $0[k] } }, area: domain.area,
                                        weight: points.map { $0.isOcean ? 1 : 0 }, communicator: context.communicator)
        context.log.write("\(context.kind.label): thermodynamic sea ice, means over the ocean area and the run:")
        for (label, value) in zip(ThermodynamicSeaIceTotals.labels, means) {
            context.log.write("\(context.kind.label):   \(label) = \(value)")
        }
        let radius2 = PhysicalConstants.earthRadius * PhysicalConstants.earthRadius
        func hemisphere(_ north: Bool, _ value: (SeaIceColumn) -> Double) -> [Double] {
            zip(points, zip(domain.latitude, domain.area)).map { point, place in
                (place.0 > 0) == north ? value(point.column) * place.1 * radius2 : 0
            }
        }
        let totals = try ReproducibleSum.sums([hemisphere(true, \.concentration), hemisphere(false, \.concentration),
                                               hemisphere(true) { $0.concentration * $0.thickness },
                                               hemisphere(false) { $0.concentration * $0.thickness }],
                                              communicator: context.communicator)
        context.log.write("\(context.kind.label):   final ice area north, south (10^6 km2) = \(totals[0] / 1e12), \(totals[1] / 1e12)")
        context.log.write("\(context.kind.label):   final ice volume north, south (10^3 km3) = \(totals[2] / 1e12), \(totals[3] / 1e12)")
    }
}
