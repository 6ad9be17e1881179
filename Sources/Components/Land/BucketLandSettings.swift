import Coupling
import Namelist

/// The bucket land model's settings, from namelist group `&bucket_lnd_nml`.
struct BucketLandSettings: Sendable, GriddedModelSettings {
    /// The namelist group.
    static let group = "bucket_lnd_nml"

    /// The SCRIP grid file, relative to the namelist's folder.
    var gridFile = "grid_T62.nc"
    /// The model's constants.
    var parameters = BucketLandParameters()

    /// Reads the group from `namelist`; every key is optional.
    init(namelist: NamelistDocument) throws(DiagnosticList) {
        self = try namelist.settings(group: Self.group) { r in
            var s = BucketLandSettings()
            var p = s.parameters
            s.gridFile = r.string("grid_file", default: s.gridFile)
            p.heatCapacity = r.real("heat_capacity", default: p.heatCapacity, range: 1e4 ... 1e8)
            p.bucketCapacity = r.real("bucket_capacity", default: p.bucketCapacity, range: 1 ... 2000)
            // In days; 0 (the default) for none.
            let drainageDays = r.real("drainage_days", default: 0, range: 0 ... 100_000)
            p.drainageTimescale = drainageDays > 0 ? 86_400 * drainageDays : .infinity
            p.evaporationThreshold = r.real("evaporation_threshold", default: p.evaporationThreshold, range: 0.05 ... 1)
            p.roughnessLength = r.real("roughness_length", default: p.roughnessLength, range: 1e-5 ... 2)
            p.minimumWindSpeed = r.real("min_wind_speed", default: p.minimumWindSpeed, range: 0.1 ... 10)
            p.emissivity = r.real("emissivity", default: p.emissivity, range: 0.5 ... 1)
            p.groundAlbedos = SurfaceAlbedos(visible: r.real("ground_albedo_vis", default: p.groundAlbedos.visibleDirect, range: 0 ... 1),
                                             nearInfrared: r.real("ground_albedo_nir", default: p.groundAlbedos.nearInfraredDirect, range: 0 ... 1))
            p.snowAlbedos = SurfaceAlbedos(visible: r.real("snow_albedo_vis", default: p.snowAlbedos.visibleDirect, range: 0 ... 1),
                                           nearInfrared: r.real("snow_albedo_nir", default: p.snowAlbedos.nearInfraredDirect, range: 0 ... 1))
            p.snowMaskingDepth = r.real("snow_masking_depth", default: p.snowMaskingDepth, range: 0.1 ... 1000)
            s.parameters = p
            return s
        }
    }

    private init() {}
}
