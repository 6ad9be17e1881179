#if canImport(Glibc)
import Glibc
#endif
import Coupling

/// One column of the slab atmosphere: a single layer with a bottom temperature and a store of
/// water vapour.
///
/// The column's heat content is C T with C = c_p p_s / g; its emission temperatures follow T
/// down a fixed lapse rate. Over a step of length Δt, with insolation S at the top and the
/// merged surface below (fluxes positive downward):
///
///     C dT/dt = a (S + R) + ε (−F_lwup) − ε σ (T_up⁴ + T_down⁴) − F_sen + L_v P + L_f P_snow + Q_t
///     dW/dt   = −F_evap − P
///
/// with R the shortwave the surface reflects, P = max(0, W − h W_sat(T)) / max(τ_p, Δt) the
/// precipitation (snow when T < 273.15 K), W_sat(T) = ρ q_sat(T) H_w, and
/// Q_t = C (T_ref − T)(1 − e^(−Δt/τ_t)) / Δt the relaxation toward the reference temperature
/// that stands for the circulation's heat transport (≈ C (T_ref − T)/τ_t for short steps). The terms are
/// evaluated at the state at the start of the step (forward Euler), which is the state the
/// exports for that step came from, so the column loses exactly the longwave, shortwave and
/// precipitation the surface received.
public struct SlabAtmosphereColumn: Sendable, Hashable {
    /// Bottom temperature, K.
    public var temperature: Double
    /// Column water vapour, kg m⁻².
    public var water: Double

    /// A column with bottom temperature `temperature` and column water `water`.
    public init(temperature: Double, water: Double) {
        self.temperature = temperature
        self.water = water
    }

    /// The initial column at `latitude`: the reference temperature, and water at the
    /// condensation threshold.
    public init(latitude: Double, parameters p: SlabAtmosphereParameters) {
        let t = p.referenceTemperature(latitude: latitude)
        self.init(temperature: t, water: p.condensationThreshold * p.saturatedColumnWater(temperature: t))
    }

    /// The precipitation rate of the column over an interval of `interval` seconds, kg m⁻² s⁻¹.
    public func precipitation(parameters p: SlabAtmosphereParameters, interval: Double) -> Double {
        let excess = water - p.condensationThreshold * p.saturatedColumnWater(temperature: temperature)
        return max(0, excess) / max(p.precipitationTimescale, interval)
    }

    /// What the column gives the surface at `latitude` over the next `interval` seconds, with
    /// mean insolation `insolation` at its top.
    public func output(insolation: Double, latitude: Double, parameters p: SlabAtmosphereParameters,
                       interval: Double) -> SlabAtmosphereOutput {
        var air = SurfaceAir(height: p.referenceHeight, surfacePressure: p.surfacePressure, temperature: temperature,
                             specificHumidity: 0, zonalWind: p.wind.zonalWind(latitude: latitude), meridionalWind: 0)
        let humidity = max(0, water) / (air.density * p.waterScaleHeight)
        air.specificHumidity = min(humidity, SaturationCurve.water.humidity(temperature: temperature, airDensity: air.density))
        let shortwave = ShortwaveBands(total: (1 - p.shortwaveAbsorptance - p.cloudAlbedo) * insolation,
                                       visibleFraction: p.visibleFraction, diffuseFraction: p.diffuseFraction)
        let precipitation = precipitation(parameters: p, interval: interval)
        let snowing = temperature < PhysicalConstants.freezingPointOfFreshWater
        let forcing = SurfaceForcing(air: air, shortwave: shortwave, longwaveDown: emission(at: p.downwardEmissionHeight, p),
                                     rain: snowing ? 0 : precipitation, snow: snowing ? precipitation : 0)
        return SlabAtmosphereOutput(forcing: forcing, convectiveFraction: p.convectiveFraction(temperature: temperature))
    }

    /// Advances the column by `interval` seconds over `surface`, with mean insolation
    /// `insolation` at its top, and returns what it exchanged.
    @discardableResult
    public mutating func step(surface: MergedSurface, insolation: Double, latitude: Double,
                              parameters p: SlabAtmosphereParameters, interval: Double) -> SlabAtmosphereBudget {
        let forcing = output(insolation: insolation, latitude: latitude, parameters: p, interval: interval).forcing
        let reflectedBySurface = forcing.shortwave.reflected(by: surface.albedos)
        let upward = emission(at: p.upwardEmissionHeight, p)
        var budget = SlabAtmosphereBudget()
        budget.insolation = insolation
        budget.absorbedShortwave = p.shortwaveAbsorptance * (insolation + reflectedBySurface)
        budget.reflectedShortwave = p.cloudAlbedo * insolation + (1 - p.shortwaveAbsorptance) * reflectedBySurface
        budget.absorbedLongwave = p.emissivity * -surface.longwaveUp
        budget.emittedLongwave = upward + forcing.longwaveDown
        budget.outgoingLongwave = (1 - p.emissivity) * -surface.longwaveUp + upward
        budget.sensibleHeat = -surface.sensibleHeat
        budget.precipitation = forcing.rain + forcing.snow
        budget.condensationHeating = PhysicalConstants.latentHeatOfVaporization * budget.precipitation
            + PhysicalConstants.latentHeatOfFusion * forcing.snow
        if p.transportTimescale > 0 {
            let decay = 1 - exp(-interval / p.transportTimescale)
            budget.transportHeating = p.heatCapacity * (p.referenceTemperature(latitude: latitude) - temperature) * decay / interval
        }
        budget.evaporation = -surface.evaporation
        temperature += budget.heating * interval / p.heatCapacity
        water += (budget.evaporation - budget.precipitation) * interval
        return budget
    }

    /// Longwave the column emits from height `height` (each way), ε σ (T − Γ z)⁴, W m⁻².
    private func emission(at height: Double, _ p: SlabAtmosphereParameters) -> Double {
        let t = temperature - p.lapseRate * height
        return p.emissivity * PhysicalConstants.stefanBoltzmann * t * t * t * t
    }
}
