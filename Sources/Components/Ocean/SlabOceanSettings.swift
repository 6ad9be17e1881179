import Coupling
import Namelist

/// The slab ocean's settings, from namelist group `&slab_ocn_nml`.
struct SlabOceanSettings: Sendable, GriddedModelSettings {
    /// The namelist group.
    static let group = "slab_ocn_nml"

    /// The SCRIP grid file (with `grid_imask`, 1 = ocean), relative to the namelist's folder.
    var gridFile = "grid_1deg_ocean.nc"
    /// The model's constants.
    var parameters = SlabOceanParameters()

    /// Reads the group from `namelist`; every key is optional.
    init(namelist: NamelistDocument) throws(DiagnosticList) {
        self = try namelist.settings(group: Self.group) { r in
            var s = SlabOceanSettings()
            var p = s.parameters
            s.gridFile = r.string("grid_file", default: s.gridFile)
            p.mixedLayerDepth = r.real("mixed_layer_depth", default: p.mixedLayerDepth, range: 1 ... 1000)
            p.relaxationTimescale = 86_400 * r.real("relaxation_days", default: p.relaxationTimescale / 86_400, range: 0 ... 36_500)
            p.equatorTemperature = r.real("sst_equator", default: p.equatorTemperature, range: 272 ... 310)
            p.freezingLatitude = r.real("freezing_latitude", default: p.freezingLatitude, range: 20 ... 90)
            p.referenceSalinity = r.real("reference_salinity", default: p.referenceSalinity, range: 0 ... 45)
            s.parameters = p
            return s
        }
    }

    private init() {}
}
