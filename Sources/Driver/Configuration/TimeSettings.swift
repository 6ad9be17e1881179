import Coupling
import Namelist
import TimeManager

/// The run's time settings from `&seq_timemgr_inparm`.
public struct TimeSettings: Sendable {
    /// The model calendar (`calendar`: `NO_LEAP` or `GREGORIAN`).
    public var calendar: ModelCalendar
    /// The start date and time of day (`start_ymd`, `start_tod`).
    public var start: ModelDate
    /// Each model component's coupling interval in seconds (`atm_cpl_dt`, ... for every kind;
    /// `rof_cpl_dt`, `glc_cpl_dt` and `wav_cpl_dt` default to `atm_cpl_dt`).
    public var couplingIntervals: [ComponentKind: Int64]
    /// When the run stops (`stop_option`, `stop_n`, `stop_ymd`, `stop_tod`).
    public var stop: AlarmSetting
    /// When restart files are written (`restart_option`, `restart_n`, ...).
    public var restart: AlarmSetting
    /// When history files are written (`history_option`, `history_n`, ...).
    public var history: AlarmSetting
    /// When the coupler's time-averaged history file is written, closing an averaging period
    /// (`histavg_option`, `histavg_n`, `histavg_ymd`; never by default).
    public var historyAverage: AlarmSetting

    /// Whether the coupler writes time-averaged history (`histavg_option` neither `never` nor `none`).
    public var writesAveragedHistory: Bool { ![AlarmOption.never, .none].contains(historyAverage.option) }

    /// The driver time step: the smallest coupling interval.
    public var driverStep: Int64 { couplingIntervals.values.min() ?? 1800 }

    /// The driver clock these settings describe, with the stop time checked.
    public func makeClock() throws(TimeError) -> ModelClock {
        try ModelClock(calendar: calendar, start: start, stepSeconds: driverStep, stop: stop)
    }

    /// The clock of a run continuing at `current` (from a restart): alarms keep their phase from
    /// the start date; a relative stop (`stop_n` days, months, ...) counts from `current`, as in
    /// CESM, so 2 runs of 5 days end where one run of 10 days ends; a stop date stays absolute.
    public func makeClock(resumingAt current: ModelTime) throws(TimeError) -> ModelClock {
        let stopAlarm = try Alarm(name: "stop", setting: stop, reference: current, stepSeconds: driverStep, calendar: calendar, stopTime: nil)
        guard let stopTime = stopAlarm.nextScheduledTime(after: current) else {
            throw TimeError("the stop date\(stop.date.map { " \($0)" } ?? "") is not after the restart time \(calendar.date(of: current))")
        }
        return try ModelClock(calendar: calendar, start: start, current: current, stepSeconds: driverStep, stopTime: stopTime)
    }
}

/// The option names `*_option` keys accept, for messages.
let alarmOptionNames = AlarmOption.allCases.map(\.rawValue)

/// Reads `&seq_timemgr_inparm`, reporting every problem (bad dates, intervals that are not
/// multiples of the driver step, an impossible stop time). Every interval sets the driver step
/// (stubs' too, as cpl7's clock does); the restart period and the run length must be whole
/// intervals of the components in `running` (those that run a model).
func readTimeSettings(_ r: NamelistGroupReader, running: Set<ComponentKind>, collector: DiagnosticCollector) -> TimeSettings {
    let calendarName = r.string("calendar", default: "NO_LEAP", allowed: ["NO_LEAP", "GREGORIAN", "noleap", "365_day", "proleptic_gregorian", "standard"])
    let calendar = ModelCalendar(namelistValue: calendarName) ?? .noLeap
    let startYMD = r.integer("start_ymd", default: 10101, range: 101 ... 99_991_231)
    let startTOD = r.integer("start_tod", default: 0, range: 0 ... 86_399)
    let start = ModelDate(ymd: startYMD, tod: startTOD)
    if let problem = calendar.validate(start) {
        collector.report(Diagnostic("start_ymd = \(startYMD): \(problem)", at: r.location(of: "start_ymd")))
    }
    // rof, glc and wav follow the atmosphere unless set; the atmosphere's own check covers them then.
    let followsAtmosphere: Set<ComponentKind> = [.rof, .glc, .wav]
    var intervals = [ComponentKind: Int64]()
    for kind in ComponentKind.models {
        let defaultInterval = followsAtmosphere.contains(kind) ? Int(intervals[.atm]!) : kind == .ocn ? 3600 : 1800
        intervals[kind] = Int64(r.integer("\(kind.rawValue)_cpl_dt", default: defaultInterval, range: 1 ... 31_536_000))
    }
    let checked = ComponentKind.models.filter(running.contains)
    let step = intervals.values.min()!
    for kind in ComponentKind.models where intervals[kind]! % step != 0
        && (!followsAtmosphere.contains(kind) || r.isSet("\(kind.rawValue)_cpl_dt")) {
        let smallest = ComponentKind.models.first { intervals[$0] == step }!
        collector.report(Diagnostic("\(kind.rawValue)_cpl_dt = \(intervals[kind]!) is not a multiple of the driver step "
            + "\(step) s (\(smallest.rawValue)_cpl_dt, the smallest coupling interval)", at: r.location(of: "\(kind.rawValue)_cpl_dt")))
    }
    func setting(_ prefix: String, defaultOption: String, defaultCount: Int) -> AlarmSetting {
        // CESM also accepts the singular forms (`nday`), as `AlarmOption(namelistValue:)` does.
        let optionName = r.string("\(prefix)_option", default: defaultOption) { value in
            AlarmOption(namelistValue: value) == nil ? "must be one of " + alarmOptionNames.map { "'\($0)'" }.joined(separator: ", ") : nil
        }
        let count = r.integer("\(prefix)_n", default: defaultCount)
        let ymd = r.integer("\(prefix)_ymd", default: -1)
        let tod = r.integer("\(prefix)_tod", default: 0, range: 0 ... 86_399)
        let option = AlarmOption(namelistValue: optionName) ?? .never
        var date: ModelDate? = nil
        if ymd >= 0 {
            let d = ModelDate(ymd: ymd, tod: tod)
            if let problem = calendar.validate(d) {
                collector.report(Diagnostic("\(prefix)_ymd = \(ymd): \(problem)", at: r.location(of: "\(prefix)_ymd")))
            } else {
                date = d
            }
        } else if option == .date {
            collector.report(Diagnostic("\(prefix)_option = 'date' needs \(prefix)_ymd (yyyymmdd)", at: r.location(of: "\(prefix)_option")))
        }
        return AlarmSetting(option: option, count: count, date: date)
    }
    let stop = setting("stop", defaultOption: "ndays", defaultCount: 1)
    let restart = setting("restart", defaultOption: "never", defaultCount: 1)
    let history = setting("history", defaultOption: "never", defaultCount: 1)
    let historyAverage = setting("histavg", defaultOption: "never", defaultCount: 1)
    let settings = TimeSettings(calendar: calendar, start: start, couplingIntervals: intervals, stop: stop, restart: restart, history: history,
                                historyAverage: historyAverage)
    if collector.isEmpty {
        do {
            var clock = try settings.makeClock()
            try clock.addAlarm(named: "restart", setting: restart)
            try clock.addAlarm(named: "history", setting: history)
            try clock.addAlarm(named: "histavg", setting: historyAverage)
            if let period = try Alarm(name: "restart", setting: restart, reference: clock.startTime, stepSeconds: step,
                                      calendar: calendar, stopTime: clock.stopTime).periodSeconds {
                for kind in checked where period % intervals[kind]! != 0 {
                    collector.report(Diagnostic("restarts every \(period) s are not a whole number of \(kind.rawValue)_cpl_dt "
                        + "(\(intervals[kind]!) s): a restart must come where every component ends a coupling interval",
                        at: r.location(of: "restart_n") ?? r.location(of: "restart_option")))
                }
            }
            if restart.option == .date, let date = restart.date {
                let offset = calendar.time(of: date) - clock.startTime
                for kind in checked where offset > 0 && offset % intervals[kind]! != 0 {
                    collector.report(Diagnostic("the restart date \(date) is not a whole number of \(kind.rawValue)_cpl_dt "
                        + "(\(intervals[kind]!) s) after the start: a restart must come where every component ends a coupling interval",
                        at: r.location(of: "restart_tod") ?? r.location(of: "restart_ymd")))
                }
            }
            let length = clock.stopTime - clock.startTime
            for kind in checked where length % intervals[kind]! != 0 {
                collector.report(Diagnostic("the run is \(length) s long, which is not a whole number of \(kind.rawValue)_cpl_dt "
                    + "(\(intervals[kind]!) s): every component must finish its last coupling interval at the stop time",
                    at: r.location(of: "stop_n") ?? r.location(of: "stop_option")))
            }
        } catch {
            collector.report(Diagnostic("impossible clock settings: \(error)", at: r.location(of: "stop_option")))
        }
    }
    return settings
}
