import Coupling
import Namelist

/// The thermodynamic sea-ice model's settings, from namelist group `&thermo_ice_nml`.
struct ThermodynamicSeaIceSettings: Sendable, GriddedModelSettings {
    /// The namelist group.
    static let group = "thermo_ice_nml"

    /// The SCRIP grid file (with `grid_imask`, 1 = ocean), relative to the namelist's folder.
    var gridFile = "grid_1deg_ocean.nc"
    /// The model's constants.
    var parameters = ThermodynamicSeaIceParameters()

    /// Reads the group from `namelist`; every key is optional.
    init(namelist: NamelistDocument) throws(DiagnosticList) {
        self = try namelist.settings(group: Self.group) { r in
            var s = ThermodynamicSeaIceSettings()
            var p = s.parameters
            s.gridFile = r.string("grid_file", default: s.gridFile)
            p.iceConductivity = r.real("ice_conductivity", default: p.iceConductivity, range: 0.1 ... 10)
            p.snowConductivity = r.real("snow_conductivity", default: p.snowConductivity, range: 0.01 ... 2)
            p.snowDensity = r.real("snow_density", default: p.snowDensity, range: 50 ... 917)
            p.emissivity = r.real("emissivity", default: p.emissivity, range: 0.5 ... 1)
            p.roughnessLength = r.real("roughness_length", default: p.roughnessLength, range: 1e-6 ... 0.1)
            p.minimumWindSpeed = r.real("min_wind_speed", default: p.minimumWindSpeed, range: 0.1 ... 10)
            p.iceAlbedos = SurfaceAlbedos(visible: r.real("ice_albedo_vis", default: p.iceAlbedos.visibleDirect, range: 0 ... 1),
                                          nearInfrared: r.real("ice_albedo_nir", default: p.iceAlbedos.nearInfraredDirect, range: 0 ... 1))
            p.snowAlbedos = SurfaceAlbedos(visible: r.real("snow_albedo_vis", default: p.snowAlbedos.visibleDirect, range: 0 ... 1),
                                           nearInfrared: r.real("snow_albedo_nir", default: p.snowAlbedos.nearInfraredDirect, range: 0 ... 1))
            p.openWaterAlbedo = r.real("open_water_albedo", default: p.openWaterAlbedo, range: 0 ... 1)
            p.albedoThickness = r.real("albedo_thickness", default: p.albedoThickness, range: 0.01 ... 10)
            p.snowCoverDepth = r.real("snow_cover_depth", default: p.snowCoverDepth, range: 0.001 ... 1)
            p.meltingAlbedoDrop = r.real("melting_albedo_drop", default: p.meltingAlbedoDrop, range: 0 ... 0.5)
            p.shortwavePenetration = r.real("shortwave_penetration", default: p.shortwavePenetration, range: 0 ... 1)
            p.extinctionCoefficient = r.real("extinction_coefficient", default: p.extinctionCoefficient, range: 0 ... 100)
            p.oceanHeatTransfer = r.real("ocean_heat_transfer", default: p.oceanHeatTransfer, range: 0 ... 5000)
            p.newIceThickness = r.real("new_ice_thickness", default: p.newIceThickness, range: 0.01 ... 5)
            p.minimumThickness = r.real("min_thickness", default: p.minimumThickness, range: 0.001 ... 1)
            p.initialEdgeLatitude = r.real("initial_edge_latitude", default: p.initialEdgeLatitude, range: 0 ... 90)
            p.initialConcentration = r.real("initial_concentration", default: p.initialConcentration, range: 0 ... 1)
            p.initialThicknessNorth = r.real("initial_thickness_north", default: p.initialThicknessNorth, range: 0 ... 20)
            p.initialThicknessSouth = r.real("initial_thickness_south", default: p.initialThicknessSouth, range: 0 ... 20)
            s.parameters = p
            return s
        }
    }

    private init() {}
}
