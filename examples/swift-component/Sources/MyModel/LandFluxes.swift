/// What one land cell gives the atmosphere over a coupling interval, per unit land area and
/// positive downward (into the land), as cpl7's `Fall_*` exports: upward longwave, turbulent
/// heat losses and evaporation are negative.
public struct LandFluxes: Sendable, Hashable {
    /// Absorbed shortwave, W m⁻² (`Fall_swnet`).
    public var shortwaveNet = 0.0
    /// Upward longwave, W m⁻² (`Fall_lwup`, negative).
    public var longwaveUp = 0.0
    /// Sensible heat flux, W m⁻² (`Fall_sen`).
    public var sensibleHeat = 0.0
    /// Latent heat flux, W m⁻² (`Fall_lat`): the latent heat of vaporisation times `evaporation`.
    public var latentHeat = 0.0
    /// Evaporation (negative) or dew (positive), kg m⁻² s⁻¹ (`Fall_evap`).
    public var evaporation = 0.0
    /// Zonal stress of the wind on the surface, N m⁻² (`Fall_taux`).
    public var zonalStress = 0.0
    /// Meridional stress of the wind on the surface, N m⁻² (`Fall_tauy`).
    public var meridionalStress = 0.0
    /// Liquid runoff, kg m⁻² s⁻¹ (`Fall_rofl`).
    public var runoff = 0.0
    /// Heat flux from the surface layer into the deep layer, W m⁻² (not exported; history only).
    public var groundHeat = 0.0

    /// All zero.
    public init() {}
}
