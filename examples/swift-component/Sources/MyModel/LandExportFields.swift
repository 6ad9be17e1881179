import Coupling

/// Where the model's exports (`ExchangeTable.standard.exports(of: .lnd)`: the surface state `Sl_*` and the
/// fluxes `Fall_*`) are in its export bundle.
struct LandExportFields: Sendable {
    private let temperature, visibleDirect, nearInfraredDirect, visibleDiffuse, nearInfraredDiffuse: Int
    private let shortwaveNet, longwaveUp, sensibleHeat, latentHeat, evaporation, zonalStress, meridionalStress, runoff: Int

    /// The positions of the fields in `exports`.
    init(in exports: FieldBundle) throws(MissingFieldError) {
        func index(_ name: String) throws(MissingFieldError) -> Int { try exports.requiredIndex(of: name, for: "mymodel exports") }
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
    }

    /// Writes the surface state of `column` and `fluxes` to one point's `row`.
    func write(_ column: SoilColumn, fluxes: LandFluxes, parameters p: TwoLayerLandParameters, to row: ExportRow) {
        row[temperature] = column.surfaceTemperature
        row[visibleDirect] = p.visibleAlbedo
        row[nearInfraredDirect] = p.nearInfraredAlbedo
        row[visibleDiffuse] = p.visibleAlbedo
        row[nearInfraredDiffuse] = p.nearInfraredAlbedo
        row[shortwaveNet] = fluxes.shortwaveNet
        row[longwaveUp] = fluxes.longwaveUp
        row[sensibleHeat] = fluxes.sensibleHeat
        row[latentHeat] = fluxes.latentHeat
        row[evaporation] = fluxes.evaporation
        row[zonalStress] = fluxes.zonalStress
        row[meridionalStress] = fluxes.meridionalStress
        row[runoff] = fluxes.runoff
    }
}
