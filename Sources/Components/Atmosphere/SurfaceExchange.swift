#if canImport(Glibc)
import Glibc
#endif
import Coupling

/// Turbulent exchange between a surface and the lowest atmosphere level by neutral bulk
/// formulas, for the land and sea-ice models.
///
/// With U the wind speed (never below a gustiness floor), ρ the air density and
/// C = (κ / ln(z / z₀))² the neutral transfer coefficient of a surface of roughness length
/// z₀ seen from height z, the conductance g = ρ C U (kg m⁻² s⁻¹) gives, positive downward:
/// - sensible heat H = c_p g (θ_a − T_s);
/// - evaporation E = β g (q_a − q_s), negative when water leaves the surface;
/// - stress τ = g (u, v), in the direction of the wind.
public struct SurfaceExchange: Sendable, Hashable {
    /// The von Kármán constant.
    public static let vonKarman = 0.4
    /// The lowest atmosphere level.
    public let air: SurfaceAir
    /// ρ C U, kg m⁻² s⁻¹.
    public let conductance: Double

    /// The exchange between `air` and a surface of roughness length `roughnessLength` (m),
    /// with wind speeds below `minimumWindSpeed` (m s⁻¹) raised to it.
    public init(air: SurfaceAir, roughnessLength: Double, minimumWindSpeed: Double) {
        self.air = air
        let logarithm = log(max(air.height, 2 * roughnessLength) / roughnessLength)
        let coefficient = (Self.vonKarman / logarithm) * (Self.vonKarman / logarithm)
        conductance = air.density * coefficient * air.windSpeed(minimum: minimumWindSpeed)
    }

    /// Sensible heat flux into a surface at temperature `t`, W m⁻².
    public func sensibleHeat(surfaceTemperature t: Double) -> Double {
        PhysicalConstants.specificHeatOfDryAir * conductance * (air.potentialTemperature - t)
    }

    /// d(sensible heat) / d(surface temperature), W m⁻² K⁻¹ (negative).
    public var sensibleHeatSlope: Double { -PhysicalConstants.specificHeatOfDryAir * conductance }

    /// Evaporation (negative) or deposition (positive) at a surface at temperature `t` whose
    /// air is saturated over `curve`, with efficiency `efficiency` (β, 0...1); zero where
    /// there is no air (no atmosphere model), kg m⁻² s⁻¹.
    public func evaporation(surfaceTemperature t: Double, over curve: SaturationCurve, efficiency: Double) -> Double {
        guard conductance > 0 else { return 0 }
        return efficiency * conductance * (air.specificHumidity - curve.humidity(temperature: t, airDensity: air.density))
    }

    /// d(evaporation) / d(surface temperature), kg m⁻² s⁻¹ K⁻¹ (negative; zero where there is
    /// no air).
    public func evaporationSlope(surfaceTemperature t: Double, over curve: SaturationCurve, efficiency: Double) -> Double {
        guard conductance > 0 else { return 0 }
        return -efficiency * conductance * curve.slope(temperature: t, airDensity: air.density)
    }

    /// Zonal stress on the surface, N m⁻².
    public var zonalStress: Double { conductance * air.zonalWind }

    /// Meridional stress on the surface, N m⁻².
    public var meridionalStress: Double { conductance * air.meridionalWind }
}
