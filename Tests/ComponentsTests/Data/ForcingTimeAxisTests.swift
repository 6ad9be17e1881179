import Components
import Coupling
import Testing

@Suite("Forcing time axis")
struct ForcingTimeAxisTests {
    /// Seconds from 0000-01-01 to 0001-01-01 in the NO_LEAP calendar.
    let yearOne = 365.0 * 86_400

    @Test("days since 0001-01-01 in the noleap calendar")
    func monthlyAxis() throws {
        let axis = try ForcingTimeAxis(values: midMonthDays, units: ForcingTimeUnits(parsing: "days since 0001-01-01 00:00:00"),
                                       calendar: .noLeap)
        #expect(axis.count == 12)
        #expect(axis.times[0] == yearOne + 15.5 * 86_400)
        #expect(axis.times[11] == yearOne + 349.5 * 86_400)
        #expect(axis.dateText(of: axis.times[1]) == "0001-02-15 00:00:00")
        #expect(axis.rangeText == "0001-01-16 12:00:00 … 0001-12-16 12:00:00 (12 records)")
        #expect(axis.lastRecord(atOrBefore: axis.times[0] - 1) == nil)
        #expect(axis.lastRecord(atOrBefore: axis.times[3]) == 3)
        #expect(axis.lastRecord(atOrBefore: axis.times[3] + 1) == 3)
    }

    @Test("hours from a reference time of day in a Gregorian leap year")
    func hoursInGregorian() throws {
        let axis = try ForcingTimeAxis(values: [0, 6, 30], units: ForcingTimeUnits(parsing: "hours since 2000-02-28 18:00"),
                                       calendar: .gregorian)
        #expect(axis.dateText(of: axis.times[1]) == "2000-02-29 00:00:00")
        #expect(axis.dateText(of: axis.times[2]) == "2000-03-01 00:00:00")
        #expect(axis.times[2] - axis.times[0] == 30 * 3_600)
    }

    @Test("a time axis that does not increase strictly names the records")
    func nonIncreasing() throws {
        let units = try ForcingTimeUnits(parsing: "days since 0001-01-01")
        #expect(throws: ForcingError("the time axis must increase strictly, but record 2 (31.0) is not after record 1 (31.0)")) {
            try ForcingTimeAxis(values: [0, 31, 31, 59], units: units, calendar: .noLeap)
        }
        #expect(throws: ForcingError("the time axis must increase strictly, but record 1 (10.0) is not after record 0 (20.0)")) {
            try ForcingTimeAxis(values: [20, 10], units: units, calendar: .noLeap)
        }
    }

    @Test("a reference date the calendar lacks, and an empty axis")
    func badAxes() throws {
        let leapDay = try ForcingTimeUnits(parsing: "days since 0001-02-29")
        #expect(throws: ForcingError("the reference date of the time units is not a date: day 29 of February does not exist in the NO_LEAP calendar")) {
            try ForcingTimeAxis(values: [0], units: leapDay, calendar: .noLeap)
        }
        #expect(throws: ForcingError("the time axis has no records")) {
            try ForcingTimeAxis(values: [], units: ForcingTimeUnits(parsing: "days since 0001-01-01"), calendar: .noLeap)
        }
    }
}
