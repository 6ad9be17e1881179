/// Conversion between calendar dates and model time (seconds since 0000-01-01 00:00:00).
extension ModelCalendar {
    /// The instant of `date` in this calendar.
    ///
    /// - Precondition: `date` is valid in this calendar (see ``validate(_:)``).
    public func time(of date: ModelDate) -> ModelTime {
        if let problem = validate(date) {
            preconditionFailure(problem)
        }
        var days = daysBeforeYear(Int64(date.year))
        for month in 1..<date.month {
            days += Int64(daysInMonth(month, year: date.year))
        }
        days += Int64(date.day - 1)
        return ModelTime(seconds: days * ModelTime.secondsPerDay + Int64(date.secondOfDay))
    }

    /// The calendar date of `time` in this calendar.
    ///
    /// - Precondition: `time` is not before 0000-01-01 00:00:00 (`time.seconds >= 0`).
    public func date(of time: ModelTime) -> ModelDate {
        precondition(time.seconds >= 0, "model time \(time.seconds) s is before 0000-01-01 00:00:00")
        let days = time.seconds / ModelTime.secondsPerDay
        let secondOfDay = Int(time.seconds % ModelTime.secondsPerDay)
        let year = yearContaining(day: days)
        var dayOfYear = Int(days - daysBeforeYear(year))
        var month = 1
        while dayOfYear >= daysInMonth(month, year: Int(year)) {
            dayOfYear -= daysInMonth(month, year: Int(year))
            month += 1
        }
        return ModelDate(year: Int(year), month: month, day: dayOfYear + 1, secondOfDay: secondOfDay)
    }

    /// The number of days from 0000-01-01 to the first day of `year` (`year >= 0`).
    private func daysBeforeYear(_ year: Int64) -> Int64 {
        switch self {
        case .noLeap:
            return 365 * year
        case .gregorian:
            // Leap years in 0..<year: multiples of 4, minus multiples of 100, plus multiples of 400
            // (each count includes year 0).
            let leapYears = (year + 3) / 4 - (year + 99) / 100 + (year + 399) / 400
            return 365 * year + leapYears
        }
    }

    /// The year containing the day `day` days after 0000-01-01 (`day >= 0`).
    private func yearContaining(day: Int64) -> Int64 {
        switch self {
        case .noLeap:
            return day / 365
        case .gregorian:
            // A 400-year Gregorian cycle has 146 097 days; the estimate is off by at most a year.
            var year = day * 400 / 146_097
            while daysBeforeYear(year + 1) <= day { year += 1 }
            while daysBeforeYear(year) > day { year -= 1 }
            return year
        }
    }
}
