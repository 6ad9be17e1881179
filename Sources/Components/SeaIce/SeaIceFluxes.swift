/// What a sea-ice column exports after a step: its concentration and surface temperature, and
/// the fluxes of the step, positive downward. The fluxes with the atmosphere and the penetrating
/// shortwave are per unit ice area of that concentration (so concentration × flux is what the
/// cell exchanged); the melt heat and water are per unit cell area, so they reach the ocean
/// even when no ice is left to export a concentration.
public struct SeaIceFluxes: Sendable, Hashable {
    /// Concentration the fluxes refer to (`Si_ifrac`): the ice's concentration after the
    /// step, or, in the step where the last ice melts, its concentration during the step.
    public var concentration = 0.0
    /// Concentration of the ice the atmosphere's fluxes acted on during the step (after new
    /// ice formed in open water, before melting).
    public var activeConcentration = 0.0
    /// Surface temperature (`Si_t`), K.
    public var surfaceTemperature = 0.0
    /// Shortwave absorbed by the ice and the ocean under it (`Faii_swnet`), W m⁻².
    public var shortwaveNet = 0.0
    /// Upward longwave, emitted plus reflected (`Faii_lwup`, ≤ 0), W m⁻².
    public var longwaveUp = 0.0
    /// Sensible heat (`Faii_sen`), W m⁻².
    public var sensibleHeat = 0.0
    /// Latent heat (`Faii_lat`): (L_v + L_f) × sublimation, W m⁻².
    public var latentHeat = 0.0
    /// Sublimation (`Faii_evap`, negative when ice or snow leaves as vapour), kg m⁻² s⁻¹.
    public var evaporation = 0.0
    /// Zonal stress (`Faii_taux`), N m⁻².
    public var zonalStress = 0.0
    /// Meridional stress (`Faii_tauy`), N m⁻².
    public var meridionalStress = 0.0
    /// Heat given to the ocean (`Fioi_melth`), per unit cell area: negative when the ice takes
    /// heat from the ocean to melt (or snow falls into it where no ice is left); positive only
    /// in the step where the last ice melts and heat is left over, W m⁻².
    public var meltHeat = 0.0
    /// Fresh water given to the ocean (`Fioi_meltw`), per unit cell area: melt water and the
    /// rain on the ice, less the water frozen onto the base, kg m⁻² s⁻¹.
    public var meltWater = 0.0
    /// Shortwave passing through the ice into the ocean (`Fioi_swpen`), W m⁻².
    public var penetratingShortwave = 0.0

    /// No ice and no fluxes.
    public init() {}
}
