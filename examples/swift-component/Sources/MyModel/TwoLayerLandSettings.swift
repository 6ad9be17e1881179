import Coupling
import Namelist

/// The model's settings, from namelist group `&mymodel_nml`; every key is optional:
///
///     &mymodel_nml
///       grid_file = '../../mapping-weights/grid_T62.nc'
///       moisture_factor = 0.3
///     /
public struct TwoLayerLandSettings: Sendable {
    /// The namelist group the model reads. The registration names it too, so that the driver
    /// accepts the group in a namelist.
    public static let group = "mymodel_nml"

    /// The SCRIP grid file of the model, relative to the namelist's folder (`grid_file`).
    public var gridFile = "grid_T62.nc"
    /// The model's constants.
    public var parameters = TwoLayerLandParameters()
    /// Whether the model imports the ocean's sea level at the coast (`coastal_sea_level`), a
    /// field the standard table does not have (`CoastalSeaLevel`).
    public var importsCoastalSeaLevel = false

    /// Reads the group from `context`'s namelist. Unknown keys, wrong types and values out of
    /// range are thrown together, each with its file, line and column.
    public init(context: ComponentContext) throws(DiagnosticList) {
        self = try context.settings(group: Self.group, Self.init(reading:))
    }

    /// The settings `r` reads from the group (as `initialize` and `check` read them).
    init(reading r: NamelistGroupReader) {
        var p = parameters
        gridFile = r.string("grid_file", default: gridFile)
        p.surfaceDepth = r.real("surface_depth", default: p.surfaceDepth, range: 0.01 ... 1)
        p.deepDepth = r.real("deep_depth", default: p.deepDepth, range: 0.1 ... 20)
        p.heatCapacity = r.real("heat_capacity", default: p.heatCapacity, range: 1e5 ... 1e7)
        p.conductivity = r.real("conductivity", default: p.conductivity, range: 0.01 ... 10)
        p.moistureFactor = r.real("moisture_factor", default: p.moistureFactor, range: 0 ... 1)
        p.visibleAlbedo = r.real("albedo_vis", default: p.visibleAlbedo, range: 0 ... 1)
        p.nearInfraredAlbedo = r.real("albedo_nir", default: p.nearInfraredAlbedo, range: 0 ... 1)
        p.emissivity = r.real("emissivity", default: p.emissivity, range: 0.5 ... 1)
        p.roughnessLength = r.real("roughness_length", default: p.roughnessLength, range: 1e-5 ... 2)
        p.minimumWindSpeed = r.real("min_wind_speed", default: p.minimumWindSpeed, range: 0.1 ... 10)
        parameters = p
        importsCoastalSeaLevel = r.logical("coastal_sea_level", default: importsCoastalSeaLevel)
    }

    /// The fields the model exchanges with these settings: the standard table's for the land,
    /// and the ocean's coastal sea level when `coastal_sea_level` is set.
    var exchange: (exports: [String], imports: [String], declarations: [FieldDeclaration]) {
        let table = ExchangeTable.standard
        return importsCoastalSeaLevel
            ? (table.exports(of: .lnd), table.imports(of: .lnd) + [CoastalSeaLevel.field], [CoastalSeaLevel.declaration])
            : (table.exports(of: .lnd), table.imports(of: .lnd), [])
    }
}
