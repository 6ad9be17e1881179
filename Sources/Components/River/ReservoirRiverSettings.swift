import Coupling
import Namelist

/// The reservoir river model's settings, from namelist group `&reservoir_rof_nml`.
struct ReservoirRiverSettings: Sendable, GriddedModelSettings {
    /// The namelist group.
    static let group = "reservoir_rof_nml"

    /// The SCRIP grid file with the topography (`topo`, m), relative to the namelist's folder:
    /// a regular longitude–latitude grid, as `mapping-weights/make-river.sh` makes it.
    var gridFile = "grid_1deg_river.nc"
    /// The effective velocity of river water (m/s).
    var velocity = LinearReservoirRouting.standardVelocity

    /// Reads the group from `namelist`; every key is optional.
    init(namelist: NamelistDocument) throws(DiagnosticList) {
        self = try namelist.settings(group: Self.group) { r in
            var s = ReservoirRiverSettings()
            s.gridFile = r.string("grid_file", default: s.gridFile)
            s.velocity = r.real("velocity", default: s.velocity, range: 0.01 ... 10)
            return s
        }
    }

    private init() {}
}
