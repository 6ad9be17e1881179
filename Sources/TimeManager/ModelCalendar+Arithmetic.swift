/// Calendar arithmetic: moving an instant by whole calendar months or years.
extension ModelCalendar {
    /// The instant `months` calendar months after `time` (before it, if negative).
    ///
    /// The time of day is kept and the day of the month is clamped to the last day of the
    /// target month, so 31 January + 1 month is 28 February (29 in a Gregorian leap year).
    ///
    /// - Precondition: the result is not before year 0.
    public func adding(months: Int, to time: ModelTime) -> ModelTime {
        let date = date(of: time)
        let monthIndex = date.year * 12 + (date.month - 1) + months
        precondition(monthIndex >= 0, "adding \(months) months to \(date) goes before year 0")
        let year = monthIndex / 12
        let month = monthIndex % 12 + 1
        let day = min(date.day, daysInMonth(month, year: year))
        return self.time(of: ModelDate(year: year, month: month, day: day, secondOfDay: date.secondOfDay))
    }

    /// The instant `years` calendar years after `time` (before it, if negative).
    ///
    /// Equivalent to adding `12 × years` months: 29 February + 1 year is 28 February.
    ///
    /// - Precondition: the result is not before year 0.
    public func adding(years: Int, to time: ModelTime) -> ModelTime {
        adding(months: years * 12, to: time)
    }
}
