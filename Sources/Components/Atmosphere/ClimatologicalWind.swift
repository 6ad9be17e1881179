#if canImport(Glibc)
import Glibc
#endif

/// The slab atmosphere's prescribed zonal wind near the surface, a function of latitude
/// only: easterly trade winds, mid-latitude westerlies and polar easterlies, the same in
/// both hemispheres. With x = |latitude| in degrees,
///
///     u(x) = s · [−6 exp(−((x − 15)/12)²) + 9 exp(−((x − 45)/12)²) − 3 exp(−((x − 75)/8)²)]  m s⁻¹
///
/// where s is `scale`; the meridional wind is zero.
public struct ClimatologicalWind: Sendable, Hashable {
    /// The factor s applied to the whole profile.
    public var scale: Double

    /// The profile multiplied by `scale`.
    public init(scale: Double = 1) {
        self.scale = scale
    }

    /// The zonal wind at `latitude` (degrees), positive eastward, m s⁻¹.
    public func zonalWind(latitude: Double) -> Double {
        let x = abs(latitude)
        func bump(_ centre: Double, _ width: Double) -> Double { exp(-((x - centre) / width) * ((x - centre) / width)) }
        return scale * (-6 * bump(15, 12) + 9 * bump(45, 12) - 3 * bump(75, 8))
    }
}
