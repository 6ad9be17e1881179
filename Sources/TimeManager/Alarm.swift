/// A named alarm that rings at scheduled instants of model time, like a CESM/ESMF alarm
/// (coupling, restart, history or stop alarms).
///
/// **Schedule.** A periodic alarm is scheduled at `reference + k·period` for k = 1, 2, ...
/// (never at the reference itself). The period is a fixed number of seconds for
/// `nsteps` (n driver steps), `nseconds`, `nminutes`, `nhours` and `ndays`, and a number of
/// calendar months for `nmonths` and `nyears`; calendar periods are always counted from
/// the reference (31 January, monthly: 28/29 February, 31 March, 30 April, ...), so they
/// never drift. A `date` alarm is scheduled once at its date, an `end` alarm once at the
/// stop time, and `none`/`never` alarms are never scheduled.
///
/// **Ringing.** The driver only looks at the clock at its time steps, the step grid
/// `reference + n·stepSeconds`. An alarm is ringing at a step time `t` when one of its
/// scheduled instants lies in the step ending at `t`, i.e. in `(t − stepSeconds, t]`.
/// When scheduled instants are themselves on the step grid (the usual case, and always
/// so for second-based alarms accepted by ``ModelClock``) this means ringing exactly at them.
/// Otherwise — for example monthly alarms with a 7-hour step, when a month starts in the
/// middle of a step — the alarm rings at the first step at or after the scheduled instant,
/// so a clock stepping through time never skips a ring.
///
/// All queries take constant time, however far the time is from the reference.
public struct Alarm: Sendable {
    /// The alarm's name, e.g. `"restart"` or `"atm_coupling"`.
    public let name: String
    /// The namelist setting the alarm was built from.
    public let setting: AlarmSetting
    /// The origin of the alarm's period and of its step grid (usually the run's start time).
    public let reference: ModelTime
    /// The driver time step in seconds: the spacing of the step grid and the unit of `nsteps`.
    public let stepSeconds: Int64
    /// The calendar used for month and year periods and for `date` alarms.
    public let calendar: ModelCalendar
    /// When the alarm is scheduled, resolved from `setting`.
    private let schedule: Schedule

    /// An alarm's schedule, with units resolved.
    private enum Schedule: Sendable {
        /// Never scheduled (`none`, `never`).
        case silent
        /// At `reference + k·seconds`, k ≥ 1.
        case everySeconds(Int64)
        /// At `reference` plus `k·months` calendar months, k ≥ 1.
        case everyMonths(Int)
        /// Once, at the given instant (`date`, `end`).
        case once(ModelTime)
    }

    /// Creates an alarm from a namelist setting.
    ///
    /// - Parameters:
    ///   - name: The alarm's name, used in messages.
    ///   - setting: When it rings. Periodic options need a count of at least 1, `date`
    ///     needs a date valid in `calendar`.
    ///   - reference: The origin of the period and of the step grid; not before year 0.
    ///   - stepSeconds: The driver time step in seconds; must be positive.
    ///   - calendar: The run's calendar.
    ///   - stopTime: The run's stop time; required by the `end` option, ignored otherwise.
    /// - Throws: ``TimeError`` naming the alarm and the problem.
    public init(
        name: String,
        setting: AlarmSetting,
        reference: ModelTime,
        stepSeconds: Int64,
        calendar: ModelCalendar,
        stopTime: ModelTime?
    ) throws(TimeError) {
        func failure(_ problem: String) -> TimeError {
            TimeError("alarm '\(name)': \(problem)")
        }
        guard stepSeconds > 0 else {
            throw failure("the driver time step must be positive (got \(stepSeconds) s)")
        }
        guard reference.seconds >= 0 else {
            throw failure("the reference time \(reference.seconds) s is before 0000-01-01 00:00:00")
        }
        if setting.option.isPeriodic && setting.count < 1 {
            throw failure("the count must be at least 1 for option '\(setting.option.rawValue)' (got \(setting.count))")
        }
        let count = Int64(setting.count)
        switch setting.option {
        case .none, .never:
            schedule = .silent
        case .nsteps:
            schedule = .everySeconds(try Self.period(count, of: stepSeconds, setting.option, failure))
        case .nseconds:
            schedule = .everySeconds(count)
        case .nminutes:
            schedule = .everySeconds(try Self.period(count, of: 60, setting.option, failure))
        case .nhours:
            schedule = .everySeconds(try Self.period(count, of: 3600, setting.option, failure))
        case .ndays:
            schedule = .everySeconds(try Self.period(count, of: ModelTime.secondsPerDay, setting.option, failure))
        case .nmonths:
            schedule = .everyMonths(setting.count)
        case .nyears:
            schedule = .everyMonths(Int(try Self.period(count, of: 12, setting.option, failure)))
        case .date:
            guard let date = setting.date else {
                throw failure("option 'date' requires a date")
            }
            if let problem = calendar.validate(date) {
                throw failure("invalid date \(date): \(problem)")
            }
            schedule = .once(calendar.time(of: date))
        case .end:
            guard let stopTime else {
                throw failure("option 'end' requires the stop time of the run")
            }
            schedule = .once(stopTime)
        }
        self.name = name
        self.setting = setting
        self.reference = reference
        self.stepSeconds = stepSeconds
        self.calendar = calendar
    }

    /// The fixed period in seconds of an alarm with option `nsteps`, `nseconds`, `nminutes`,
    /// `nhours` or `ndays`; `nil` for calendar-month periods and for one-off or silent alarms.
    public var periodSeconds: Int64? {
        if case .everySeconds(let period) = schedule { period } else { nil }
    }

    /// Whether the alarm rings at the step ending at `time`: whether one of its scheduled
    /// instants lies in `(time − stepSeconds, time]`.
    public func isRinging(at time: ModelTime) -> Bool {
        guard let latest = latestScheduledTime(atOrBefore: time) else {
            return false
        }
        return time - latest < stepSeconds
    }

    /// The first step time strictly after `time` at which the alarm rings, or `nil` if it
    /// never rings again.
    ///
    /// This is the scheduled instant itself when that lies on the step grid, otherwise the
    /// first step time after it.
    public func nextRing(after time: ModelTime) -> ModelTime? {
        let stepStart = reference + floorDivide(time - reference, stepSeconds) * stepSeconds
        guard let scheduled = nextScheduledTime(after: stepStart) else {
            return nil
        }
        return reference + ceilingDivide(scheduled - reference, stepSeconds) * stepSeconds
    }

    /// The first scheduled instant strictly after `time`, whether or not it lies on the step
    /// grid, or `nil` if there is none.
    public func nextScheduledTime(after time: ModelTime) -> ModelTime? {
        switch schedule {
        case .silent:
            return nil
        case .once(let instant):
            return instant > time ? instant : nil
        case .everySeconds(let period):
            let ring = max(1, floorDivide(time - reference, period) + 1)
            return reference + ring * period
        case .everyMonths(let months):
            let ring = max(1, latestRingNumber(atOrBefore: time, everyMonths: months) + 1)
            return scheduledTime(ofRing: ring, everyMonths: months)
        }
    }

    /// The latest scheduled instant at or before `time`, or `nil` if there is none.
    private func latestScheduledTime(atOrBefore time: ModelTime) -> ModelTime? {
        switch schedule {
        case .silent:
            return nil
        case .once(let instant):
            return instant <= time ? instant : nil
        case .everySeconds(let period):
            let ring = floorDivide(time - reference, period)
            return ring >= 1 ? reference + ring * period : nil
        case .everyMonths(let months):
            let ring = latestRingNumber(atOrBefore: time, everyMonths: months)
            return ring >= 1 ? scheduledTime(ofRing: ring, everyMonths: months) : nil
        }
    }

    /// The largest k such that ring k of a `months`-monthly schedule (ring 0 being the
    /// reference) is at or before `time`; negative or zero if no ring is.
    private func latestRingNumber(atOrBefore time: ModelTime, everyMonths months: Int) -> Int64 {
        guard time >= reference else {
            return -1
        }
        let referenceDate = calendar.date(of: reference)
        let date = calendar.date(of: time)
        let monthsElapsed = (date.year - referenceDate.year) * 12 + (date.month - referenceDate.month)
        // Ring k falls in calendar month `reference month + k·months`, so this ring is the last
        // one not in a later month than `time`. It is after `time` only if it falls later in
        // the same month, and then the previous ring, in an earlier month, is the answer.
        let ring = Int64(monthsElapsed / months)
        return scheduledTime(ofRing: ring, everyMonths: months) <= time ? ring : ring - 1
    }

    /// The instant of ring `ring` of a `months`-monthly schedule.
    private func scheduledTime(ofRing ring: Int64, everyMonths months: Int) -> ModelTime {
        calendar.adding(months: Int(ring) * months, to: reference)
    }

    /// `count × unit`, or a ``TimeError`` if that does not fit in 64 bits.
    private static func period(
        _ count: Int64, of unit: Int64, _ option: AlarmOption, _ failure: (String) -> TimeError
    ) throws(TimeError) -> Int64 {
        let (period, overflow) = count.multipliedReportingOverflow(by: unit)
        guard !overflow else {
            throw failure("\(count) \(option.rawValue) is too long a period to represent")
        }
        return period
    }
}

/// `dividend / divisor` rounded towards negative infinity (`divisor > 0`).
private func floorDivide(_ dividend: Int64, _ divisor: Int64) -> Int64 {
    let quotient = dividend / divisor
    return dividend % divisor < 0 ? quotient - 1 : quotient
}

/// `dividend / divisor` rounded towards positive infinity (`divisor > 0`).
private func ceilingDivide(_ dividend: Int64, _ divisor: Int64) -> Int64 {
    -floorDivide(-dividend, divisor)
}
