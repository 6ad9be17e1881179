/// What a slab atmosphere column exports for the next coupling interval: the forcing of the
/// surface and how its precipitation splits into convective and large-scale.
public struct SlabAtmosphereOutput: Sendable, Hashable {
    /// The surface forcing.
    public var forcing: SurfaceForcing
    /// The convective share of rain and snow (`Faxa_rainc` / `Faxa_rain`), 0...1.
    public var convectiveFraction: Double

    /// An output with the given values.
    public init(forcing: SurfaceForcing, convectiveFraction: Double) {
        self.forcing = forcing
        self.convectiveFraction = convectiveFraction
    }

    /// Convective rain (`Faxa_rainc`), kg m⁻² s⁻¹.
    public var convectiveRain: Double { forcing.rain * convectiveFraction }
    /// Large-scale rain (`Faxa_rainl`), kg m⁻² s⁻¹.
    public var largeScaleRain: Double { forcing.rain - convectiveRain }
    /// Convective snow (`Faxa_snowc`), kg m⁻² s⁻¹.
    public var convectiveSnow: Double { forcing.snow * convectiveFraction }
    /// Large-scale snow (`Faxa_snowl`), kg m⁻² s⁻¹.
    public var largeScaleSnow: Double { forcing.snow - convectiveSnow }
}
