/// What the atmosphere gives one land cell over a coupling interval: its lowest level and the
/// radiation and precipitation reaching the surface (the `Sa_*` and `Faxa_*` imports).
public struct LandForcing: Sendable {
    /// Height of the lowest atmosphere level, m (`Sa_z`).
    public var height = 10.0
    /// Zonal wind, m s⁻¹ (`Sa_u`).
    public var zonalWind = 0.0
    /// Meridional wind, m s⁻¹ (`Sa_v`).
    public var meridionalWind = 0.0
    /// Potential temperature referred to the surface, K (`Sa_ptem`).
    public var potentialTemperature = 0.0
    /// Specific humidity, kg kg⁻¹ (`Sa_shum`).
    public var specificHumidity = 0.0
    /// Air density, kg m⁻³ (`Sa_dens`); 0 means no air, hence no turbulent exchange.
    public var density = 0.0
    /// Downward visible direct shortwave, W m⁻² (`Faxa_swvdr`).
    public var visibleDirect = 0.0
    /// Downward near-infrared direct shortwave, W m⁻² (`Faxa_swndr`).
    public var nearInfraredDirect = 0.0
    /// Downward visible diffuse shortwave, W m⁻² (`Faxa_swvdf`).
    public var visibleDiffuse = 0.0
    /// Downward near-infrared diffuse shortwave, W m⁻² (`Faxa_swndf`).
    public var nearInfraredDiffuse = 0.0
    /// Downward longwave, W m⁻² (`Faxa_lwdn`).
    public var longwaveDown = 0.0
    /// Rain, kg m⁻² s⁻¹ (`Faxa_rainc` + `Faxa_rainl`).
    public var rain = 0.0
    /// Snow, kg m⁻² s⁻¹ (`Faxa_snowc` + `Faxa_snowl`).
    public var snow = 0.0

    /// No atmosphere: no wind, no air, no radiation, no precipitation.
    public init() {}

    /// The wind speed, never below `minimum`, m s⁻¹.
    public func windSpeed(minimum: Double) -> Double {
        max((zonalWind * zonalWind + meridionalWind * meridionalWind).squareRoot(), minimum)
    }
}
