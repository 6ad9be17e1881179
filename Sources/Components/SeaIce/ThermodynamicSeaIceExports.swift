import Coupling

/// Where the sea-ice model's exports (`ExchangeTable.standard.exports(of: .ice)`) are in its bundle.
struct ThermodynamicSeaIceExports: Sendable {
    private let concentration, temperature, visibleDirect, nearInfraredDirect, visibleDiffuse, nearInfraredDiffuse: Int
    private let shortwaveNet, longwaveUp, sensibleHeat, latentHeat, evaporation, zonalStress, meridionalStress: Int
    private let meltHeat, meltWater, penetratingShortwave, water, heat: Int

    /// The positions of the fields in `exports`.
    init(in exports: FieldBundle) throws(MissingFieldError) {
        func index(_ name: String) throws(MissingFieldError) -> Int {
            try exports.requiredIndex(of: name, for: "thermodynamic sea ice exports")
        }
        concentration = try index("Si_ifrac")
        temperature = try index("Si_t")
        visibleDirect = try index("Si_avsdr")
        nearInfraredDirect = try index("Si_anidr")
        visibleDiffuse = try index("Si_avsdf")
        nearInfraredDiffuse = try index("Si_anidf")
        shortwaveNet = try index("Faii_swnet")
        longwaveUp = try index("Faii_lwup")
        sensibleHeat = try index("Faii_sen")
        latentHeat = try index("Faii_lat")
        evaporation = try index("Faii_evap")
        zonalStress = try index("Faii_taux")
        meridionalStress = try index("Faii_tauy")
        meltHeat = try index("Fioi_melth")
        meltWater = try index("Fioi_meltw")
        penetratingShortwave = try index("Fioi_swpen")
        water = try index("Si_wstor")
        heat = try index("Si_hstor")
    }

    /// Writes `fluxes`, the albedos `albedos`, the ice and snow mass `mass` (`Si_wstor`) and
    /// their heat, −L_f × `mass` (`Si_hstor`: zero-layer ice holds no heat but the latent heat
    /// it would take to melt), to one point's `row`.
    func write(_ fluxes: SeaIceFluxes, albedos: SurfaceAlbedos, mass: Double, to row: ExportRow) {
        row[concentration] = fluxes.concentration
        row[temperature] = fluxes.surfaceTemperature
        row[visibleDirect] = albedos.visibleDirect
        row[nearInfraredDirect] = albedos.nearInfraredDirect
        row[visibleDiffuse] = albedos.visibleDiffuse
        row[nearInfraredDiffuse] = albedos.nearInfraredDiffuse
        row[shortwaveNet] = fluxes.shortwaveNet
        row[longwaveUp] = fluxes.longwaveUp
        row[sensibleHeat] = fluxes.sensibleHeat
        row[latentHeat] = fluxes.latentHeat
        row[evaporation] = fluxes.evaporation
        row[zonalStress] = fluxes.zonalStress
        row[meridionalStress] = fluxes.meridionalStress
        row[meltHeat] = fluxes.meltHeat
        row[meltWater] = fluxes.meltWater
        row[penetratingShortwave] = fluxes.penetratingShortwave
        row[water] = mass
        row[heat] = -PhysicalConstants.latentHeatOfFusion * mass
    }
}
