/// The driver clock: the run's calendar, start time, current time, driver time step
/// (the smallest coupling interval), stop time and named alarms.
///
/// The clock moves on the step grid `startTime + n·stepSeconds` from `startTime` to
/// `stopTime`, which is a whole number of steps after the start. Alarms added through the
/// clock use `startTime` as their reference, so they keep their phase across restarts.
/// Every operation takes constant time, whatever the length of the run.
public struct ModelClock: Sendable {
    /// The run's calendar.
    public let calendar: ModelCalendar
    /// The start of the run (of the initial run, for a restarted clock).
    public let startTime: ModelTime
    /// The driver time step in seconds.
    public let stepSeconds: Int64
    /// The end of the run, a whole number of steps after `startTime`.
    public let stopTime: ModelTime
    /// The current model time, on the step grid.
    public private(set) var currentTime: ModelTime
    /// The clock's alarms, by name.
    private var alarms: [String: Alarm] = [:]

    /// Creates a clock at the start of a run.
    ///
    /// - Parameters:
    ///   - calendar: The run's calendar.
    ///   - start: The start date; must be valid in `calendar`.
    ///   - stepSeconds: The driver time step in seconds; must be positive.
    ///   - stop: When the run stops, as CESM's `stop_option`/`stop_n`/`stop_ymd`: a periodic
    ///     option (the stop is the first time it would ring after the start) or `date`.
    ///     `none`, `never` and `end` cannot define a stop time.
    /// - Throws: ``TimeError`` if a setting is invalid, if the stop time is not after the
    ///   start or if it is not a whole number of steps after the start.
    public init(calendar: ModelCalendar, start: ModelDate, stepSeconds: Int64, stop: AlarmSetting) throws(TimeError) {
        switch stop.option {
        case .none, .never, .end:
            throw TimeError(
                "stop option '\(stop.option.rawValue)' cannot define when the run stops; "
                    + "use nsteps, nseconds, nminutes, nhours, ndays, nmonths, nyears or date")
        case .nsteps, .nseconds, .nminutes, .nhours, .ndays, .nmonths, .nyears, .date:
            break
        }
        try Self.checkStep(stepSeconds)
        let startTime = try Self.startTime(of: start, in: calendar)
        let stopAlarm = try Alarm(
            name: "stop", setting: stop, reference: startTime,
            stepSeconds: stepSeconds, calendar: calendar, stopTime: nil)
        guard let stopTime = stopAlarm.nextScheduledTime(after: startTime) else {
            // Periodic stops always come after the start; only a stop date can fail to.
            throw TimeError("the stop date\(stop.date.map { " \($0)" } ?? "") is not after the start date \(start)")
        }
        try self.init(calendar: calendar, startTime: startTime, current: startTime, stepSeconds: stepSeconds, stopTime: stopTime)
    }

    /// Creates a clock resuming a run at `current`, e.g. when restarting from a restart file.
    ///
    /// Alarms keep their phase relative to `start`: a 6-hourly alarm of a run started at
    /// 00:00 still rings at 00:00, 06:00, ... after restarting at 03:00.
    ///
    /// - Parameters:
    ///   - calendar: The run's calendar.
    ///   - start: The start date of the initial run; must be valid in `calendar`.
    ///   - current: The time to resume at: from the start to the stop time, a whole number
    ///     of steps after the start.
    ///   - stepSeconds: The driver time step in seconds; must be positive.
    ///   - stopTime: The end of the run: after the start, a whole number of steps after it.
    /// - Throws: ``TimeError`` if any of these conditions does not hold.
    public init(
        calendar: ModelCalendar, start: ModelDate, current: ModelTime, stepSeconds: Int64, stopTime: ModelTime
    ) throws(TimeError) {
        try Self.checkStep(stepSeconds)
        let startTime = try Self.startTime(of: start, in: calendar)
        try self.init(calendar: calendar, startTime: startTime, current: current, stepSeconds: stepSeconds, stopTime: stopTime)
    }

    /// Checks the stop and current times and creates the clock.
    private init(
        calendar: ModelCalendar, startTime: ModelTime, current: ModelTime, stepSeconds: Int64, stopTime: ModelTime
    ) throws(TimeError) {
        let start = calendar.date(of: startTime)
        let stop = Self.describe(stopTime, in: calendar)
        guard stopTime > startTime else {
            throw TimeError("the stop date \(stop) is not after the start date \(start)")
        }
        guard (stopTime - startTime) % stepSeconds == 0 else {
            throw TimeError(
                "the stop date \(stop) is \(stopTime - startTime) s after the start date \(start), "
                    + "which is not a whole number of driver steps (\(stepSeconds) s)")
        }
        guard current >= startTime, current <= stopTime else {
            throw TimeError(
                "the current date \(Self.describe(current, in: calendar)) is not between "
                    + "the start date \(start) and the stop date \(stop)")
        }
        guard (current - startTime) % stepSeconds == 0 else {
            throw TimeError(
                "the current date \(calendar.date(of: current)) is not a whole number of driver steps "
                    + "(\(stepSeconds) s) after the start date \(start)")
        }
        self.calendar = calendar
        self.startTime = startTime
        self.stepSeconds = stepSeconds
        self.stopTime = stopTime
        self.currentTime = current
    }

    /// Throws a ``TimeError`` unless the driver time step is positive.
    private static func checkStep(_ stepSeconds: Int64) throws(TimeError) {
        guard stepSeconds > 0 else {
            throw TimeError("the driver time step must be positive (got \(stepSeconds) s)")
        }
    }

    /// `time` as a date for messages, or as seconds if it is before year 0.
    private static func describe(_ time: ModelTime, in calendar: ModelCalendar) -> String {
        time.seconds >= 0 ? "\(calendar.date(of: time))" : "\(time.seconds) s (before 0000-01-01)"
    }

    /// The instant of `start`, or a ``TimeError`` if it is not a valid date in `calendar`.
    private static func startTime(of start: ModelDate, in calendar: ModelCalendar) throws(TimeError) -> ModelTime {
        if let problem = calendar.validate(start) {
            throw TimeError("invalid start date \(start): \(problem)")
        }
        return calendar.time(of: start)
    }

    /// The number of steps taken since `startTime`.
    public var stepCount: Int64 {
        (currentTime - startTime) / stepSeconds
    }

    /// The number of steps left until `stopTime`.
    public var remainingSteps: Int64 {
        (stopTime - currentTime) / stepSeconds
    }

    /// Whether the clock has reached the stop time.
    public var isAtStop: Bool {
        currentTime >= stopTime
    }

    /// The current time as a calendar date.
    public var currentDate: ModelDate {
        calendar.date(of: currentTime)
    }

    /// Moves the clock one driver step forward.
    ///
    /// - Precondition: the clock is not at the stop time.
    public mutating func advance() {
        precondition(!isAtStop, "the clock cannot advance past its stop time \(calendar.date(of: stopTime))")
        currentTime = currentTime + stepSeconds
    }

    /// Adds an alarm built for this clock.
    ///
    /// - Throws: ``TimeError`` if an alarm with the same name exists, if the alarm's
    ///   calendar or step differ from the clock's, if its reference is not on the clock's
    ///   step grid, or if its period in seconds is not a whole number of driver steps.
    public mutating func addAlarm(_ alarm: Alarm) throws(TimeError) {
        guard alarms[alarm.name] == nil else {
            throw TimeError("an alarm named '\(alarm.name)' already exists")
        }
        guard alarm.calendar == calendar else {
            throw TimeError("alarm '\(alarm.name)' uses the \(alarm.calendar.rawValue) calendar but the clock uses \(calendar.rawValue)")
        }
        guard alarm.stepSeconds == stepSeconds else {
            throw TimeError("alarm '\(alarm.name)' assumes a \(alarm.stepSeconds) s step but the driver step is \(stepSeconds) s")
        }
        guard (alarm.reference - startTime) % stepSeconds == 0 else {
            throw TimeError(
                "alarm '\(alarm.name)': its reference date \(calendar.date(of: alarm.reference)) is not "
                    + "a whole number of driver steps (\(stepSeconds) s) from the start date \(calendar.date(of: startTime))")
        }
        if let period = alarm.periodSeconds, period % stepSeconds != 0 {
            throw TimeError(
                "alarm '\(alarm.name)': period \(period) s is not a whole number of driver steps (\(stepSeconds) s)")
        }
        alarms[alarm.name] = alarm
    }

    /// Adds an alarm from a namelist setting, with `startTime` as its reference.
    ///
    /// - Throws: ``TimeError`` if the setting is invalid (see ``Alarm``) or the alarm cannot
    ///   be added (see ``addAlarm(_:)``).
    public mutating func addAlarm(named name: String, setting: AlarmSetting) throws(TimeError) {
        try addAlarm(Alarm(
            name: name, setting: setting, reference: startTime,
            stepSeconds: stepSeconds, calendar: calendar, stopTime: stopTime))
    }

    /// Adds an alarm ringing every `seconds` seconds from `startTime`, e.g. a component's
    /// coupling interval.
    ///
    /// - Throws: ``TimeError`` if `seconds` is not positive or not a whole number of driver steps.
    public mutating func addPeriodicAlarm(named name: String, everySeconds seconds: Int64) throws(TimeError) {
        try addAlarm(named: name, setting: AlarmSetting(option: .nseconds, count: Int(seconds)))
    }

    /// The alarm named `name`, or `nil` if the clock has none by that name.
    public func alarm(named name: String) -> Alarm? {
        alarms[name]
    }

    /// Whether the alarm named `name` rings at the current time.
    ///
    /// - Precondition: the clock has an alarm named `name`.
    public func isRinging(_ name: String) -> Bool {
        guard let alarm = alarms[name] else {
            preconditionFailure("the clock has no alarm named '\(name)'")
        }
        return alarm.isRinging(at: currentTime)
    }
}
