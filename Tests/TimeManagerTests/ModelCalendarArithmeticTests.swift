import Testing
import TimeManager

@Suite("Calendar month and year arithmetic")
struct ModelCalendarArithmeticTests {
    private func add(months: Int, to date: ModelDate, in calendar: ModelCalendar) -> ModelDate {
        calendar.date(of: calendar.adding(months: months, to: calendar.time(of: date)))
    }

    private func add(years: Int, to date: ModelDate, in calendar: ModelCalendar) -> ModelDate {
        calendar.date(of: calendar.adding(years: years, to: calendar.time(of: date)))
    }

    @Test func endOfJanuaryPlusOneMonthIsClamped() {
        #expect(add(months: 1, to: ModelDate(year: 2001, month: 1, day: 31), in: .gregorian)
            == ModelDate(year: 2001, month: 2, day: 28))
        #expect(add(months: 1, to: ModelDate(year: 2000, month: 1, day: 31), in: .gregorian)
            == ModelDate(year: 2000, month: 2, day: 29))
        #expect(add(months: 1, to: ModelDate(year: 2000, month: 1, day: 31), in: .noLeap)
            == ModelDate(year: 2000, month: 2, day: 28))
        #expect(add(months: 3, to: ModelDate(year: 2000, month: 1, day: 31), in: .noLeap)
            == ModelDate(year: 2000, month: 4, day: 30))
        #expect(add(months: -1, to: ModelDate(year: 2000, month: 3, day: 31), in: .gregorian)
            == ModelDate(year: 2000, month: 2, day: 29))
    }

    @Test func monthsCrossYearsAndKeepTimeOfDay() {
        let date = ModelDate(year: 1999, month: 12, day: 15, secondOfDay: 21_600)
        #expect(add(months: 1, to: date, in: .gregorian) == ModelDate(year: 2000, month: 1, day: 15, secondOfDay: 21_600))
        #expect(add(months: 14, to: date, in: .noLeap) == ModelDate(year: 2001, month: 2, day: 15, secondOfDay: 21_600))
        #expect(add(months: -12, to: date, in: .noLeap) == ModelDate(year: 1998, month: 12, day: 15, secondOfDay: 21_600))
        #expect(add(months: 0, to: date, in: .gregorian) == date)
        #expect(add(months: 12_000, to: date, in: .gregorian) == ModelDate(year: 2999, month: 12, day: 15, secondOfDay: 21_600))
    }

    @Test func yearsClampLeapDays() {
        let leapDay = ModelDate(year: 2000, month: 2, day: 29, secondOfDay: 3600)
        #expect(add(years: 1, to: leapDay, in: .gregorian) == ModelDate(year: 2001, month: 2, day: 28, secondOfDay: 3600))
        #expect(add(years: 4, to: leapDay, in: .gregorian) == ModelDate(year: 2004, month: 2, day: 29, secondOfDay: 3600))
        #expect(add(years: 100, to: leapDay, in: .gregorian) == ModelDate(year: 2100, month: 2, day: 28, secondOfDay: 3600))
        #expect(add(years: -2000, to: ModelDate(year: 2000, month: 6, day: 1), in: .noLeap) == ModelDate(year: 0, month: 6, day: 1))
    }

    @Test func noLeapYearsAreExactly365Days() {
        let calendar = ModelCalendar.noLeap
        let start = calendar.time(of: ModelDate(year: 1, month: 3, day: 10, secondOfDay: 600))
        #expect(calendar.adding(years: 2000, to: start) - start == 2000 * 365 * ModelTime.secondsPerDay)
    }
}
