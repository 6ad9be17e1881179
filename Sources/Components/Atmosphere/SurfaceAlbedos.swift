/// A surface's albedos in the four shortwave bands (the `S*_avsdr`, `S*_anidr`, `S*_avsdf`,
/// `S*_anidf` fields), each between 0 and 1.
public struct SurfaceAlbedos: Sendable, Hashable {
    /// Visible direct beam.
    public var visibleDirect: Double
    /// Near-infrared direct beam.
    public var nearInfraredDirect: Double
    /// Visible diffuse.
    public var visibleDiffuse: Double
    /// Near-infrared diffuse.
    public var nearInfraredDiffuse: Double

    /// Albedos with the given values.
    public init(visibleDirect: Double, nearInfraredDirect: Double, visibleDiffuse: Double, nearInfraredDiffuse: Double) {
        self.visibleDirect = visibleDirect
        self.nearInfraredDirect = nearInfraredDirect
        self.visibleDiffuse = visibleDiffuse
        self.nearInfraredDiffuse = nearInfraredDiffuse
    }

    /// The same albedo for direct and diffuse light: `visible` and `nearInfrared`.
    public init(visible: Double, nearInfrared: Double) {
        self.init(visibleDirect: visible, nearInfraredDirect: nearInfrared, visibleDiffuse: visible, nearInfraredDiffuse: nearInfrared)
    }

    /// `a` where `weight` is 0, `b` where it is 1, linear in between.
    public static func blend(_ a: SurfaceAlbedos, _ b: SurfaceAlbedos, weight: Double) -> SurfaceAlbedos {
        func mix(_ x: Double, _ y: Double) -> Double { x + (y - x) * weight }
        return SurfaceAlbedos(visibleDirect: mix(a.visibleDirect, b.visibleDirect),
                              nearInfraredDirect: mix(a.nearInfraredDirect, b.nearInfraredDirect),
                              visibleDiffuse: mix(a.visibleDiffuse, b.visibleDiffuse),
                              nearInfraredDiffuse: mix(a.nearInfraredDiffuse, b.nearInfraredDiffuse))
    }
}
