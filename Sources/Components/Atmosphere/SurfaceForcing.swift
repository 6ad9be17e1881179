/// What the atmosphere gives a surface over one coupling interval: the state of its lowest
/// level, downward shortwave and longwave, and precipitation.
public struct SurfaceForcing: Sendable, Hashable {
    /// The lowest atmosphere level.
    public var air: SurfaceAir
    /// Downward shortwave at the surface, W m⁻².
    public var shortwave: ShortwaveBands
    /// Downward longwave at the surface (`Faxa_lwdn`), W m⁻².
    public var longwaveDown: Double
    /// Rain, convective plus large-scale, kg m⁻² s⁻¹.
    public var rain: Double
    /// Snow, convective plus large-scale, kg m⁻² s⁻¹ (liquid-water equivalent).
    public var snow: Double

    /// Forcing with the given values.
    public init(air: SurfaceAir, shortwave: ShortwaveBands, longwaveDown: Double, rain: Double, snow: Double) {
        self.air = air
        self.shortwave = shortwave
        self.longwaveDown = longwaveDown
        self.rain = rain
        self.snow = snow
    }
}
