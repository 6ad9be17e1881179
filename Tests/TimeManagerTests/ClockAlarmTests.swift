import Testing
import TimeManager

@Suite("Driver clock: alarms and restarts")
struct ClockAlarmTests {
    private func clock(
        calendar: ModelCalendar = .gregorian, start: ModelDate = ModelDate(ymd: 20000101),
        step: Int64 = 1800, days: Int = 10
    ) throws -> ModelClock {
        try ModelClock(calendar: calendar, start: start, stepSeconds: step, stop: AlarmSetting(option: .ndays, count: days))
    }

    /// Runs `clock` to its stop and returns, for each named alarm, the step counts at which it rang.
    private func ringingSteps(_ clock: ModelClock, alarms names: [String]) -> [String: [Int64]] {
        var clock = clock
        var rings: [String: [Int64]] = [:]
        for name in names { rings[name] = [] }
        while !clock.isAtStop {
            clock.advance()
            for name in names where clock.isRinging(name) {
                rings[name, default: []].append(clock.stepCount)
            }
        }
        return rings
    }

    @Test func couplingAndDailyAlarms() throws {
        var clock = try clock(days: 2)
        try clock.addPeriodicAlarm(named: "ocn_coupling", everySeconds: 6 * 3600)
        try clock.addAlarm(named: "history", setting: AlarmSetting(option: .ndays, count: 1))
        try clock.addAlarm(named: "every_5_steps", setting: AlarmSetting(option: .nsteps, count: 5))
        try clock.addAlarm(named: "stop", setting: AlarmSetting(option: .end, count: 0))
        try clock.addAlarm(named: "never", setting: AlarmSetting(option: .never, count: 0))
        #expect(!clock.isRinging("history"))
        let rings = ringingSteps(clock, alarms: ["ocn_coupling", "history", "every_5_steps", "stop", "never"])
        #expect(rings["ocn_coupling"] == [12, 24, 36, 48, 60, 72, 84, 96])
        #expect(rings["history"] == [48, 96])
        #expect(rings["every_5_steps"] == Array(stride(from: 5, through: 95, by: 5)))
        #expect(rings["stop"] == [96])
        #expect(rings["never"] == [])
        #expect(clock.alarm(named: "ocn_coupling")?.periodSeconds == Int64(6 * 3600))
        #expect(clock.alarm(named: "missing") == nil)
    }

    @Test func monthlyAlarmAcrossYears() throws {
        var clock = try ModelClock(
            calendar: .noLeap, start: ModelDate(ymd: 19991101), stepSeconds: 86_400,
            stop: AlarmSetting(option: .nmonths, count: 6))
        try clock.addAlarm(named: "monthly", setting: AlarmSetting(option: .nmonths, count: 1))
        var ringDates: [ModelDate] = []
        while !clock.isAtStop {
            clock.advance()
            if clock.isRinging("monthly") { ringDates.append(clock.currentDate) }
        }
        #expect(ringDates.map(\.ymd) == [19991201, 20000101, 20000201, 20000301, 20000401, 20000501])
    }

    @Test func dateAlarmOnTheClock() throws {
        var clock = try clock(days: 3)
        try clock.addAlarm(
            named: "spinup_end", setting: AlarmSetting(option: .date, count: 0, date: ModelDate(ymd: 20000102, tod: 43_200)))
        #expect(ringingSteps(clock, alarms: ["spinup_end"])["spinup_end"] == [72])
    }

    @Test func monthlyAlarmWithSevenHourSteps() throws {
        var clock = try ModelClock(
            calendar: .gregorian, start: ModelDate(ymd: 20000101), stepSeconds: 7 * 3600,
            stop: AlarmSetting(option: .nsteps, count: 1300))
        try clock.addAlarm(named: "monthly", setting: AlarmSetting(option: .nmonths, count: 1))
        var ringDates: [ModelDate] = []
        while !clock.isAtStop {
            clock.advance()
            if clock.isRinging("monthly") { ringDates.append(clock.currentDate) }
        }
        #expect(ringDates.count == 12)
        #expect(ringDates.first == ModelDate(ymd: 20000201, tod: 5 * 3600))
        #expect(ringDates.last?.ymd == 20010101)
        #expect(ringDates.allSatisfy { $0.day == 1 && $0.secondOfDay < 7 * 3600 })
    }

    @Test func invalidAlarmsAreRejected() throws {
        var clock = try clock()
        try clock.addAlarm(named: "history", setting: AlarmSetting(option: .ndays, count: 1))
        func message(_ body: (inout ModelClock) throws(TimeError) -> Void) -> String? {
            var copy = clock
            return timeErrorMessage { () throws(TimeError) in try body(&copy) }
        }
        #expect(message { clock throws(TimeError) in try clock.addPeriodicAlarm(named: "atm_coupling", everySeconds: 1000) }
            == "alarm 'atm_coupling': period 1000 s is not a whole number of driver steps (1800 s)")
        #expect(message { clock throws(TimeError) in
            try clock.addAlarm(named: "restart", setting: AlarmSetting(option: .nminutes, count: 45))
        } == "alarm 'restart': period 2700 s is not a whole number of driver steps (1800 s)")
        #expect(message { clock throws(TimeError) in try clock.addPeriodicAlarm(named: "ice_coupling", everySeconds: 0) }
            == "alarm 'ice_coupling': the count must be at least 1 for option 'nseconds' (got 0)")
        #expect(message { clock throws(TimeError) in
            try clock.addAlarm(named: "history", setting: AlarmSetting(option: .nhours, count: 1))
        } == "an alarm named 'history' already exists")
        #expect(message { clock throws(TimeError) in
            try clock.addAlarm(Alarm(
                name: "other_calendar", setting: AlarmSetting(option: .ndays, count: 1), reference: clock.startTime,
                stepSeconds: 1800, calendar: .noLeap, stopTime: nil))
        } == "alarm 'other_calendar' uses the NO_LEAP calendar but the clock uses GREGORIAN")
        #expect(message { clock throws(TimeError) in
            try clock.addAlarm(Alarm(
                name: "other_step", setting: AlarmSetting(option: .ndays, count: 1), reference: clock.startTime,
                stepSeconds: 3600, calendar: .gregorian, stopTime: nil))
        } == "alarm 'other_step' assumes a 3600 s step but the driver step is 1800 s")
        #expect(message { clock throws(TimeError) in
            try clock.addAlarm(Alarm(
                name: "off_grid", setting: AlarmSetting(option: .ndays, count: 1), reference: clock.startTime + 600,
                stepSeconds: 1800, calendar: .gregorian, stopTime: nil))
        } == "alarm 'off_grid': its reference date 2000-01-01-00600 is not a whole number of driver steps (1800 s) "
            + "from the start date 2000-01-01-00000")
        #expect(message { clock throws(TimeError) in
            try clock.addAlarm(Alarm(
                name: "shifted", setting: AlarmSetting(option: .nhours, count: 1), reference: clock.startTime + 1800,
                stepSeconds: 1800, calendar: .gregorian, stopTime: nil))
        } == nil)
    }

    @Test func restartedClockKeepsAlarmPhase() throws {
        let calendar = ModelCalendar.gregorian
        let start = ModelDate(ymd: 20000115)
        var original = try ModelClock(
            calendar: calendar, start: start, stepSeconds: 3600, stop: AlarmSetting(option: .nmonths, count: 4))
        try original.addPeriodicAlarm(named: "six_hourly", everySeconds: 6 * 3600)
        try original.addAlarm(named: "monthly", setting: AlarmSetting(option: .nmonths, count: 1))
        try original.addAlarm(named: "every_7_steps", setting: AlarmSetting(option: .nsteps, count: 7))

        // Stop the original run at 2000-03-01 03:00 and restart from there.
        let restartTime = calendar.time(of: ModelDate(ymd: 20000301, tod: 3 * 3600))
        while original.currentTime < restartTime { original.advance() }
        var restarted = try ModelClock(
            calendar: calendar, start: start, current: restartTime, stepSeconds: 3600, stopTime: original.stopTime)
        try restarted.addPeriodicAlarm(named: "six_hourly", everySeconds: 6 * 3600)
        try restarted.addAlarm(named: "monthly", setting: AlarmSetting(option: .nmonths, count: 1))
        try restarted.addAlarm(named: "every_7_steps", setting: AlarmSetting(option: .nsteps, count: 7))
        #expect(restarted.stepCount == original.stepCount)
        #expect(restarted.remainingSteps == original.remainingSteps)

        // The six-hourly alarm still rings at 06:00, 12:00, ... (3 and 9 steps after the restart).
        restarted.advance()
        restarted.advance()
        #expect(!restarted.isRinging("six_hourly"))
        restarted.advance()
        #expect(restarted.currentDate.humanReadable == "2000-03-01 06:00:00")
        #expect(restarted.isRinging("six_hourly"))

        // Both clocks ring identically from the restart to the stop.
        original.advance(); original.advance(); original.advance()
        let names = ["six_hourly", "monthly", "every_7_steps"]
        let originalRings = ringingSteps(original, alarms: names)
        #expect(ringingSteps(restarted, alarms: names) == originalRings)
        let monthlyDates = originalRings["monthly"]?.map { calendar.date(of: original.startTime + $0 * 3600).ymd }
        #expect(monthlyDates == [20000315, 20000415, 20000515])
        #expect(originalRings["every_7_steps"]?.allSatisfy { $0 % 7 == 0 } == true)
    }
}
