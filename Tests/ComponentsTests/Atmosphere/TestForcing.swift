import Components
import Coupling
import TimeManager

/// Atmospheric forcing for column tests: air at `temperature` with relative humidity
/// `relativeHumidity`, an eastward wind `wind`, downward shortwave `shortwave` split into the
/// four bands, downward longwave, rain and snow.
func testForcing(temperature: Double = 285, relativeHumidity: Double = 0.8, wind: Double = 5, shortwave: Double = 200,
                 longwaveDown: Double = 320, rain: Double = 0, snow: Double = 0) -> SurfaceForcing {
    var air = SurfaceAir(height: 10, surfacePressure: PhysicalConstants.standardPressure, temperature: temperature,
                         specificHumidity: 0, zonalWind: wind, meridionalWind: 0)
    air.specificHumidity = relativeHumidity * SaturationCurve.water.humidity(temperature: temperature, airDensity: air.density)
    return SurfaceForcing(air: air, shortwave: ShortwaveBands(total: shortwave, visibleFraction: 0.5, diffuseFraction: 0.4),
                          longwaveDown: longwaveDown, rain: rain, snow: snow)
}

/// The forcing a surface gets when there is no atmosphere model: every field zero.
let noAtmosphere = SurfaceForcing(air: SurfaceAir(height: 0, zonalWind: 0, meridionalWind: 0, temperature: 0, potentialTemperature: 0,
                                                  specificHumidity: 0, pressure: 0, density: 0),
                                  shortwave: ShortwaveBands(total: 0, visibleFraction: 0.5, diffuseFraction: 0.5),
                                  longwaveDown: 0, rain: 0, snow: 0)

/// `a` and `b` agree to `relative` of the larger of their magnitudes and `scale`.
func isClose(_ a: Double, _ b: Double, relative: Double = 1e-10, scale: Double = 1) -> Bool {
    abs(a - b) <= relative * max(abs(a), abs(b), scale)
}

/// Model time in seconds of `date` in `calendar`.
func seconds(_ date: ModelDate, in calendar: ModelCalendar = .noLeap) -> Double {
    Double(calendar.time(of: date).seconds)
}
