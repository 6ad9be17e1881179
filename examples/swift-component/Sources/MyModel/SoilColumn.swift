#if canImport(Glibc)
import Glibc
#endif
import Coupling

/// One land cell of the two-layer soil model: a surface layer that exchanges energy with the
/// atmosphere and conducts heat to a deep layer below it. Snow-free; water is not stored.
///
/// Energy, per unit area, fluxes positive downward:
///
///     C_s dT_s/dt = F_sw + F_lwdn + F_lwup(T_s) + F_sen(T_s) + L_v E(T_s) − L_f S − G
///     C_d dT_d/dt = G,            G = K (T_s − T_d)
///
/// with F_lwup = −(ε σ T_s⁴ + (1 − ε) F_lwdn); the neutral bulk conductance
/// g = ρ (κ / ln(z / z₀))² max(|U|, U_min) giving F_sen = c_p g (θ_a − T_s),
/// E = β g (q_a − q_sat(T_s)) (β = 1 for dew) and the stress g (u, v); and L_f S the heat that
/// melts the falling snow S at once. The surface fluxes are linearised about T_s at the start
/// of the step and both layers are stepped implicitly (a 2 × 2 linear system), so any coupling
/// interval is stable, and the fluxes reported are those at the end of the step, which is
/// exactly what the layers gained: energy is conserved to round-off.
///
/// Water: the soil moisture, hence β, is fixed, so all water passes through: the runoff is
/// rain + snow + E, negative where evaporation draws more than falls (from the water table).
public struct SoilColumn: Sendable, Hashable {
    /// Temperature of the surface layer, K.
    public var surfaceTemperature: Double
    /// Temperature of the deep layer, K.
    public var deepTemperature: Double

    /// The von Kármán constant.
    public static let vonKarman = 0.4

    /// A column with the given temperatures.
    public init(surfaceTemperature: Double, deepTemperature: Double) {
        self.surfaceTemperature = surfaceTemperature
        self.deepTemperature = deepTemperature
    }

    /// The initial column at `latitude` (degrees): both layers at 250 K + 40 K cos²φ.
    public init(latitude: Double) {
        let c = cos(latitude * Double.pi / 180)
        let t = 250 + 40 * c * c
        self.init(surfaceTemperature: t, deepTemperature: t)
    }

    /// The longwave the surface sends up under downward longwave `longwaveDown`, emitted and
    /// reflected, W m⁻² (negative).
    public func longwaveUp(longwaveDown: Double, parameters p: TwoLayerLandParameters) -> Double {
        let t2 = surfaceTemperature * surfaceTemperature
        return -(p.emissivity * PhysicalConstants.stefanBoltzmann * t2 * t2 + (1 - p.emissivity) * longwaveDown)
    }

    /// Advances the column by `dt` seconds under `forcing` and returns the fluxes of the step.
    public mutating func step(forcing f: LandForcing, parameters p: TwoLayerLandParameters, interval dt: Double) -> LandFluxes {
        let lv = PhysicalConstants.latentHeatOfVaporization, lf = PhysicalConstants.latentHeatOfFusion
        let sigma = PhysicalConstants.stefanBoltzmann, cp = PhysicalConstants.specificHeatOfDryAir
        let t0 = surfaceTemperature

        // The bulk conductance ρ C |U|, kg m⁻² s⁻¹ (zero without air).
        let logarithm = log(max(f.height, 2 * p.roughnessLength) / p.roughnessLength)
        let coefficient = (Self.vonKarman / logarithm) * (Self.vonKarman / logarithm)
        let g = f.density * coefficient * f.windSpeed(minimum: p.minimumWindSpeed)

        // Surface fluxes at T0 and their slopes d/dT_s.
        var fluxes = LandFluxes()
        fluxes.shortwaveNet = (1 - p.visibleAlbedo) * (f.visibleDirect + f.visibleDiffuse)
            + (1 - p.nearInfraredAlbedo) * (f.nearInfraredDirect + f.nearInfraredDiffuse)
        let longwave = longwaveUp(longwaveDown: f.longwaveDown, parameters: p)
        let longwaveSlope = -4 * p.emissivity * sigma * t0 * t0 * t0
        let sensible = cp * g * (f.potentialTemperature - t0)
        let sensibleSlope = -cp * g
        var evaporation = 0.0, evaporationSlope = 0.0
        if f.density > 0 {
            let saturation = PhysicalConstants.saturationHumidity(temperature: t0, airDensity: f.density)
            let saturationSlope = saturation * 5107.4 / (t0 * t0)
            let beta = f.specificHumidity > saturation ? 1 : p.moistureFactor
            evaporation = beta * g * (f.specificHumidity - saturation)
            evaporationSlope = -beta * g * saturationSlope
        }
        let snowMelt = lf * f.snow
        let flux = fluxes.shortwaveNet + f.longwaveDown + longwave + sensible + lv * evaporation - snowMelt
        let fluxSlope = longwaveSlope + sensibleSlope + lv * evaporationSlope

        // Implicit step of both layers: x = ΔT_s, y = ΔT_d.
        let k = p.layerConductance
        let a11 = p.surfaceHeatCapacity / dt - fluxSlope + k, a12 = -k
        let a21 = -k, a22 = p.deepHeatCapacity / dt + k
        let difference = surfaceTemperature - deepTemperature
        let b1 = flux - k * difference, b2 = k * difference
        let determinant = a11 * a22 - a12 * a21
        let x = (b1 * a22 - a12 * b2) / determinant
        let y = (a11 * b2 - a21 * b1) / determinant
        surfaceTemperature += x
        deepTemperature += y

        fluxes.longwaveUp = longwave + longwaveSlope * x
        fluxes.sensibleHeat = sensible + sensibleSlope * x
        fluxes.evaporation = evaporation + evaporationSlope * x
        fluxes.latentHeat = lv * fluxes.evaporation
        fluxes.zonalStress = g * f.zonalWind
        fluxes.meridionalStress = g * f.meridionalWind
        fluxes.runoff = f.rain + f.snow + fluxes.evaporation
        fluxes.groundHeat = k * (surfaceTemperature - deepTemperature)
        return fluxes
    }
}
