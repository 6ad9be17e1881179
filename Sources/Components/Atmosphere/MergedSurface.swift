/// The surface under an atmosphere column as the coupler merges it from land, sea ice and
/// ocean (the `Sx_*` and `Faxx_*` fields), per unit cell area, fluxes positive downward.
public struct MergedSurface: Sendable, Hashable {
    /// Surface temperature (`Sx_t`), K.
    public var temperature: Double
    /// Surface albedos (`Sx_avsdr`, ...).
    public var albedos: SurfaceAlbedos
    /// Zonal stress (`Faxx_taux`), N m⁻².
    public var zonalStress: Double
    /// Meridional stress (`Faxx_tauy`), N m⁻².
    public var meridionalStress: Double
    /// Latent heat flux (`Faxx_lat`), W m⁻².
    public var latentHeat: Double
    /// Sensible heat flux (`Faxx_sen`), W m⁻².
    public var sensibleHeat: Double
    /// Upward longwave (`Faxx_lwup`, ≤ 0), W m⁻².
    public var longwaveUp: Double
    /// Evaporation (`Faxx_evap`, negative when water leaves the surface), kg m⁻² s⁻¹.
    public var evaporation: Double

    /// A surface with the given values.
    public init(temperature: Double, albedos: SurfaceAlbedos, zonalStress: Double, meridionalStress: Double,
                latentHeat: Double, sensibleHeat: Double, longwaveUp: Double, evaporation: Double) {
        self.temperature = temperature
        self.albedos = albedos
        self.zonalStress = zonalStress
        self.meridionalStress = meridionalStress
        self.latentHeat = latentHeat
        self.sensibleHeat = sensibleHeat
        self.longwaveUp = longwaveUp
        self.evaporation = evaporation
    }
}
