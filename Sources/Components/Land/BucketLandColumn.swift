#if canImport(Glibc)
import Glibc
#endif
import Coupling

/// One land cell of the bucket model: a surface layer with a heat capacity, a snow pack and a
/// bucket of soil water.
///
/// Energy: C dT/dt = F_sw + F_lwdn + F_lwup + F_sen + F_lat − L_f M, where the fluxes
/// (positive downward) are linearised about the temperature at the start of the step and
/// taken at its end (an implicit step, stable for any step length), and M is snow melt.
/// Over snow, evaporation is sublimation (L = L_v + L_f) with β = 1; over ground
/// β = min(1, W / (θ W_max)); evaporation never takes more water than the store holds.
/// When T passes 273.15 K with snow on the ground, the heat above freezing melts snow.
/// Water: d(snow)/dt = snowfall + E_snow − M, d(bucket)/dt = rain + M + E_ground − runoff,
/// the runoff being what overflows the capacity W_max plus the soil's drainage W/τ_d.
public struct BucketLandColumn: Sendable, Hashable {
    /// Surface temperature, K.
    public var temperature: Double
    /// Soil water in the bucket, kg m⁻².
    public var soilWater: Double
    /// Snow water equivalent, kg m⁻².
    public var snow: Double

    /// A column with the given state.
    public init(temperature: Double, soilWater: Double, snow: Double) {
        self.temperature = temperature
        self.soilWater = soilWater
        self.snow = snow
    }

    /// The initial column at `latitude` (degrees): T = 249 K + 50 K (1 − sin⁴φ), the bucket
    /// half full, and 50 kg m⁻² of snow where T is below freezing.
    public init(latitude: Double, parameters p: BucketLandParameters) {
        let s = sin(latitude * Double.pi / 180)
        let t = 249 + 50 * (1 - s * s * s * s)
        self.init(temperature: t, soilWater: p.bucketCapacity / 2, snow: t < PhysicalConstants.freezingPointOfFreshWater ? 50 : 0)
    }

    /// The heat of the column relative to snow-free ground at the freezing point,
    /// C (T − 273.15 K) − L_f S, J m⁻²: its heat store. It changes by the net radiation, the
    /// sensible heat, L_v E and −L_f × snowfall of each step (melting moves heat from one
    /// term to the other; sublimation takes L_v + L_f from T and gives L_f back with the snow).
    public func heat(parameters p: BucketLandParameters) -> Double {
        p.heatCapacity * (temperature - PhysicalConstants.freezingPointOfFreshWater) - PhysicalConstants.latentHeatOfFusion * snow
    }

    /// The surface albedos: ground and snow albedos weighted by the snow-covered share
    /// S / (S + S_mask).
    public func albedos(parameters p: BucketLandParameters) -> SurfaceAlbedos {
        SurfaceAlbedos.blend(p.groundAlbedos, p.snowAlbedos, weight: snow / (snow + p.snowMaskingDepth))
    }

    /// The upward longwave of the surface under downward longwave `longwaveDown`:
    /// −(ε σ T⁴ + (1 − ε) F_lwdn), W m⁻².
    public func longwaveUp(longwaveDown: Double, parameters p: BucketLandParameters) -> Double {
        let t2 = temperature * temperature
        return -(p.emissivity * PhysicalConstants.stefanBoltzmann * t2 * t2 + (1 - p.emissivity) * longwaveDown)
    }

    /// The evaporation efficiency β of snow-free ground, 0...1.
    public func groundEfficiency(parameters p: BucketLandParameters) -> Double {
        min(1, max(0, soilWater) / (p.evaporationThreshold * p.bucketCapacity))
    }

    /// Advances the column by `interval` seconds under `forcing` and returns the fluxes.
    @discardableResult
    public mutating func step(forcing f: SurfaceForcing, parameters p: BucketLandParameters, interval dt: Double) -> BucketLandFluxes {
        let lv = PhysicalConstants.latentHeatOfVaporization, lf = PhysicalConstants.latentHeatOfFusion
        let freezing = PhysicalConstants.freezingPointOfFreshWater
        let exchange = SurfaceExchange(air: f.air, roughnessLength: p.roughnessLength, minimumWindSpeed: p.minimumWindSpeed)
        let onSnow = snow > 0
        let latent = onSnow ? lv + lf : lv
        let curve: SaturationCurve = onSnow ? .ice : .water
        let t0 = temperature
        let condensing = exchange.evaporation(surfaceTemperature: t0, over: curve, efficiency: 1) > 0
        let efficiency = onSnow || condensing ? 1 : groundEfficiency(parameters: p)

        // Fluxes at T0 and their slopes d/dT.
        var fluxes = BucketLandFluxes()
        fluxes.shortwaveNet = f.shortwave.absorbed(by: albedos(parameters: p))
        let longwave = longwaveUp(longwaveDown: f.longwaveDown, parameters: p)
        let longwaveSlope = -4 * p.emissivity * PhysicalConstants.stefanBoltzmann * t0 * t0 * t0
        let sensible = exchange.sensibleHeat(surfaceTemperature: t0)
        let evaporation = exchange.evaporation(surfaceTemperature: t0, over: curve, efficiency: efficiency)
        let evaporationSlope = exchange.evaporationSlope(surfaceTemperature: t0, over: curve, efficiency: efficiency)
        let dryFlux = fluxes.shortwaveNet + f.longwaveDown + longwave + sensible
        let drySlope = longwaveSlope + exchange.sensibleHeatSlope

        // Implicit step; if evaporation would empty the store, it takes the store and no more.
        var change = dt * (dryFlux + latent * evaporation) / (p.heatCapacity - dt * (drySlope + latent * evaporationSlope))
        fluxes.evaporation = evaporation + evaporationSlope * change
        let available = onSnow ? snow + f.snow * dt : max(0, soilWater) + f.rain * dt
        if -fluxes.evaporation * dt > available {
            fluxes.evaporation = -available / dt
            change = dt * (dryFlux + latent * fluxes.evaporation) / (p.heatCapacity - dt * drySlope)
        }
        fluxes.longwaveUp = longwave + longwaveSlope * change
        fluxes.sensibleHeat = sensible + exchange.sensibleHeatSlope * change
        fluxes.latentHeat = latent * fluxes.evaporation
        fluxes.zonalStress = exchange.zonalStress
        fluxes.meridionalStress = exchange.meridionalStress
        temperature = t0 + change

        // Snow: accumulation, sublimation, then melt with the heat above freezing.
        snow = max(0, snow + (f.snow + (onSnow ? fluxes.evaporation : 0)) * dt)
        var melt = 0.0
        if temperature > freezing && snow > 0 {
            melt = min(snow, p.heatCapacity * (temperature - freezing) / lf)
            temperature -= lf * melt / p.heatCapacity
            snow -= melt
        }
        fluxes.snowMelt = melt / dt

        // Bucket: rain, melt water and ground evaporation; what overflows runs off, and the
        // soil drains as a linear reservoir (the exact outflow over the step).
        soilWater += f.rain * dt + melt + (onSnow ? 0 : fluxes.evaporation * dt)
        let overflow = max(0, soilWater - p.bucketCapacity)
        soilWater = min(soilWater, p.bucketCapacity)
        let drained = max(0, soilWater) * -expm1(-dt / p.drainageTimescale)
        soilWater -= drained
        fluxes.runoff = (overflow + drained) / dt
        return fluxes
    }
}
