/// Everything the model knows about one local point: its soil column, the fluxes it last
/// exported and the land fraction the coupler last gave it. A restart saves all of it, so a
/// continued run goes on bit for bit.
struct LandPoint: Sendable {
    /// The two soil layers.
    var column: SoilColumn
    /// The fluxes of the last run call (before the first: only the emitted longwave).
    var fluxes = LandFluxes()
    /// `Sf_lfrac` of the last run call (0 before the first).
    var landFraction = 0.0

    /// A point with `column` that has not run yet.
    init(column: SoilColumn, parameters: TwoLayerLandParameters) {
        self.column = column
        // Before the first run the atmosphere is not known: export only the emitted longwave.
        fluxes.longwaveUp = column.longwaveUp(longwaveDown: 0, parameters: parameters)
    }

    /// One per-point number in the restart and history files: a name, its attributes, and where
    /// it is in a `LandPoint`.
    struct Variable {
        /// The variable's name in the files.
        let name: String
        /// Its `long_name` attribute.
        let longName: String
        /// Its `units` attribute.
        let units: String
        /// Where the value is.
        let value: WritableKeyPath<LandPoint, Double>
    }

    /// Every number of a point, as the restart saves them; the first three are also history variables.
    static var variables: [Variable] {
        [Variable(name: "soil_t_surface", longName: "surface soil layer temperature", units: "K", value: \.column.surfaceTemperature),
         Variable(name: "soil_t_deep", longName: "deep soil layer temperature", units: "K", value: \.column.deepTemperature),
         Variable(name: "ground_heat_flux", longName: "heat flux into the deep soil layer", units: "W m-2", value: \.fluxes.groundHeat),
         Variable(name: "land_fraction", longName: "land fraction last given by the coupler", units: "1", value: \.landFraction),
         Variable(name: "last_swnet", longName: "last exported absorbed shortwave", units: "W m-2", value: \.fluxes.shortwaveNet),
         Variable(name: "last_lwup", longName: "last exported upward longwave", units: "W m-2", value: \.fluxes.longwaveUp),
         Variable(name: "last_sen", longName: "last exported sensible heat flux", units: "W m-2", value: \.fluxes.sensibleHeat),
         Variable(name: "last_lat", longName: "last exported latent heat flux", units: "W m-2", value: \.fluxes.latentHeat),
         Variable(name: "last_evap", longName: "last exported evaporation", units: "kg m-2 s-1", value: \.fluxes.evaporation),
         Variable(name: "last_taux", longName: "last exported zonal stress", units: "N m-2", value: \.fluxes.zonalStress),
         Variable(name: "last_tauy", longName: "last exported meridional stress", units: "N m-2", value: \.fluxes.meridionalStress),
         Variable(name: "last_rofl", longName: "last exported runoff", units: "kg m-2 s-1", value: \.fluxes.runoff)]
    }

    /// How many of `variables` go into the history file.
    static let historyVariableCount = 3
}
