import Testing
import TimeManager

@Suite("Calendar rules")
struct ModelCalendarTests {
    @Test func gregorianLeapYears() {
        let calendar = ModelCalendar.gregorian
        #expect(calendar.isLeapYear(0))
        #expect(!calendar.isLeapYear(1))
        #expect(!calendar.isLeapYear(1900))
        #expect(calendar.isLeapYear(2000))
        #expect(calendar.isLeapYear(2004))
        #expect(!calendar.isLeapYear(2001))
        #expect(!calendar.isLeapYear(2100))
        #expect(calendar.isLeapYear(2400))
    }

    @Test func noLeapHasNoLeapYears() {
        let calendar = ModelCalendar.noLeap
        for year in [0, 4, 1900, 2000, 2004, 2400] {
            #expect(!calendar.isLeapYear(year))
            #expect(calendar.daysInYear(year) == 365)
            #expect(calendar.daysInMonth(2, year: year) == 28)
        }
    }

    @Test func monthAndYearLengths() {
        let gregorian = ModelCalendar.gregorian
        let lengths2001 = (1...12).map { gregorian.daysInMonth($0, year: 2001) }
        #expect(lengths2001 == [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])
        #expect(gregorian.daysInMonth(2, year: 2000) == 29)
        #expect(gregorian.daysInMonth(2, year: 1900) == 28)
        #expect(gregorian.daysInMonth(2, year: 0) == 29)
        #expect(gregorian.daysInYear(0) == 366)
        #expect(gregorian.daysInYear(1900) == 365)
        #expect(gregorian.daysInYear(2000) == 366)
        #expect(lengths2001.reduce(0, +) == 365)
    }

    @Test func namelistSpellings() {
        for spelling in ["NO_LEAP", "no_leap", "noleap", "NOLEAP", "365_day", "365_DAY"] {
            #expect(ModelCalendar(namelistValue: spelling) == .noLeap)
        }
        for spelling in ["GREGORIAN", "gregorian", "proleptic_gregorian", "PROLEPTIC_GREGORIAN", "standard", "Standard"] {
            #expect(ModelCalendar(namelistValue: spelling) == .gregorian)
        }
        for spelling in ["julian", "360_day", "", "no leap"] {
            #expect(ModelCalendar(namelistValue: spelling) == nil)
        }
    }

    @Test func namesForFilesAndNetCDF() {
        #expect(ModelCalendar.noLeap.rawValue == "NO_LEAP")
        #expect(ModelCalendar.gregorian.rawValue == "GREGORIAN")
        #expect(ModelCalendar.noLeap.cfName == "noleap")
        #expect(ModelCalendar.gregorian.cfName == "proleptic_gregorian")
        #expect(ModelCalendar.allCases.map { ModelCalendar(namelistValue: $0.cfName) } == [.noLeap, .gregorian])
    }

    @Test func validDatesHaveNoProblem() {
        #expect(ModelCalendar.gregorian.validate(ModelDate(year: 2000, month: 2, day: 29)) == nil)
        #expect(ModelCalendar.gregorian.validate(ModelDate(year: 0, month: 2, day: 29)) == nil)
        #expect(ModelCalendar.noLeap.validate(ModelDate(year: 1, month: 12, day: 31, secondOfDay: 86_399)) == nil)
    }

    @Test func invalidDateMessages() {
        #expect(ModelCalendar.noLeap.validate(ModelDate(year: 1, month: 2, day: 30))
            == "day 30 of February does not exist in the NO_LEAP calendar")
        #expect(ModelCalendar.noLeap.validate(ModelDate(year: 2000, month: 2, day: 29))
            == "day 29 of February does not exist in the NO_LEAP calendar")
        #expect(ModelCalendar.gregorian.validate(ModelDate(year: 1900, month: 2, day: 29))
            == "day 29 of February 1900 does not exist in the GREGORIAN calendar")
        #expect(ModelCalendar.gregorian.validate(ModelDate(year: 2001, month: 4, day: 31))
            == "day 31 of April 2001 does not exist in the GREGORIAN calendar")
        #expect(ModelCalendar.noLeap.validate(ModelDate(year: 1, month: 1, day: 0))
            == "day 0 of January does not exist in the NO_LEAP calendar")
        #expect(ModelCalendar.noLeap.validate(ModelDate(year: 1, month: 13, day: 1))
            == "month 13 does not exist (months are 1...12)")
        #expect(ModelCalendar.noLeap.validate(ModelDate(year: 1, month: 0, day: 1))
            == "month 0 does not exist (months are 1...12)")
        #expect(ModelCalendar.gregorian.validate(ModelDate(year: -1, month: 1, day: 1))
            == "year -1 is before year 0, the first year of the GREGORIAN calendar")
        #expect(ModelCalendar.noLeap.validate(ModelDate(year: 1, month: 1, day: 1, secondOfDay: 86_400))
            == "second of day 86400 is outside 0...86399")
        #expect(ModelCalendar.noLeap.validate(ModelDate(year: 1, month: 1, day: 1, secondOfDay: -1))
            == "second of day -1 is outside 0...86399")
    }
}
