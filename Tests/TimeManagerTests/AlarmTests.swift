import Testing
import TimeManager

@Suite("Alarms")
struct AlarmTests {
    private let hour: Int64 = 3600
    private let day = ModelTime.secondsPerDay

    private func alarm(
        _ setting: AlarmSetting, reference: ModelDate = ModelDate(year: 2000, month: 1, day: 1),
        step: Int64, calendar: ModelCalendar = .gregorian, stopTime: ModelTime? = nil
    ) throws -> Alarm {
        try Alarm(
            name: "test", setting: setting, reference: calendar.time(of: reference),
            stepSeconds: step, calendar: calendar, stopTime: stopTime)
    }

    /// The step numbers, counted from `alarm.reference`, at which `alarm` rings during `steps` steps.
    private func ringingSteps(of alarm: Alarm, steps: Int64) -> [Int64] {
        (0...steps).filter { alarm.isRinging(at: alarm.reference + $0 * alarm.stepSeconds) }
    }

    @Test func dailyAlarmWithHalfHourStepsRings48StepsApart() throws {
        let daily = try alarm(AlarmSetting(option: .ndays, count: 1), step: 1800)
        #expect(daily.periodSeconds == day)
        #expect(ringingSteps(of: daily, steps: 150) == [48, 96, 144])
    }

    @Test func secondBasedOptions() throws {
        let expected: [(AlarmSetting, Int64)] = [
            (AlarmSetting(option: .nsteps, count: 3), 3 * 600),
            (AlarmSetting(option: .nseconds, count: 1200), 1200),
            (AlarmSetting(option: .nminutes, count: 30), 1800),
            (AlarmSetting(option: .nhours, count: 6), 6 * hour),
            (AlarmSetting(option: .ndays, count: 2), 2 * day),
        ]
        for (setting, period) in expected {
            let periodic = try alarm(setting, step: 600)
            #expect(periodic.periodSeconds == period)
            let ringSteps = (1...3).map { $0 * period / 600 }
            #expect(ringingSteps(of: periodic, steps: 3 * period / 600) == ringSteps)
        }
    }

    @Test func nstepsCountsDriverSteps() throws {
        let everyFourSteps = try alarm(AlarmSetting(option: .nsteps, count: 4), step: 900)
        #expect(everyFourSteps.periodSeconds == 3600)
        #expect(ringingSteps(of: everyFourSteps, steps: 13) == [4, 8, 12])
        #expect(everyFourSteps.nextRing(after: everyFourSteps.reference) == everyFourSteps.reference + 3600)
        #expect(everyFourSteps.nextRing(after: everyFourSteps.reference + 3600) == everyFourSteps.reference + 7200)
    }

    @Test func doesNotRingAtOrBeforeTheReference() throws {
        let hourly = try alarm(AlarmSetting(option: .nhours, count: 1), step: 1800)
        #expect(!hourly.isRinging(at: hourly.reference))
        #expect(!hourly.isRinging(at: hourly.reference + -3600))
        #expect(hourly.nextRing(after: hourly.reference + -7200) == hourly.reference + 3600)
    }

    @Test func monthlyAlarmCountsFromTheReferenceAcrossYears() throws {
        let calendar = ModelCalendar.gregorian
        let monthly = try alarm(
            AlarmSetting(option: .nmonths, count: 1), reference: ModelDate(year: 1999, month: 10, day: 31), step: day)
        #expect(monthly.periodSeconds == nil)
        var rings: [ModelDate] = []
        var time = monthly.reference
        for _ in 0..<6 {
            guard let next = monthly.nextRing(after: time) else { break }
            #expect(monthly.isRinging(at: next))
            #expect(!monthly.isRinging(at: next + -day))
            rings.append(calendar.date(of: next))
            time = next
        }
        #expect(rings == [
            ModelDate(year: 1999, month: 11, day: 30), ModelDate(year: 1999, month: 12, day: 31),
            ModelDate(year: 2000, month: 1, day: 31), ModelDate(year: 2000, month: 2, day: 29),
            ModelDate(year: 2000, month: 3, day: 31), ModelDate(year: 2000, month: 4, day: 30),
        ])
    }

    @Test func quarterlyAndYearlyAlarms() throws {
        let calendar = ModelCalendar.noLeap
        let quarterly = try alarm(AlarmSetting(option: .nmonths, count: 3), step: day, calendar: calendar)
        let ringDays = ringingSteps(of: quarterly, steps: 400)
        #expect(ringDays == [90, 181, 273, 365])

        let everyTwoYears = try alarm(AlarmSetting(option: .nyears, count: 2), step: day, calendar: calendar)
        #expect(ringingSteps(of: everyTwoYears, steps: 365 * 5) == [730, 1460])
        #expect(calendar.date(of: everyTwoYears.nextRing(after: everyTwoYears.reference + 800 * day)!)
            == ModelDate(year: 2004, month: 1, day: 1))
    }

    @Test func monthlyAlarmFarFromItsReference() throws {
        let calendar = ModelCalendar.gregorian
        let monthly = try alarm(
            AlarmSetting(option: .nmonths, count: 1), reference: ModelDate(year: 0, month: 1, day: 1), step: 1800)
        let ringTime = calendar.time(of: ModelDate(year: 9000, month: 7, day: 1))
        #expect(monthly.isRinging(at: ringTime))
        #expect(!monthly.isRinging(at: ringTime + 1800))
        #expect(monthly.nextRing(after: ringTime) == calendar.time(of: ModelDate(year: 9000, month: 8, day: 1)))
    }

    /// With a 7-hour step most month starts fall inside a step: the alarm rings at the first
    /// step at or after each month start, never skipping one.
    @Test func monthlyAlarmWithStepsThatMissTheMonthStart() throws {
        let calendar = ModelCalendar.gregorian
        let step = 7 * hour
        let monthly = try alarm(AlarmSetting(option: .nmonths, count: 1), step: step)
        let ringSteps = ringingSteps(of: monthly, steps: 1300)
        let ringDates = ringSteps.map { calendar.date(of: monthly.reference + $0 * step) }
        // 2000-02-01 00:00 is 744 h after the start; the first step at or after it is step 107 (749 h).
        #expect(ringSteps.first == 107)
        #expect(ringDates.first == ModelDate(year: 2000, month: 2, day: 1, secondOfDay: 5 * 3600))
        #expect(ringDates.map(\.month) == [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 1])
        for (ringStep, date) in zip(ringSteps, ringDates) {
            let monthStart = calendar.time(of: ModelDate(year: date.year, month: date.month, day: 1))
            let ringTime = monthly.reference + ringStep * step
            #expect(ringTime >= monthStart && ringTime - monthStart < step)
            #expect(monthly.nextScheduledTime(after: ringTime + -step) == monthStart)
        }
        // nextRing agrees with stepping the clock.
        let nextRings = ringSteps.dropLast().map { monthly.nextRing(after: monthly.reference + $0 * step) }
        #expect(nextRings == ringSteps.dropFirst().map { monthly.reference + $0 * step })
        #expect(monthly.nextRing(after: monthly.reference + 100 * step) == monthly.reference + 107 * step)
    }

    @Test func dateAlarmRingsOnce() throws {
        let calendar = ModelCalendar.noLeap
        let date = ModelDate(year: 2000, month: 1, day: 2, secondOfDay: 12 * 3600)
        let once = try alarm(AlarmSetting(option: .date, count: 0, date: date), step: 1800, calendar: calendar)
        #expect(ringingSteps(of: once, steps: 200) == [72])
        #expect(once.nextRing(after: once.reference) == calendar.time(of: date))
        #expect(once.nextRing(after: calendar.time(of: date)) == nil)
        #expect(once.periodSeconds == nil)
    }

    @Test func dateAlarmBetweenStepsRingsAtTheFollowingStep() throws {
        let calendar = ModelCalendar.noLeap
        let date = ModelDate(year: 2000, month: 1, day: 1, secondOfDay: 12 * 3600 + 600)
        let once = try alarm(AlarmSetting(option: .date, count: 0, date: date), step: 1800, calendar: calendar)
        #expect(ringingSteps(of: once, steps: 100) == [25])
        #expect(once.nextScheduledTime(after: once.reference) == calendar.time(of: date))
        #expect(once.nextRing(after: once.reference) == once.reference + 25 * 1800)
        #expect(once.nextRing(after: once.reference + 24 * 1800 + 900) == once.reference + 25 * 1800)
        #expect(once.nextRing(after: once.reference + 25 * 1800) == nil)
    }

    @Test func endAlarmRingsAtTheStopTime() throws {
        let calendar = ModelCalendar.gregorian
        let reference = calendar.time(of: ModelDate(year: 2000, month: 1, day: 1))
        let stop = reference + 10 * hour
        let end = try alarm(AlarmSetting(option: .end, count: 0), step: hour, stopTime: stop)
        #expect(ringingSteps(of: end, steps: 20) == [10])
        #expect(end.nextRing(after: reference) == stop)
    }

    @Test func noneAndNeverNeverRing() throws {
        for option in [AlarmOption.none, .never] {
            let silent = try alarm(AlarmSetting(option: option, count: 0), step: 1800)
            #expect(ringingSteps(of: silent, steps: 1000).isEmpty)
            #expect(silent.nextRing(after: silent.reference) == nil)
            #expect(silent.nextScheduledTime(after: silent.reference) == nil)
        }
    }

    @Test func invalidSettings() {
        func message(_ setting: AlarmSetting, step: Int64 = 1800, stopTime: ModelTime? = nil) -> String? {
            timeErrorMessage { () throws(TimeError) in
                _ = try Alarm(
                    name: "restart", setting: setting, reference: ModelTime(seconds: 0),
                    stepSeconds: step, calendar: .noLeap, stopTime: stopTime)
            }
        }
        #expect(message(AlarmSetting(option: .ndays, count: 0))
            == "alarm 'restart': the count must be at least 1 for option 'ndays' (got 0)")
        #expect(message(AlarmSetting(option: .nmonths, count: -3))
            == "alarm 'restart': the count must be at least 1 for option 'nmonths' (got -3)")
        #expect(message(AlarmSetting(option: .date, count: 1))
            == "alarm 'restart': option 'date' requires a date")
        #expect(message(AlarmSetting(option: .date, count: 1, date: ModelDate(ymd: 10230)))
            == "alarm 'restart': invalid date 0001-02-30-00000: day 30 of February does not exist in the NO_LEAP calendar")
        #expect(message(AlarmSetting(option: .end, count: 1))
            == "alarm 'restart': option 'end' requires the stop time of the run")
        #expect(message(AlarmSetting(option: .nhours, count: 1), step: 0)
            == "alarm 'restart': the driver time step must be positive (got 0 s)")
        #expect(message(AlarmSetting(option: .ndays, count: Int.max))
            == "alarm 'restart': 9223372036854775807 ndays is too long a period to represent")
        #expect(message(AlarmSetting(option: .end, count: 0), stopTime: ModelTime(seconds: 3600)) == nil)
    }
}
