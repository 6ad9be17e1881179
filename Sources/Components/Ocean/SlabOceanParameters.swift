#if canImport(Glibc)
import Glibc
#endif
import Coupling

/// The constants of the slab ocean (namelist group `&slab_ocn_nml`).
public struct SlabOceanParameters: Sendable, Hashable {
    /// Depth H of the mixed layer, m.
    public var mixedLayerDepth = 50.0
    /// Time τ of the relaxation of temperature and salinity toward their climatologies, which
    /// stands for the heat and salt the ocean's circulation carries; 0 turns it off, s.
    public var relaxationTimescale = 90 * 86_400.0
    /// Climatological temperature at the equator, K.
    public var equatorTemperature = 301.0
    /// Latitude poleward of which the climatological temperature is freezing, degrees.
    public var freezingLatitude = 70.0
    /// Salinity the relaxation pulls toward, g kg⁻¹.
    public var referenceSalinity = PhysicalConstants.referenceSalinity

    /// The defaults.
    public init() {}

    /// Freezing temperature of sea water, T_f = 271.35 K.
    public var freezingTemperature: Double { PhysicalConstants.freezingPointOfSeaWater }

    /// Heat capacity ρ c_p H of the mixed layer, J m⁻² K⁻¹.
    public var heatCapacity: Double {
        PhysicalConstants.seaWaterDensity * PhysicalConstants.seaWaterSpecificHeat * mixedLayerDepth
    }

    /// Mass ρ H of the mixed layer, kg m⁻².
    public var mass: Double { PhysicalConstants.seaWaterDensity * mixedLayerDepth }

    /// The climatological temperature at `latitude` (degrees):
    /// T_f + (T_equator − T_f) max(0, 1 − (φ / φ_f)²), K.
    public func climatologicalTemperature(latitude: Double) -> Double {
        let x = latitude / freezingLatitude
        return freezingTemperature + (equatorTemperature - freezingTemperature) * max(0, 1 - x * x)
    }

    /// The share of a difference from climatology the relaxation removes in `interval`
    /// seconds, 1 − e^(−Δt/τ) (0 when the relaxation is off).
    public func relaxationFactor(interval: Double) -> Double {
        relaxationTimescale > 0 ? 1 - exp(-interval / relaxationTimescale) : 0
    }
}
