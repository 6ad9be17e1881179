import Coupling
import Namelist

/// The slab atmosphere's settings, from namelist group `&slab_atm_nml`.
struct SlabAtmosphereSettings: Sendable, GriddedModelSettings {
    /// The namelist group.
    static let group = "slab_atm_nml"

    /// The SCRIP grid file, relative to the namelist's folder.
    var gridFile = "grid_T62.nc"
    /// The model's constants.
    var parameters = SlabAtmosphereParameters()

    /// Reads the group from `namelist`; every key is optional.
    init(namelist: NamelistDocument) throws(DiagnosticList) {
        self = try namelist.settings(group: Self.group) { r in
            var s = SlabAtmosphereSettings()
            var p = s.parameters
            s.gridFile = r.string("grid_file", default: s.gridFile)
            p.surfacePressure = r.real("surface_pressure", default: p.surfacePressure, range: 50_000 ... 110_000)
            p.shortwaveAbsorptance = r.real("shortwave_absorptance", default: p.shortwaveAbsorptance, range: 0 ... 0.4)
            p.cloudAlbedo = r.real("cloud_albedo", default: p.cloudAlbedo, range: 0 ... 0.6)
            p.emissivity = r.real("emissivity", default: p.emissivity, range: 0.1 ... 1)
            p.lapseRate = r.real("lapse_rate", default: p.lapseRate, range: 0 ... 0.0098)
            p.downwardEmissionHeight = r.real("lw_down_height", default: p.downwardEmissionHeight, range: 0 ... 3000)
            p.upwardEmissionHeight = r.real("lw_up_height", default: p.upwardEmissionHeight, range: 0 ... 10_000)
            p.waterScaleHeight = r.real("water_scale_height", default: p.waterScaleHeight, range: 500 ... 8000)
            p.condensationThreshold = r.real("condensation_rh", default: p.condensationThreshold, range: 0.3 ... 1)
            p.precipitationTimescale = 3600 * r.real("precipitation_hours", default: p.precipitationTimescale / 3600, range: 0 ... 240)
            p.transportTimescale = 86_400 * r.real("transport_days", default: p.transportTimescale / 86_400, range: 0 ... 3650)
            p.equatorTemperature = r.real("t_equator", default: p.equatorTemperature, range: 250 ... 320)
            p.poleTemperature = r.real("t_pole", default: p.poleTemperature, range: 200 ... 300)
            p.visibleFraction = r.real("visible_fraction", default: p.visibleFraction, range: 0 ... 1)
            p.diffuseFraction = r.real("diffuse_fraction", default: p.diffuseFraction, range: 0 ... 1)
            p.wind.scale = r.real("wind_scale", default: p.wind.scale, range: 0 ... 5)
            p.solarConstant = r.real("solar_constant", default: p.solarConstant, range: 0 ... 3000)
            s.parameters = p
            return s
        }
    }

    private init() {}
}
