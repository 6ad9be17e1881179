/// What a bucket land column exchanges over one step, per unit land area, mean rates,
/// positive downward (into the land).
public struct BucketLandFluxes: Sendable, Hashable {
    /// Absorbed shortwave (`Fall_swnet`), W m⁻².
    public var shortwaveNet = 0.0
    /// Upward longwave, emitted plus reflected (`Fall_lwup`, ≤ 0), W m⁻².
    public var longwaveUp = 0.0
    /// Sensible heat (`Fall_sen`), W m⁻².
    public var sensibleHeat = 0.0
    /// Latent heat (`Fall_lat`): L × evaporation, with L = L_v over ground and L_v + L_f over
    /// snow, W m⁻².
    public var latentHeat = 0.0
    /// Evaporation (`Fall_evap`, negative when water leaves the land), kg m⁻² s⁻¹.
    public var evaporation = 0.0
    /// Zonal stress (`Fall_taux`), N m⁻².
    public var zonalStress = 0.0
    /// Meridional stress (`Fall_tauy`), N m⁻².
    public var meridionalStress = 0.0
    /// Water leaving the overflowing bucket (`Fall_rofl`, ≥ 0), kg m⁻² s⁻¹.
    public var runoff = 0.0
    /// Snow melted into the bucket, kg m⁻² s⁻¹.
    public var snowMelt = 0.0

    /// No exchange: the fluxes of a cell without land.
    public init() {}
}
