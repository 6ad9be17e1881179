#if canImport(Glibc)
import Glibc
#endif
import Coupling
import TimeManager

/// Where the Sun is and how much sunlight reaches the top of the atmosphere, in a model
/// calendar.
///
/// With d the day of the year (0 at 1 January 00:00 UTC, fractional) and N the length of
/// the year in the calendar (365 or 366 days):
/// - declination δ = −ε cos(2π (d + 10) / N), ε = 23.44° (solstices on about 21 June and
///   21 December);
/// - Earth–Sun distance factor f = 1 + 0.0334 cos(2π (d − 2) / N) (perihelion on 3 January);
/// - hour angle h = 2π (s / 86 400 + λ / 360°) − π, s the UTC second of the day and λ the
///   longitude (h = 0 at local noon);
/// - cos z = sin φ sin δ + cos φ cos δ cos h, φ the latitude;
/// - insolation S₀ f max(0, cos z).
public struct SolarGeometry: Sendable, Hashable {
    /// The Earth's obliquity, radians.
    public static let obliquity = 23.44 * Double.pi / 180
    /// The longest sub-interval `meanInsolation` samples at its mid-point, s.
    public static let samplingInterval = 3600.0

    /// The run's calendar.
    public let calendar: ModelCalendar
    /// The solar constant S₀, W m⁻².
    public let solarConstant: Double

    /// The Sun of `calendar`, with solar constant `solarConstant`.
    public init(calendar: ModelCalendar, solarConstant: Double = PhysicalConstants.solarConstant) {
        self.calendar = calendar
        self.solarConstant = solarConstant
    }

    /// The day of the year of the instant `seconds` (model time in seconds, fractions
    /// allowed): 0 at 1 January 00:00, with the length of that year in days.
    public func dayOfYear(at seconds: Double) -> (day: Double, yearLength: Double) {
        let whole = seconds.rounded(.down)
        let date = calendar.date(of: ModelTime(seconds: Int64(whole)))
        let daysBeforeMonth = (1 ..< date.month).reduce(0) { $0 + calendar.daysInMonth($1, year: date.year) }
        let fraction = (Double(date.secondOfDay) + (seconds - whole)) / Double(ModelTime.secondsPerDay)
        return (Double(daysBeforeMonth + date.day - 1) + fraction, Double(calendar.daysInYear(date.year)))
    }

    /// The Sun's declination on day `day` of a year of `yearLength` days, radians.
    public static func declination(day: Double, yearLength: Double) -> Double {
        -obliquity * cos(2 * Double.pi * (day + 10) / yearLength)
    }

    /// The factor (mean distance / distance)² by which the Earth–Sun distance scales the solar
    /// constant on day `day` of a year of `yearLength` days.
    public static func distanceFactor(day: Double, yearLength: Double) -> Double {
        1 + 0.0334 * cos(2 * Double.pi * (day - 2) / yearLength)
    }

    /// The cosine of the solar zenith angle at `latitude` and `longitude` (degrees) at the
    /// instant `seconds`; negative when the Sun is below the horizon.
    public func cosineOfZenithAngle(latitude: Double, longitude: Double, at seconds: Double) -> Double {
        let (day, yearLength) = dayOfYear(at: seconds)
        let delta = Self.declination(day: day, yearLength: yearLength)
        let phi = latitude * Double.pi / 180
        let hourAngle = 2 * Double.pi * (day - day.rounded(.down) + longitude / 360) - Double.pi
        return sin(phi) * sin(delta) + cos(phi) * cos(delta) * cos(hourAngle)
    }

    /// The insolation at the top of the atmosphere at `latitude`, `longitude` and the instant
    /// `seconds`, W m⁻².
    public func insolation(latitude: Double, longitude: Double, at seconds: Double) -> Double {
        let (day, yearLength) = dayOfYear(at: seconds)
        let cosine = cosineOfZenithAngle(latitude: latitude, longitude: longitude, at: seconds)
        return solarConstant * Self.distanceFactor(day: day, yearLength: yearLength) * max(0, cosine)
    }

    /// The mean insolation over `[start, end)`: the interval is cut into the fewest equal
    /// parts no longer than `samplingInterval` and the insolation at their mid-points is
    /// averaged (for an interval of an hour or less, the value at its mid-point), W m⁻².
    public func meanInsolation(latitude: Double, longitude: Double, from start: ModelTime, until end: ModelTime) -> Double {
        let length = Double(end - start)
        guard length > 0 else { return insolation(latitude: latitude, longitude: longitude, at: Double(start.seconds)) }
        let parts = max(1, Int((length / Self.samplingInterval).rounded(.up)))
        let step = length / Double(parts)
        var sum = 0.0
        for part in 0 ..< parts {
            sum += insolation(latitude: latitude, longitude: longitude, at: Double(start.seconds) + (Double(part) + 0.5) * step)
        }
        return sum / Double(parts)
    }
}
