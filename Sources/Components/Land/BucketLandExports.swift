import Coupling

/// Where the bucket land model's exports (`ExchangeTable.standard.exports(of: .lnd)`) are in its bundle.
struct BucketLandExports: Sendable {
    private let temperature, visibleDirect, nearInfraredDirect, visibleDiffuse, nearInfraredDiffuse: Int
    private let shortwaveNet, longwaveUp, sensibleHeat, latentHeat, evaporation, zonalStress, meridionalStress, runoff, water, heat: Int

    /// The positions of the fields in `exports`.
    init(in exports: FieldBundle) throws(MissingFieldError) {
        func index(_ name: String) throws(MissingFieldError) -> Int { try exports.requiredIndex(of: name, for: "bucket land exports") }
        temperature = try index("Sl_t")
        visibleDirect = try index("Sl_avsdr")
        nearInfraredDirect = try index("Sl_anidr")
        visibleDiffuse = try index("Sl_avsdf")
        nearInfraredDiffuse = try index("Sl_anidf")
        shortwaveNet = try index("Fall_swnet")
        longwaveUp = try index("Fall_lwup")
        sensibleHeat = try index("Fall_sen")
        latentHeat = try index("Fall_lat")
        evaporation = try index("Fall_evap")
        zonalStress = try index("Fall_taux")
        meridionalStress = try index("Fall_tauy")
        runoff = try index("Fall_rofl")
        water = try index("Sl_wstor")
        heat = try index("Sl_hstor")
    }

    /// Writes the state of `column` (with `parameters`), its water (soil water and snow), its
    /// heat and `fluxes` to one point's `row`.
    func write(_ column: BucketLandColumn, parameters: BucketLandParameters, fluxes: BucketLandFluxes, to row: ExportRow) {
        let albedos = column.albedos(parameters: parameters)
        row[temperature] = column.temperature
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
        row[runoff] = fluxes.runoff
        row[water] = column.soilWater + column.snow
        row[heat] = column.heat(parameters: parameters)
    }
}
