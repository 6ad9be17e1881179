import Testing
import TimeManager

@Suite("Driver clock: start, step and stop")
struct ClockTests {
    private let start2000 = ModelDate(year: 2000, month: 1, day: 1)

    private func steps(
        to stop: AlarmSetting, step: Int64, calendar: ModelCalendar = .gregorian, start: ModelDate? = nil
    ) throws -> Int64 {
        try ModelClock(calendar: calendar, start: start ?? start2000, stepSeconds: step, stop: stop).remainingSteps
    }

    @Test func stopOptionsOfEveryKind() throws {
        #expect(try steps(to: AlarmSetting(option: .nsteps, count: 10), step: 1800) == 10)
        #expect(try steps(to: AlarmSetting(option: .nseconds, count: 7200), step: 1800) == 4)
        #expect(try steps(to: AlarmSetting(option: .nminutes, count: 90), step: 1800) == 3)
        #expect(try steps(to: AlarmSetting(option: .nhours, count: 6), step: 1800) == 12)
        #expect(try steps(to: AlarmSetting(option: .ndays, count: 5), step: 1800) == 240)
        let february = ModelDate(year: 2000, month: 2, day: 1)
        #expect(try steps(to: AlarmSetting(option: .nmonths, count: 1), step: 3600, start: february) == 29 * 24)
        #expect(try steps(to: AlarmSetting(option: .nmonths, count: 1), step: 3600, calendar: .noLeap, start: february) == 28 * 24)
        #expect(try steps(to: AlarmSetting(option: .nmonths, count: 14), step: 86_400, calendar: .noLeap) == 365 + 59)
        #expect(try steps(to: AlarmSetting(option: .nyears, count: 1), step: 86_400) == 366)
        #expect(try steps(to: AlarmSetting(option: .nyears, count: 1), step: 86_400, calendar: .noLeap) == 365)
        let march = ModelDate(year: 2000, month: 3, day: 1)
        #expect(try steps(to: AlarmSetting(option: .date, count: 0, date: march), step: 21_600) == 60 * 4)
        #expect(try steps(to: AlarmSetting(option: .date, count: 0, date: march), step: 21_600, calendar: .noLeap) == 59 * 4)
    }

    @Test func runningToTheStop() throws {
        var clock = try ModelClock(
            calendar: .noLeap, start: ModelDate(ymd: 10101), stepSeconds: 3600,
            stop: AlarmSetting(option: .ndays, count: 2))
        #expect(clock.startTime == ModelTime(seconds: 365 * 86_400))
        #expect(clock.stopTime == clock.startTime + 2 * 86_400)
        #expect(clock.currentTime == clock.startTime)
        #expect(clock.currentDate == ModelDate(year: 1, month: 1, day: 1))
        #expect(clock.stepCount == 0)
        #expect(clock.remainingSteps == 48)
        var stepsTaken = 0
        while !clock.isAtStop {
            clock.advance()
            stepsTaken += 1
            #expect(clock.stepCount == Int64(stepsTaken))
            #expect(clock.stepCount + clock.remainingSteps == 48)
        }
        #expect(stepsTaken == 48)
        #expect(clock.currentTime == clock.stopTime)
        #expect(clock.currentDate == ModelDate(year: 1, month: 1, day: 3))
    }

    @Test func twoThousandYearRunsStopExactly() throws {
        let step: Int64 = 1800
        let noLeap = try ModelClock(
            calendar: .noLeap, start: ModelDate(ymd: 10101), stepSeconds: step,
            stop: AlarmSetting(option: .nyears, count: 2000))
        #expect(noLeap.stopTime.seconds == 2001 * 365 * 86_400)
        #expect(noLeap.remainingSteps == 2000 * 365 * 48)
        #expect(noLeap.calendar.date(of: noLeap.stopTime) == ModelDate(year: 2001, month: 1, day: 1))

        let gregorian = try ModelClock(
            calendar: .gregorian, start: ModelDate(ymd: 10101), stepSeconds: step,
            stop: AlarmSetting(option: .nyears, count: 2000))
        // 0001-01-01 to 2001-01-01 is 730 485 days (485 leap days).
        #expect(gregorian.stopTime - gregorian.startTime == 730_485 * 86_400)
        #expect(gregorian.remainingSteps == 730_485 * 48)

        // Resume two steps before the end and run out.
        var ending = try ModelClock(
            calendar: .gregorian, start: ModelDate(ymd: 10101), current: gregorian.stopTime + -2 * step,
            stepSeconds: step, stopTime: gregorian.stopTime)
        #expect(ending.stepCount == 730_485 * 48 - 2)
        ending.advance()
        #expect(!ending.isAtStop)
        ending.advance()
        #expect(ending.isAtStop)
        #expect(ending.currentDate == ModelDate(year: 2001, month: 1, day: 1))
    }

    @Test func tenThousandYearRunWithOneMinuteSteps() throws {
        let clock = try ModelClock(
            calendar: .gregorian, start: ModelDate(ymd: 101), stepSeconds: 60,
            stop: AlarmSetting(option: .nyears, count: 10_000))
        #expect(clock.stopTime.seconds == 3_652_425 * 86_400)
        #expect(clock.remainingSteps == 3_652_425 * 1440)
        #expect(clock.remainingSteps > Int64(Int32.max))
        #expect(clock.calendar.date(of: clock.stopTime) == ModelDate(year: 10_000, month: 1, day: 1))
    }

    @Test func invalidStopSettings() {
        func message(_ stop: AlarmSetting, step: Int64 = 1800, start: ModelDate = ModelDate(ymd: 20000101)) -> String? {
            timeErrorMessage { () throws(TimeError) in
                _ = try ModelClock(calendar: .gregorian, start: start, stepSeconds: step, stop: stop)
            }
        }
        for option in [AlarmOption.none, .never, .end] {
            #expect(message(AlarmSetting(option: option, count: 1))
                == "stop option '\(option.rawValue)' cannot define when the run stops; "
                + "use nsteps, nseconds, nminutes, nhours, ndays, nmonths, nyears or date")
        }
        #expect(message(AlarmSetting(option: .ndays, count: 0))
            == "alarm 'stop': the count must be at least 1 for option 'ndays' (got 0)")
        #expect(message(AlarmSetting(option: .date, count: 0))
            == "alarm 'stop': option 'date' requires a date")
        #expect(message(AlarmSetting(option: .date, count: 0, date: ModelDate(ymd: 19991231)))
            == "the stop date 1999-12-31-00000 is not after the start date 2000-01-01-00000")
        #expect(message(AlarmSetting(option: .date, count: 0, date: ModelDate(ymd: 20000101)))
            == "the stop date 2000-01-01-00000 is not after the start date 2000-01-01-00000")
        #expect(message(AlarmSetting(option: .nminutes, count: 45))
            == "the stop date 2000-01-01-02700 is 2700 s after the start date 2000-01-01-00000, "
            + "which is not a whole number of driver steps (1800 s)")
        #expect(message(AlarmSetting(option: .nmonths, count: 1), step: 7 * 3600)
            == "the stop date 2000-02-01-00000 is 2678400 s after the start date 2000-01-01-00000, "
            + "which is not a whole number of driver steps (25200 s)")
        #expect(message(AlarmSetting(option: .ndays, count: 1), step: 0)
            == "the driver time step must be positive (got 0 s)")
        #expect(message(AlarmSetting(option: .ndays, count: 1), step: -60)
            == "the driver time step must be positive (got -60 s)")
        #expect(message(AlarmSetting(option: .ndays, count: 1), start: ModelDate(ymd: 20010229))
            == "invalid start date 2001-02-29-00000: day 29 of February 2001 does not exist in the GREGORIAN calendar")
    }

    @Test func invalidRestartSettings() {
        let calendar = ModelCalendar.noLeap
        let start = ModelDate(ymd: 10101)
        let startTime = calendar.time(of: start)
        func message(current: ModelTime, stop: ModelTime, step: Int64 = 3600) -> String? {
            timeErrorMessage { () throws(TimeError) in
                _ = try ModelClock(calendar: calendar, start: start, current: current, stepSeconds: step, stopTime: stop)
            }
        }
        let stop = startTime + 86_400
        #expect(message(current: startTime + 1800, stop: stop)
            == "the current date 0001-01-01-01800 is not a whole number of driver steps (3600 s) after the start date 0001-01-01-00000")
        #expect(message(current: stop + 3600, stop: stop)
            == "the current date 0001-01-02-03600 is not between the start date 0001-01-01-00000 and the stop date 0001-01-02-00000")
        #expect(message(current: startTime + -3600, stop: stop)
            == "the current date 0000-12-31-82800 is not between the start date 0001-01-01-00000 and the stop date 0001-01-02-00000")
        #expect(message(current: startTime, stop: startTime)
            == "the stop date 0001-01-01-00000 is not after the start date 0001-01-01-00000")
        #expect(message(current: startTime, stop: ModelTime(seconds: -5))
            == "the stop date -5 s (before 0000-01-01) is not after the start date 0001-01-01-00000")
        #expect(message(current: startTime, stop: startTime + 5400)
            == "the stop date 0001-01-01-05400 is 5400 s after the start date 0001-01-01-00000, "
            + "which is not a whole number of driver steps (3600 s)")
        #expect(message(current: startTime, stop: stop, step: 0)
            == "the driver time step must be positive (got 0 s)")
        #expect(message(current: stop, stop: stop) == nil)
    }
}
