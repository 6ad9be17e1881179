/// An instant of model time: whole seconds since 0000-01-01 00:00:00 of its calendar.
///
/// Model time is always an integer number of seconds held in an `Int64`, so a run of
/// many millennia neither loses precision nor overflows (`Int64` seconds span about
/// 292 billion years). A `ModelTime` carries no calendar: the same value names
/// different dates in different calendars, so convert with ``ModelCalendar/date(of:)``
/// and ``ModelCalendar/time(of:)`` using the run's calendar.
public struct ModelTime: Sendable, Hashable, Comparable {
    /// Seconds elapsed since 0000-01-01 00:00:00.
    public let seconds: Int64

    /// Creates the instant `seconds` seconds after 0000-01-01 00:00:00.
    public init(seconds: Int64) {
        self.seconds = seconds
    }

    /// The number of seconds in a model day (every calendar here has 86 400-second days).
    public static let secondsPerDay: Int64 = 86_400

    /// The instant `seconds` seconds after `time` (or before it, for a negative interval).
    public static func + (time: ModelTime, seconds: Int64) -> ModelTime {
        ModelTime(seconds: time.seconds + seconds)
    }

    /// The interval in seconds from `earlier` to `later` (negative if `later` is the earlier one).
    public static func - (later: ModelTime, earlier: ModelTime) -> Int64 {
        later.seconds - earlier.seconds
    }

    /// Orders instants chronologically.
    public static func < (lhs: ModelTime, rhs: ModelTime) -> Bool {
        lhs.seconds < rhs.seconds
    }
}
