/// Downward shortwave at the surface in the four bands cpl7 exchanges (`Faxa_swvdr`,
/// `Faxa_swndr`, `Faxa_swvdf`, `Faxa_swndf`), W m⁻².
public struct ShortwaveBands: Sendable, Hashable {
    /// Visible direct beam.
    public var visibleDirect: Double
    /// Near-infrared direct beam.
    public var nearInfraredDirect: Double
    /// Visible diffuse.
    public var visibleDiffuse: Double
    /// Near-infrared diffuse.
    public var nearInfraredDiffuse: Double

    /// Bands with the given values.
    public init(visibleDirect: Double, nearInfraredDirect: Double, visibleDiffuse: Double, nearInfraredDiffuse: Double) {
        self.visibleDirect = visibleDirect
        self.nearInfraredDirect = nearInfraredDirect
        self.visibleDiffuse = visibleDiffuse
        self.nearInfraredDiffuse = nearInfraredDiffuse
    }

    /// `total` split into a visible share `visibleFraction` (the rest near-infrared) and,
    /// within each, a diffuse share `diffuseFraction` (the rest direct beam).
    public init(total: Double, visibleFraction: Double, diffuseFraction: Double) {
        let visible = total * visibleFraction, nearInfrared = total - visible
        self.init(visibleDirect: visible * (1 - diffuseFraction), nearInfraredDirect: nearInfrared * (1 - diffuseFraction),
                  visibleDiffuse: visible * diffuseFraction, nearInfraredDiffuse: nearInfrared * diffuseFraction)
    }

    /// The sum of the four bands.
    public var total: Double { visibleDirect + nearInfraredDirect + visibleDiffuse + nearInfraredDiffuse }

    /// The shortwave a surface with `albedos` reflects.
    public func reflected(by albedos: SurfaceAlbedos) -> Double {
        visibleDirect * albedos.visibleDirect + nearInfraredDirect * albedos.nearInfraredDirect
            + visibleDiffuse * albedos.visibleDiffuse + nearInfraredDiffuse * albedos.nearInfraredDiffuse
    }

    /// The shortwave a surface with `albedos` absorbs (the net shortwave).
    public func absorbed(by albedos: SurfaceAlbedos) -> Double {
        total - reflected(by: albedos)
    }
}
