/// A calendar date and time of day: year, month (1–12), day of month (from 1) and
/// second of the day (0–86 399).
///
/// A `ModelDate` is plain data; whether it exists depends on the calendar (29 February
/// exists in some Gregorian years but never in the NO_LEAP calendar), so check it with
/// ``ModelCalendar/validate(_:)``. Dates order chronologically, field by field.
public struct ModelDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The year; year 0 exists (astronomical year numbering).
    public let year: Int
    /// The month of the year, 1 (January) to 12 (December).
    public let month: Int
    /// The day of the month, starting at 1.
    public let day: Int
    /// Seconds elapsed since midnight, 0 to 86 399.
    public let secondOfDay: Int

    /// Creates a date from its fields without checking them against a calendar.
    public init(year: Int, month: Int, day: Int, secondOfDay: Int = 0) {
        self.year = year
        self.month = month
        self.day = day
        self.secondOfDay = secondOfDay
    }

    /// Creates a date from CESM's integer forms.
    ///
    /// - Parameters:
    ///   - ymd: The date as `yyyymmdd`: the last two digits are the day, the two before
    ///     them the month and everything before that the year, so the year may have more
    ///     than four digits (`100000101` is 10000-01-01) or fewer (`10101` is 0001-01-01).
    ///     Must not be negative.
    ///   - tod: The time of day in seconds since midnight.
    public init(ymd: Int, tod: Int = 0) {
        precondition(ymd >= 0, "a CESM ymd date must not be negative (got \(ymd))")
        self.init(year: ymd / 10_000, month: ymd / 100 % 100, day: ymd % 100, secondOfDay: tod)
    }

    /// The date in CESM's integer form `yyyymmdd` (e.g. 20000229, or 10101 for 0001-01-01).
    public var ymd: Int {
        year * 10_000 + month * 100 + day
    }

    /// The time of day in seconds since midnight, as CESM's `tod`.
    public var tod: Int {
        secondOfDay
    }

    /// The date as in CESM file names, `YYYY-MM-DD-SSSSS`: the year zero-padded to at
    /// least four digits and the second of the day to five, e.g. `0001-01-01-00000`.
    public var description: String {
        "\(padded(year, to: 4))-\(padded(month, to: 2))-\(padded(day, to: 2))-\(padded(secondOfDay, to: 5))"
    }

    /// The date for logs, `YYYY-MM-DD hh:mm:ss`, e.g. `2000-02-29 06:30:00`.
    public var humanReadable: String {
        let hours = secondOfDay / 3600
        let minutes = secondOfDay / 60 % 60
        let seconds = secondOfDay % 60
        return "\(padded(year, to: 4))-\(padded(month, to: 2))-\(padded(day, to: 2)) "
            + "\(padded(hours, to: 2)):\(padded(minutes, to: 2)):\(padded(seconds, to: 2))"
    }

    /// Orders dates chronologically: by year, then month, day and second of the day.
    public static func < (lhs: ModelDate, rhs: ModelDate) -> Bool {
        (lhs.year, lhs.month, lhs.day, lhs.secondOfDay) < (rhs.year, rhs.month, rhs.day, rhs.secondOfDay)
    }
}

/// `value` in decimal, left-padded with zeros to at least `width` digits (after any minus sign).
private func padded(_ value: Int, to width: Int) -> String {
    let digits = String(value.magnitude)
    let zeros = String(repeating: "0", count: max(0, width - digits.count))
    return (value < 0 ? "-" : "") + zeros + digits
}
