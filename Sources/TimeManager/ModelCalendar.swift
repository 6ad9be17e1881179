/// A model calendar: the rules that turn dates into model time and back.
///
/// - `noLeap`: every year has 365 days (February always has 28), as in most CESM runs.
/// - `gregorian`: the proleptic Gregorian calendar, extended back to year 0 with
///   astronomical year numbering. A year is a leap year when divisible by 4, except
///   century years, which are leap years only when divisible by 400; so 1900 is not a
///   leap year while 2000 and year 0 are.
///
/// Only years ≥ 0 are supported. Days always have 86 400 seconds.
public enum ModelCalendar: String, Sendable, CaseIterable {
    /// The 365-day calendar without leap years.
    case noLeap = "NO_LEAP"
    /// The proleptic Gregorian calendar.
    case gregorian = "GREGORIAN"

    /// Parses a calendar name as written in a namelist or netCDF `calendar` attribute.
    ///
    /// Matching is case-insensitive. `NO_LEAP`, `noleap` and `365_day` give ``noLeap``;
    /// `GREGORIAN`, `proleptic_gregorian` and `standard` give ``gregorian``.
    /// Returns `nil` for any other spelling.
    public init?(namelistValue: String) {
        switch namelistValue.lowercased() {
        case "no_leap", "noleap", "365_day":
            self = .noLeap
        case "gregorian", "proleptic_gregorian", "standard":
            self = .gregorian
        default:
            return nil
        }
    }

    /// The calendar's name for a netCDF CF `calendar` attribute: `noleap` or `proleptic_gregorian`.
    public var cfName: String {
        switch self {
        case .noLeap: "noleap"
        case .gregorian: "proleptic_gregorian"
        }
    }

    /// Whether `year` has a 29 February in this calendar (never in NO_LEAP).
    public func isLeapYear(_ year: Int) -> Bool {
        switch self {
        case .noLeap:
            false
        case .gregorian:
            year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        }
    }

    /// The number of days in `month` (1–12) of `year`.
    public func daysInMonth(_ month: Int, year: Int) -> Int {
        precondition((1...12).contains(month), "month \(month) does not exist (months are 1...12)")
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The number of days in `year`: 365, or 366 in a leap year.
    public func daysInYear(_ year: Int) -> Int {
        isLeapYear(year) ? 366 : 365
    }

    /// Checks that `date` exists in this calendar.
    ///
    /// - Returns: `nil` if the date is valid, otherwise a message saying what is wrong,
    ///   e.g. "day 30 of February does not exist in the NO_LEAP calendar".
    public func validate(_ date: ModelDate) -> String? {
        if date.year < 0 {
            return "year \(date.year) is before year 0, the first year of the \(rawValue) calendar"
        }
        guard (1...12).contains(date.month) else {
            return "month \(date.month) does not exist (months are 1...12)"
        }
        let monthLength = daysInMonth(date.month, year: date.year)
        guard (1...monthLength).contains(date.day) else {
            let monthName = Self.monthNames[date.month - 1]
            // In the Gregorian calendar the length of a month can depend on the year.
            let monthText = self == .gregorian ? "\(monthName) \(date.year)" : monthName
            return "day \(date.day) of \(monthText) does not exist in the \(rawValue) calendar"
        }
        guard (0..<Int(ModelTime.secondsPerDay)).contains(date.secondOfDay) else {
            return "second of day \(date.secondOfDay) is outside 0...\(ModelTime.secondsPerDay - 1)"
        }
        return nil
    }

    /// English month names, January first, for messages.
    private static let monthNames = [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ]
}
