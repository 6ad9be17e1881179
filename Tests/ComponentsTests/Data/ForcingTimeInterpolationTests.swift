import Components
import Coupling
import Testing
import TimeManager

@Suite("Forcing time interpolation")
struct ForcingTimeInterpolationTests {
    /// The monthly climatology axis of forcing/make-forcing.sh.
    let climatology = try! ForcingTimeAxis(values: midMonthDays, units: ForcingTimeUnits(parsing: "days since 0001-01-01 00:00:00"),
                                           calendar: .noLeap)

    private func time(_ calendar: ModelCalendar, _ year: Int, _ month: Int, _ day: Int, hours: Int = 0) -> ModelTime {
        calendar.time(of: ModelDate(year: year, month: month, day: day, secondOfDay: hours * 3_600))
    }

    private func annualCycle(_ runCalendar: ModelCalendar = .noLeap) throws -> ForcingTimeInterpolation {
        try ForcingTimeInterpolation(axis: climatology, runCalendar: runCalendar,
                                     cycle: ForcingCycle(firstYear: 1, lastYear: 1, alignYear: 1))
    }

    @Test("the mid-point of an interval weighs the bracketing records linearly")
    func midInterval() throws {
        let lookup = try ForcingTimeInterpolation(axis: climatology, runCalendar: .noLeap)
        // 0001-01-20 00:00 to 0001-01-21 00:00: mid-point day 19.5, between day 15.5 and day 45.
        let bracket = try lookup.bracket(from: time(.noLeap, 1, 1, 20), until: time(.noLeap, 1, 1, 21))
        #expect(bracket == TimeBracket(lowerRecord: 0, upperRecord: 1, upperWeight: 4 / 29.5))
        #expect(bracket.interpolate(10, 39.5) == 14)
        // A half-hour interval ending 0001-07-01 00:00: mid-point day 180.9895833..., between 166 and 196.5.
        let halfHour = try lookup.bracket(from: time(.noLeap, 1, 7, 1) + -1_800, until: time(.noLeap, 1, 7, 1))
        #expect(halfHour.lowerRecord == 5 && halfHour.upperRecord == 6)
        #expect(abs(halfHour.upperWeight - (181.0 - 900.0 / 86_400 - 166) / 30.5) < 1e-12)
    }

    @Test("an exact record time takes that record alone")
    func exactHits() throws {
        let lookup = try ForcingTimeInterpolation(axis: climatology, runCalendar: .noLeap)
        #expect(try lookup.bracket(at: time(.noLeap, 1, 1, 16, hours: 12)) == TimeBracket(lowerRecord: 0, upperRecord: 1, upperWeight: 0))
        #expect(try lookup.bracket(at: time(.noLeap, 1, 4, 16)) == TimeBracket(lowerRecord: 3, upperRecord: 4, upperWeight: 0))
        #expect(try lookup.bracket(at: time(.noLeap, 1, 12, 16, hours: 12)) == TimeBracket(lowerRecord: 10, upperRecord: 11, upperWeight: 1))
    }

    @Test("a cycled climatology wraps December to January across the year boundary")
    func yearWrap() throws {
        let lookup = try annualCycle()
        // 2000-12-31 12:00 is day 364.5: after the last record (349.5), before next year's first (365 + 15.5).
        #expect(try lookup.bracket(at: time(.noLeap, 2000, 12, 31, hours: 12)) == TimeBracket(lowerRecord: 11, upperRecord: 0, upperWeight: 15.0 / 31))
        // 2001-01-01 00:00 is day 0: halfway between last year's December (-15.5) and January (15.5).
        #expect(try lookup.bracket(at: time(.noLeap, 2001, 1, 1)) == TimeBracket(lowerRecord: 11, upperRecord: 0, upperWeight: 0.5))
        // The last December record exactly.
        #expect(try lookup.bracket(at: time(.noLeap, 1999, 12, 16, hours: 12)) == TimeBracket(lowerRecord: 11, upperRecord: 0, upperWeight: 0))
        // Mid-year in any model year reads the same records as in year 1.
        #expect(try lookup.bracket(at: time(.noLeap, 2345, 3, 1)) == TimeBracket(lowerRecord: 1, upperRecord: 2, upperWeight: 14 / 29.5))
    }

    @Test("a Gregorian leap year reads a noleap climatology by date; 29 February reads 28 February")
    func gregorianRunNoLeapFile() throws {
        let gregorian = try annualCycle(.gregorian), noLeap = try annualCycle(.noLeap)
        // 1 March is day 59 of the noleap year in both runs: (59 - 45) / 29.5 of the way to the March record.
        let march = TimeBracket(lowerRecord: 1, upperRecord: 2, upperWeight: 14 / 29.5)
        #expect(try gregorian.bracket(at: time(.gregorian, 2000, 3, 1)) == march)
        #expect(try noLeap.bracket(at: time(.noLeap, 2000, 3, 1)) == march)
        // 29 February 2000 12:00 reads 28 February 12:00 (day 58.5).
        #expect(try gregorian.bracket(at: time(.gregorian, 2000, 2, 29, hours: 12)) == TimeBracket(lowerRecord: 1, upperRecord: 2, upperWeight: 13.5 / 29.5))
        // The last day of a leap year reads the noleap 31 December.
        #expect(try gregorian.bracket(at: time(.gregorian, 2000, 12, 31, hours: 12)) == TimeBracket(lowerRecord: 11, upperRecord: 0, upperWeight: 15.0 / 31))
    }

    @Test("a noleap run reads a Gregorian file by date, stepping over its 29 February")
    func noLeapRunGregorianFile() throws {
        let daily = try ForcingTimeAxis(values: [58, 59, 60, 61], units: ForcingTimeUnits(parsing: "days since 2000-01-01"), calendar: .gregorian)
        #expect(daily.dateText(of: daily.times[1]) == "2000-02-29 00:00:00")
        let lookup = try ForcingTimeInterpolation(axis: daily, runCalendar: .noLeap)
        #expect(try lookup.bracket(at: time(.noLeap, 2000, 2, 28, hours: 12)) == TimeBracket(lowerRecord: 0, upperRecord: 1, upperWeight: 0.5))
        #expect(try lookup.bracket(at: time(.noLeap, 2000, 3, 1)) == TimeBracket(lowerRecord: 2, upperRecord: 3, upperWeight: 0))
    }

    @Test("the offset shifts model time before the lookup")
    func offset() throws {
        let lookup = try ForcingTimeInterpolation(axis: climatology, runCalendar: .noLeap, offset: 10 * 86_400)
        #expect(try lookup.bracket(at: time(.noLeap, 1, 1, 6, hours: 12)) == TimeBracket(lowerRecord: 0, upperRecord: 1, upperWeight: 0))
    }

    @Test("without a cycle, a time outside the axis is an error naming the dates")
    func outsideAxis() throws {
        let lookup = try ForcingTimeInterpolation(axis: climatology, runCalendar: .noLeap)
        #expect(throws: ForcingError("model date 0002-01-01 00:00:00 (file date 0002-01-01 00:00:00) is outside the time axis "
                                         + "0001-01-16 12:00:00 … 0001-12-16 12:00:00 (12 records); "
                                         + "use a file that covers the run, or set cycle = .true. to repeat it")) {
            try lookup.bracket(at: time(.noLeap, 2, 1, 1))
        }
        let shifted = try ForcingTimeInterpolation(axis: climatology, runCalendar: .noLeap, offset: -86_400)
        #expect(throws: ForcingError("model date 0001-01-17 00:00:00 with offset -86400 s (file date 0001-01-16 00:00:00) is outside the time axis "
                                         + "0001-01-16 12:00:00 … 0001-12-16 12:00:00 (12 records); "
                                         + "use a file that covers the run, or set cycle = .true. to repeat it")) {
            try shifted.bracket(at: time(.noLeap, 1, 1, 17))
        }
    }

    @Test("a multi-year cycle maps model years onto data years from the align year")
    func multiYearCycle() throws {
        let cycle = try ForcingCycle(firstYear: 1980, lastYear: 1982, alignYear: 2000)
        #expect([1997, 1999, 2000, 2001, 2002, 2003].map(cycle.dataYear(forModelYear:)) == [1980, 1982, 1980, 1981, 1982, 1980])
        // Yearly records at 1 July 1980, 1981, 1982: 1 January 2000 reads halfway from 1982 back round to 1980.
        let yearly = try ForcingTimeAxis(values: [181, 546, 911], units: ForcingTimeUnits(parsing: "days since 1980-01-01"), calendar: .noLeap)
        let lookup = try ForcingTimeInterpolation(axis: yearly, runCalendar: .noLeap, cycle: cycle)
        #expect(try lookup.bracket(at: time(.noLeap, 2000, 1, 1)) == TimeBracket(lowerRecord: 2, upperRecord: 0, upperWeight: 184.0 / 365))
        #expect(try lookup.bracket(at: time(.noLeap, 2001, 1, 1)) == TimeBracket(lowerRecord: 0, upperRecord: 1, upperWeight: 184.0 / 365))
    }

    @Test("cycle years must hold records and be in order")
    func badCycles() throws {
        #expect(throws: ForcingError("no record lies in the cycle years 1990–1991; the file covers 0001-01-16 12:00:00 … 0001-12-16 12:00:00 (12 records)")) {
            try ForcingTimeInterpolation(axis: climatology, runCalendar: .noLeap, cycle: ForcingCycle(firstYear: 1990, lastYear: 1991, alignYear: 1990))
        }
        #expect(throws: ForcingError("cycle_first_year (1990) is after cycle_last_year (1980)")) {
            try ForcingCycle(firstYear: 1990, lastYear: 1980, alignYear: 1990)
        }
    }
}
