/// The constants of the bucket land model (namelist group `&bucket_lnd_nml`).
public struct BucketLandParameters: Sendable, Hashable {
    /// Heat capacity C of the surface layer (the top of the soil), J m⁻² K⁻¹.
    public var heatCapacity = 1.0e6
    /// Water the bucket holds before it overflows, kg m⁻².
    public var bucketCapacity = 150.0
    /// Time scale τ_d of the soil's drainage to the rivers (a linear reservoir: W/τ_d runs
    /// off), s; infinite by default: the soil does not drain. The slab atmosphere carries no
    /// moisture from the ocean to the land, so a draining land dries out within a year.
    public var drainageTimescale = Double.infinity
    /// Share of the capacity above which the soil evaporates freely (β = 1).
    public var evaporationThreshold = 0.75
    /// Roughness length z₀ of the surface, m.
    public var roughnessLength = 0.05
    /// Gustiness floor of the wind speed in the bulk formulas, m s⁻¹.
    public var minimumWindSpeed = 1.0
    /// Longwave emissivity ε.
    public var emissivity = 0.96
    /// Albedos of snow-free ground.
    public var groundAlbedos = SurfaceAlbedos(visible: 0.10, nearInfrared: 0.25)
    /// Albedos of a deep snow pack.
    public var snowAlbedos = SurfaceAlbedos(visible: 0.85, nearInfrared: 0.55)
    /// Snow water equivalent at which snow covers half the ground, kg m⁻².
    public var snowMaskingDepth = 10.0

    /// The defaults.
    public init() {}
}
