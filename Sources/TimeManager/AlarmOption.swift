/// When an alarm rings: the values of CESM's `*_option` namelist variables
/// (`stop_option`, `restart_option`, `hist_option`, ...).
///
/// The periodic options (`nsteps` ... `nyears`) ring every *n* units, with *n* taken from
/// the matching `*_n` variable; `date` rings once at a given date; `end` rings at the
/// stop time; `none` and `never` never ring.
public enum AlarmOption: String, Sendable, CaseIterable {
    /// Never rings.
    case none
    /// Never rings.
    case never
    /// Every *n* driver time steps.
    case nsteps
    /// Every *n* seconds.
    case nseconds
    /// Every *n* minutes.
    case nminutes
    /// Every *n* hours.
    case nhours
    /// Every *n* days.
    case ndays
    /// Every *n* calendar months.
    case nmonths
    /// Every *n* calendar years.
    case nyears
    /// Once, at a given date.
    case date
    /// Once, at the stop time of the run.
    case end

    /// Parses a namelist value case-insensitively, also accepting the singular forms
    /// `nstep`, `nsecond`, `nminute`, `nhour`, `nday`, `nmonth` and `nyear`.
    /// Returns `nil` for anything else.
    public init?(namelistValue: String) {
        let value = namelistValue.lowercased()
        // Only the periodic options end in "s", so the plural retry accepts exactly their singulars.
        guard let option = AlarmOption(rawValue: value) ?? AlarmOption(rawValue: value + "s") else {
            return nil
        }
        self = option
    }

    /// Whether the option rings every *n* units (`nsteps` through `nyears`).
    public var isPeriodic: Bool {
        switch self {
        case .nsteps, .nseconds, .nminutes, .nhours, .ndays, .nmonths, .nyears: true
        case .none, .never, .date, .end: false
        }
    }
}
