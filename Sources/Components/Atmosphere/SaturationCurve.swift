#if canImport(Glibc)
import Glibc
#endif
import Coupling

/// Saturation specific humidity over water or over ice, as fitted by Large & Yeager
/// (`q_sat = a / ρ · exp(−b / T)`, `PhysicalConstants.saturationHumidity`), with its slope
/// for linearising a surface energy balance.
public enum SaturationCurve: Sendable, Hashable {
    /// Over liquid water (b = 5107.4 K).
    case water
    /// Over ice (b = 5897.8 K).
    case ice

    /// The saturation specific humidity at temperature `t` (K) in air of density `rho`
    /// (kg m⁻³), kg kg⁻¹.
    public func humidity(temperature t: Double, airDensity rho: Double) -> Double {
        switch self {
        case .water: PhysicalConstants.saturationHumidity(temperature: t, airDensity: rho)
        case .ice: PhysicalConstants.saturationHumidityOverIce(temperature: t, airDensity: rho)
        }
    }

    /// d q_sat / dT at temperature `t` in air of density `rho`, kg kg⁻¹ K⁻¹.
    public func slope(temperature t: Double, airDensity rho: Double) -> Double {
        humidity(temperature: t, airDensity: rho) * exponentScale / (t * t)
    }

    /// The constant b of the fit, K.
    private var exponentScale: Double {
        switch self {
        case .water: 5107.4
        case .ice: 5897.8
        }
    }
}
