#if canImport(Glibc)
import Glibc
#endif
import Coupling

/// The lowest atmosphere level as a surface model sees it: the `Sa_*` fields the atmosphere
/// exports and the land and sea-ice models import.
public struct SurfaceAir: Sendable, Hashable {
    /// Height of the level above the surface (`Sa_z`), m.
    public var height: Double
    /// Zonal wind, positive eastward (`Sa_u`), m s⁻¹.
    public var zonalWind: Double
    /// Meridional wind, positive northward (`Sa_v`), m s⁻¹.
    public var meridionalWind: Double
    /// Temperature (`Sa_tbot`), K.
    public var temperature: Double
    /// Potential temperature referred to the surface pressure (`Sa_ptem`), K.
    public var potentialTemperature: Double
    /// Specific humidity (`Sa_shum`), kg kg⁻¹.
    public var specificHumidity: Double
    /// Pressure (`Sa_pbot`), Pa.
    public var pressure: Double
    /// Air density (`Sa_dens`), kg m⁻³.
    public var density: Double

    /// A level with the given values.
    public init(height: Double, zonalWind: Double, meridionalWind: Double, temperature: Double,
                potentialTemperature: Double, specificHumidity: Double, pressure: Double, density: Double) {
        self.height = height
        self.zonalWind = zonalWind
        self.meridionalWind = meridionalWind
        self.temperature = temperature
        self.potentialTemperature = potentialTemperature
        self.specificHumidity = specificHumidity
        self.pressure = pressure
        self.density = density
    }

    /// A level at `height` above a surface at pressure `surfacePressure`, with temperature
    /// `temperature`, specific humidity `specificHumidity` and wind (`zonalWind`,
    /// `meridionalWind`): the pressure follows the hydrostatic law over the height, the
    /// density the ideal gas law of dry air, and the potential temperature is referred to
    /// the surface pressure, as the bulk formulas of the coupler expect.
    public init(height: Double, surfacePressure: Double, temperature: Double, specificHumidity: Double,
                zonalWind: Double, meridionalWind: Double) {
        let rd = PhysicalConstants.dryAirGasConstant
        let pressure = surfacePressure * exp(-PhysicalConstants.gravity * height / (rd * temperature))
        let kappa = rd / PhysicalConstants.specificHeatOfDryAir
        self.init(height: height, zonalWind: zonalWind, meridionalWind: meridionalWind, temperature: temperature,
                  potentialTemperature: temperature * pow(surfacePressure / pressure, kappa),
                  specificHumidity: specificHumidity, pressure: pressure, density: pressure / (rd * temperature))
    }

    /// The wind speed, never below `minimum` (a gustiness floor for the bulk formulas), m s⁻¹.
    public func windSpeed(minimum: Double) -> Double {
        max((zonalWind * zonalWind + meridionalWind * meridionalWind).squareRoot(), minimum)
    }
}
