import Coupling
import TimeManager

/// The CF `units` of a time variable, `<unit> since <reference date>`: how long one unit is and
/// the instant the values count from.
///
/// Accepted forms (case-insensitive): `days since 0001-01-01`, `hours since 1850-1-1 6:00`,
/// `seconds since 2000-01-01 00:00:00`, `days since 2000-01-01T12:00:00Z`; units `days`
/// (`day`, `d`), `hours` (`hour`, `hr`, `h`), `minutes` (`minute`, `min`) and `seconds`
/// (`second`, `sec`, `s`); the time of day may be `h:m` or `h:m:s` with whole seconds; a time
/// zone may follow if it is UTC (`Z`, `UTC`, `GMT`, `+00:00`). The reference date is checked
/// against the file's calendar by ``ForcingTimeAxis``.
public struct ForcingTimeUnits: Sendable, Hashable {
    /// The length of one unit in seconds (86 400 for days).
    public let secondsPerUnit: Double
    /// The instant a value of 0 stands for.
    public let reference: ModelDate

    /// Units of `secondsPerUnit` seconds counted from `reference`.
    public init(secondsPerUnit: Double, reference: ModelDate) {
        self.secondsPerUnit = secondsPerUnit
        self.reference = reference
    }

    /// Parses a CF time `units` attribute such as `days since 0001-01-01 00:00:00`.
    public init(parsing text: String) throws(ForcingError) {
        let words = text.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        func failure(_ reason: String) -> ForcingError {
            ForcingError("cannot use time units '\(text)': \(reason); expected '<days|hours|minutes|seconds> since YYYY-MM-DD[ hh:mm:ss]'")
        }
        guard words.count >= 3, words[1] == "since" else { throw failure("no '<unit> since <date>'") }
        guard let seconds = Self.secondsPerUnit[words[0]] else { throw failure("unknown unit '\(words[0])'") }
        var dateAndTime = Array(words[2...])
        if let separator = dateAndTime[0].firstIndex(of: "t") {
            // ISO 8601: 2000-01-01T12:00:00Z
            let date = dateAndTime[0]
            dateAndTime[0] = String(date[..<separator])
            dateAndTime.insert(String(date[date.index(after: separator)...]), at: 1)
        }
        if dateAndTime.count > 1, dateAndTime[1].hasSuffix("z") {
            dateAndTime[1].removeLast()
            if dateAndTime[1].isEmpty { dateAndTime.remove(at: 1) }
        }
        guard let (year, month, day) = Self.date(dateAndTime[0]) else { throw failure("cannot read the date '\(dateAndTime[0])'") }
        var secondOfDay = 0
        var rest = dateAndTime.dropFirst()
        if let clock = rest.first, clock.first?.isNumber == true, clock.contains(":") {
            guard let second = Self.secondOfDay(clock) else { throw failure("cannot read the time of day '\(clock)'") }
            secondOfDay = second
            rest = rest.dropFirst()
        }
        if let zone = rest.first {
            guard rest.count == 1, Self.isUTC(zone) else { throw failure("only UTC reference times are supported, found '\(rest.joined(separator: " "))'") }
        }
        self.init(secondsPerUnit: seconds, reference: ModelDate(year: year, month: month, day: day, secondOfDay: secondOfDay))
    }

    /// The words naming a unit, and its length in seconds.
    private static let secondsPerUnit: [String: Double] = [
        "days": 86_400, "day": 86_400, "d": 86_400,
        "hours": 3_600, "hour": 3_600, "hrs": 3_600, "hr": 3_600, "h": 3_600,
        "minutes": 60, "minute": 60, "mins": 60, "min": 60,
        "seconds": 1, "second": 1, "secs": 1, "sec": 1, "s": 1,
    ]

    /// `Y-M-D` with a year of any number of digits.
    private static func date(_ text: String) -> (Int, Int, Int)? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              year >= 0 else { return nil }
        return (year, month, day)
    }

    /// `h:m` or `h:m:s` (seconds may carry a zero fraction, `00:00:00.0`) as seconds since midnight.
    private static func secondOfDay(_ text: String) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3, let hours = Int(parts[0]), let minutes = Int(parts[1]),
              (0 ..< 24).contains(hours), (0 ..< 60).contains(minutes) else { return nil }
        var seconds = 0
        if parts.count == 3 {
            guard let value = Double(parts[2]), value >= 0, value < 60, value == value.rounded(.down) else { return nil }
            seconds = Int(value)
        }
        return hours * 3_600 + minutes * 60 + seconds
    }

    /// Whether `text` names UTC: `utc`, `gmt`, or a zero offset such as `+00:00`, `-0`, `0000`.
    private static func isUTC(_ text: String) -> Bool {
        if text == "utc" || text == "gmt" || text == "z" { return true }
        var digits = Substring(text)
        if digits.first == "+" || digits.first == "-" { digits = digits.dropFirst() }
        return !digits.isEmpty && digits.allSatisfy { $0 == "0" || $0 == ":" }
    }
}
