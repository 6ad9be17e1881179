#if canImport(Glibc)
import Glibc
#endif
import Coupling

/// The constants of the slab atmosphere (namelist group `&slab_atm_nml`); the defaults give
/// a global energy balance close to the observed one.
public struct SlabAtmosphereParameters: Sendable, Hashable {
    /// Surface pressure p_s, which also sets the column's mass p_s / g, Pa.
    public var surfacePressure = PhysicalConstants.standardPressure
    /// Height of the lowest level (`Sa_z`), m.
    public var referenceHeight = 10.0
    /// Share a of the sunlight at the top, and of the sunlight the surface reflects, that the
    /// column absorbs.
    public var shortwaveAbsorptance = 0.22
    /// Share r of the sunlight at the top that clouds reflect back to space.
    public var cloudAlbedo = 0.24
    /// Longwave emissivity (and absorptivity) ε of the column.
    public var emissivity = 0.9
    /// Lapse rate Γ relating the emission temperatures to the bottom temperature, K m⁻¹.
    public var lapseRate = 0.0065
    /// Height z_down at which the downward longwave is emitted: T_down = T − Γ z_down, m.
    public var downwardEmissionHeight = 250.0
    /// Height z_up at which the upward longwave is emitted: T_up = T − Γ z_up, m.
    public var upwardEmissionHeight = 5500.0
    /// Scale height H_w of water vapour: column water = ρ q H_w, m.
    public var waterScaleHeight = 2500.0
    /// Relative humidity of the column above which water condenses and precipitates.
    public var condensationThreshold = 0.8
    /// Time τ_p over which water above the threshold precipitates, s.
    public var precipitationTimescale = 6 * 3600.0
    /// Time τ_t of the relaxation toward the reference temperature that stands for the heat
    /// transport of the atmosphere's circulation; 0 turns it off, s.
    public var transportTimescale = 15 * 86_400.0
    /// Reference bottom temperature at the equator, K.
    public var equatorTemperature = 296.0
    /// Reference bottom temperature at the poles, K.
    public var poleTemperature = 246.0
    /// Share of the surface shortwave in the visible bands.
    public var visibleFraction = 0.5
    /// Share of the surface shortwave that is diffuse.
    public var diffuseFraction = 0.4
    /// The prescribed surface wind.
    public var wind = ClimatologicalWind()
    /// The solar constant S₀, W m⁻².
    public var solarConstant = PhysicalConstants.solarConstant

    /// The defaults.
    public init() {}

    /// The column's heat capacity c_p p_s / g, J m⁻² K⁻¹.
    public var heatCapacity: Double {
        PhysicalConstants.specificHeatOfDryAir * surfacePressure / PhysicalConstants.gravity
    }

    /// The reference bottom temperature at `latitude` (degrees):
    /// T_ref = T_pole + (T_equator − T_pole)(1 − sin⁴φ), K.
    public func referenceTemperature(latitude: Double) -> Double {
        let s = sin(latitude * Double.pi / 180)
        return poleTemperature + (equatorTemperature - poleTemperature) * (1 - s * s * s * s)
    }

    /// The column water at saturation for bottom temperature `t`: ρ q_sat(T) H_w, kg m⁻².
    public func saturatedColumnWater(temperature t: Double) -> Double {
        let rho = surfacePressure / (PhysicalConstants.dryAirGasConstant * t)
        return rho * SaturationCurve.water.humidity(temperature: t, airDensity: rho) * waterScaleHeight
    }

    /// The convective share of precipitation falling from a column at bottom temperature `t`:
    /// (T − 273.15 K) / 30 K, limited to 0...1.
    public func convectiveFraction(temperature t: Double) -> Double {
        min(1, max(0, (t - PhysicalConstants.freezingPointOfFreshWater) / 30))
    }
}
