import Coupling

/// The energy balance of the top of a zero-layer (Semtner) ice slab: the surface temperature
/// T_i at which the fluxes from the atmosphere (positive downward) balance the heat conducted
/// up through the ice and snow from the base, which is at the freezing point T_f:
///
///     G(T) = F_sw + ε F_lwdn − ε σ T⁴ + c_p g (θ_a − T) + (L_v + L_f) g (q_a − q_sat,ice(T)) + k (T_f − T) = 0
///
/// G decreases and is concave in T, so Newton's method from any start converges to the root
/// from above after at most one step. The surface cannot warm past melting: if the root is
/// above 273.15 K, T_i is 273.15 K and G(T_i) > 0 is the heat that melts the top.
struct SeaIceSurfaceBalance: Sendable {
    /// Shortwave absorbed at the surface (not passing into the ice), W m⁻².
    let absorbedShortwave: Double
    /// Downward longwave, W m⁻².
    let longwaveDown: Double
    /// The bulk exchange with the lowest atmosphere level.
    let exchange: SurfaceExchange
    /// Longwave emissivity.
    let emissivity: Double
    /// Conductance of the ice and snow k = 1 / (h / k_i + h_s / k_s), W m⁻² K⁻¹.
    let conductance: Double
    /// Temperature of the ice base, K.
    let baseTemperature: Double
    /// Highest surface temperature, K.
    let meltingTemperature: Double

    /// Upward longwave at surface temperature `t`: −(ε σ T⁴ + (1 − ε) F_lwdn), W m⁻².
    func longwaveUp(at t: Double) -> Double {
        -(emissivity * PhysicalConstants.stefanBoltzmann * t * t * t * t + (1 - emissivity) * longwaveDown)
    }

    /// Sublimation (negative) or deposition at surface temperature `t`, kg m⁻² s⁻¹.
    func evaporation(at t: Double) -> Double {
        exchange.evaporation(surfaceTemperature: t, over: .ice, efficiency: 1)
    }

    /// Heat conducted up to the surface at temperature `t`, k (T_f − T), W m⁻².
    func conduction(at t: Double) -> Double {
        conductance * (baseTemperature - t)
    }

    /// The atmosphere's net heat input to the surface at temperature `t`, W m⁻².
    func atmosphericHeating(at t: Double) -> Double {
        absorbedShortwave + longwaveDown + longwaveUp(at: t) + exchange.sensibleHeat(surfaceTemperature: t)
            + (PhysicalConstants.latentHeatOfVaporization + PhysicalConstants.latentHeatOfFusion) * evaporation(at: t)
    }

    /// G(t): the surface's net heat gain, W m⁻².
    func imbalance(at t: Double) -> Double {
        atmosphericHeating(at: t) + conduction(at: t)
    }

    /// dG/dT at `t`, W m⁻² K⁻¹ (negative).
    private func slope(at t: Double) -> Double {
        -4 * emissivity * PhysicalConstants.stefanBoltzmann * t * t * t + exchange.sensibleHeatSlope
            + (PhysicalConstants.latentHeatOfVaporization + PhysicalConstants.latentHeatOfFusion)
            * exchange.evaporationSlope(surfaceTemperature: t, over: .ice, efficiency: 1) - conductance
    }

    /// The surface temperature, found by Newton's method from `guess`, at most the melting
    /// temperature, K.
    func surfaceTemperature(from guess: Double) -> Double {
        var t = min(guess, meltingTemperature)
        for _ in 0 ..< 50 {
            let change = imbalance(at: t) / slope(at: t)
            t -= change
            if abs(change) < 1e-9 { break }
        }
        return min(t, meltingTemperature)
    }
}
