#if canImport(Glibc)
import Glibc
#endif

/// Physical constants shared by the coupler and the built-in models (values as in CESM's
/// shr_const_mod, SI units).
public enum PhysicalConstants {
    /// Stefan–Boltzmann constant, W m⁻² K⁻⁴.
    public static let stefanBoltzmann = 5.67e-8
    /// Latent heat of vaporisation, J kg⁻¹.
    public static let latentHeatOfVaporization = 2.501e6
    /// Latent heat of fusion, J kg⁻¹.
    public static let latentHeatOfFusion = 3.337e5
    /// Specific heat of dry air at constant pressure, J kg⁻¹ K⁻¹.
    public static let specificHeatOfDryAir = 1.00464e3
    /// Gas constant of dry air, J kg⁻¹ K⁻¹.
    public static let dryAirGasConstant = 287.04
    /// Gravitational acceleration, m s⁻².
    public static let gravity = 9.80616
    /// Freezing point of fresh water, K.
    public static let freezingPointOfFreshWater = 273.15
    /// Freezing point of sea water (salinity 34.7), K.
    public static let freezingPointOfSeaWater = 273.15 - 1.8
    /// Density of sea water, kg m⁻³.
    public static let seaWaterDensity = 1.026e3
    /// Specific heat of sea water, J kg⁻¹ K⁻¹.
    public static let seaWaterSpecificHeat = 3.996e3
    /// Density of sea ice, kg m⁻³.
    public static let iceDensity = 0.917e3
    /// Density of fresh water, kg m⁻³.
    public static let freshWaterDensity = 1.0e3
    /// Reference sea surface salinity, g kg⁻¹.
    public static let referenceSalinity = 34.7
    /// Solar constant, W m⁻².
    public static let solarConstant = 1361.0
    /// Standard surface pressure, Pa.
    public static let standardPressure = 101_325.0
    /// Earth radius, m.
    public static let earthRadius = 6.37122e6

    /// Saturation specific humidity over water at temperature `t` (K) and air density `rho`
    /// (kg m⁻³), Large & Yeager's fit (kg kg⁻¹).
    public static func saturationHumidity(temperature t: Double, airDensity rho: Double) -> Double {
        640_380.0 / rho * exp(-5107.4 / t)
    }

    /// Saturation specific humidity over ice (Large & Yeager), kg kg⁻¹.
    public static func saturationHumidityOverIce(temperature t: Double, airDensity rho: Double) -> Double {
        11_637_800.0 / rho * exp(-5897.8 / t)
    }
}
