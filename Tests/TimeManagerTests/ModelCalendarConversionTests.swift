import Testing
import TimeManager

@Suite("Date ↔ model time conversion")
struct ModelCalendarConversionTests {
    private let day = ModelTime.secondsPerDay

    @Test func epochIsTimeZero() {
        for calendar in ModelCalendar.allCases {
            #expect(calendar.time(of: ModelDate(year: 0, month: 1, day: 1)) == ModelTime(seconds: 0))
            #expect(calendar.date(of: ModelTime(seconds: 0)) == ModelDate(year: 0, month: 1, day: 1))
        }
    }

    @Test func knownGregorianDayCounts() {
        let calendar = ModelCalendar.gregorian
        func days(_ from: ModelDate, _ to: ModelDate) -> Int64 {
            (calendar.time(of: to) - calendar.time(of: from)) / day
        }
        #expect(days(ModelDate(year: 1, month: 1, day: 1), ModelDate(year: 2000, month: 1, day: 1)) == 730_119)
        // Year 0 is a leap year.
        #expect(days(ModelDate(year: 0, month: 1, day: 1), ModelDate(year: 1, month: 1, day: 1)) == 366)
        #expect(days(ModelDate(year: 0, month: 1, day: 1), ModelDate(year: 0, month: 3, day: 1)) == 60)
        // The Unix epoch is 719 528 days after 0000-01-01 in the proleptic Gregorian calendar.
        #expect(days(ModelDate(year: 0, month: 1, day: 1), ModelDate(year: 1970, month: 1, day: 1)) == 719_528)
        #expect(days(ModelDate(year: 0, month: 1, day: 1), ModelDate(year: 10_000, month: 1, day: 1)) == 3_652_425)
        #expect(days(ModelDate(year: 1900, month: 2, day: 28), ModelDate(year: 1900, month: 3, day: 1)) == 1)
        #expect(days(ModelDate(year: 2000, month: 2, day: 28), ModelDate(year: 2000, month: 3, day: 1)) == 2)
        // One 400-year cycle.
        #expect(days(ModelDate(year: 1600, month: 1, day: 1), ModelDate(year: 2000, month: 1, day: 1)) == 146_097)
    }

    @Test func knownNoLeapDayCounts() {
        let calendar = ModelCalendar.noLeap
        #expect(calendar.time(of: ModelDate(year: 2000, month: 1, day: 1)).seconds == 2000 * 365 * day)
        #expect(calendar.time(of: ModelDate(year: 1, month: 3, day: 1, secondOfDay: 5)).seconds == (365 + 59) * day + 5)
        #expect(calendar.date(of: ModelTime(seconds: 365 * day - 1))
            == ModelDate(year: 0, month: 12, day: 31, secondOfDay: 86_399))
    }

    @Test func timeOfDayIsKept() {
        let date = ModelDate(year: 1850, month: 7, day: 4, secondOfDay: 45_296)
        for calendar in ModelCalendar.allCases {
            let time = calendar.time(of: date)
            #expect(time.seconds % day == 45_296)
            #expect(calendar.date(of: time) == date)
        }
    }

    @Test(arguments: ModelCalendar.allCases)
    func randomDatesRoundTrip(calendar: ModelCalendar) {
        var generator = TimeTestGenerator(seed: 20_240_601)
        for _ in 0..<20_000 {
            let year = Int.random(in: 0...9999, using: &generator)
            let month = Int.random(in: 1...12, using: &generator)
            let day = Int.random(in: 1...calendar.daysInMonth(month, year: year), using: &generator)
            let second = Int.random(in: 0..<86_400, using: &generator)
            let date = ModelDate(year: year, month: month, day: day, secondOfDay: second)
            #expect(calendar.date(of: calendar.time(of: date)) == date)
        }
    }

    @Test(arguments: ModelCalendar.allCases)
    func randomTimesRoundTrip(calendar: ModelCalendar) {
        var generator = TimeTestGenerator(seed: 7)
        let end = calendar.time(of: ModelDate(year: 10_000, month: 1, day: 1)).seconds
        for _ in 0..<20_000 {
            let time = ModelTime(seconds: Int64.random(in: 0..<end, using: &generator))
            let date = calendar.date(of: time)
            #expect(calendar.validate(date) == nil)
            #expect(calendar.time(of: date) == time)
        }
    }

    /// Walks every day of two full 400-year Gregorian cycles (and 800 NO_LEAP years),
    /// checking that consecutive days are exactly one day apart.
    @Test(arguments: ModelCalendar.allCases)
    func everyDayFollowsThePreviousOne(calendar: ModelCalendar) {
        var expected = ModelTime(seconds: 0)
        var daysSeen = 0
        for year in 0..<800 {
            for month in 1...12 {
                for dayOfMonth in 1...calendar.daysInMonth(month, year: year) {
                    let date = ModelDate(year: year, month: month, day: dayOfMonth)
                    if calendar.time(of: date) != expected || calendar.date(of: expected) != date {
                        Issue.record("\(calendar) disagrees at \(date)")
                        return
                    }
                    expected = expected + day
                    daysSeen += 1
                }
            }
        }
        #expect(daysSeen == (calendar == .gregorian ? 2 * 146_097 : 800 * 365))
    }
}
