import Coupling
import NetCDF
import TimeManager

/// The names of the netCDF files a run writes into its run directory, all built from the case
/// name and the model date they are written at (`YYYY-MM-DD-SSSSS`, `ModelDate.description`):
///
/// - history: `CASE.<atm|lnd|ice|ocn>.h.DATE.nc` and the coupler's `CASE.cpl.hi.DATE.nc`
///   (`CoupledRun.writeHistory`), and its time means `CASE.cpl.ha.PERIOD.nc`
///   (`averagedHistory(caseName:period:end:lastStepStart:)`);
/// - restarts: `CASE.<atm|lnd|ice|ocn|cpl>.r.DATE.nc` (`RestartSet`);
///
/// with a member's suffix after the component's name when the job runs several coupled systems
/// (`CASE.cpl_0001.hi.DATE.nc`, `DriverInstance`);
///
/// each written first as `NAME.incomplete` and renamed when complete. These paths go to MPI-IO,
/// which must not be given more than `ParallelDataset.maximumPathLength` bytes, so a run checks
/// the longest of them before it computes anything (`DriverConfiguration.fileNameProblem`).
public enum RunFileNames {
    /// What files being written are called until they are complete: `NAME.incomplete`.
    public static let temporarySuffix = HistoryFile.temporarySuffix

    /// The restart file of `kind` (the coupler's too): `CASE.<kind>.r.DATE.nc`.
    public static func restart(caseName: String, kind: ComponentKind, date: ModelDate, instance: DriverInstance) -> String {
        "\(caseName).\(instance.naming(kind.rawValue)).r.\(date).nc"
    }

    /// The history file of `kind`: `CASE.<kind>.h.DATE.nc`, and the coupler's `CASE.cpl.hi.DATE.nc`.
    public static func history(caseName: String, kind: ComponentKind, date: ModelDate, instance: DriverInstance) -> String {
        "\(caseName).\(instance.naming(kind.rawValue)).\(kind == .cpl ? "hi" : "h").\(date).nc"
    }

    /// The log of `kind` (the coupler's `cpl.log` too).
    public static func log(of kind: ComponentKind, instance: DriverInstance) -> String {
        "\(instance.naming(kind.rawValue)).log"
    }

    /// The folder of the timing report (`timing`).
    public static func timingFolder(instance: DriverInstance) -> String { instance.naming("timing") }

    /// The coupler's time-averaged history file of the period ending at `end`, named as cpl7
    /// names it: by the period's year (`CASE.cpl.ha.YYYY.nc`) for `nyears`, its month
    /// (`YYYY-MM`) for `nmonths`, its last day (`YYYY-MM-DD`) for `ndays`, and otherwise by its end
    /// (`YYYY-MM-DD-SSSSS`). `lastStepStart` is the start of the period's last driver step, which
    /// lies in the year, month or day the period covers.
    public static func averagedHistory(caseName: String, period: AlarmOption, end: ModelDate, lastStepStart: ModelDate,
                                       instance: DriverInstance) -> String {
        let parts = "\(lastStepStart)".split(separator: "-")
        let stamp = switch period {
        case .nyears: String(parts[0])
        case .nmonths: parts[0 ... 1].joined(separator: "-")
        case .ndays: parts[0 ... 2].joined(separator: "-")
        default: "\(end)"
        }
        return "\(caseName).\(instance.naming("cpl")).ha.\(stamp).nc"
    }

    /// Every name a run of `caseName` may write at `date`, under its temporary name (the longer
    /// one); the averaged history with the date in full, as periods other than years, months and
    /// days name it.
    public static func all(caseName: String, date: ModelDate, instance: DriverInstance) -> [String] {
        (ComponentKind.all.flatMap { kind in
            [history(caseName: caseName, kind: kind, date: date, instance: instance), restart(caseName: caseName, kind: kind, date: date, instance: instance)]
        } + [averagedHistory(caseName: caseName, period: .nsteps, end: date, lastStepStart: date, instance: instance)]).map { $0 + temporarySuffix }
    }

    /// The longest of `all(caseName:date:)`: `CASE.cpl.hi.DATE.nc.incomplete`.
    public static func longest(caseName: String, date: ModelDate, instance: DriverInstance) -> String {
        all(caseName: caseName, date: date, instance: instance).max { $0.utf8.count < $1.utf8.count }!
    }
}

extension DriverConfiguration {
    /// Why this run's files cannot be written into `runDirectory`, or `nil` if they can: the
    /// longest path the run builds (`RUNDIR/CASE.cpl.hi.DATE.nc.incomplete`, with the date of
    /// the run's stop, the latest and widest it writes) must not be longer than
    /// `ParallelDataset.maximumPathLength` bytes, or MPI-IO would refuse it at the first history
    /// or restart write. `resumingAt` is the restart time of a continued run (its stop counts
    /// from there). The path is counted as the driver builds it: a relative run directory stays
    /// relative.
    public func fileNameProblem(runDirectory: String, resumingAt restartTime: ModelTime? = nil) -> String? {
        let clock: ModelClock?
        if let restartTime {
            clock = try? time.makeClock(resumingAt: restartTime)
        } else {
            clock = try? time.makeClock()
        }
        let date = clock.map { $0.calendar.date(of: $0.stopTime) } ?? time.start
        let path = resolve(RunFileNames.longest(caseName: run.caseName, date: date, instance: instance), against: runDirectory)
        let length = path.utf8.count, limit = ParallelDataset.maximumPathLength
        guard length > limit else { return nil }
        return "the run directory and case name make file paths too long for MPI-IO: \(path) is \(length) bytes long, "
            + "more than the \(limit) bytes allowed (Open MPI 4.1 aborts every rank on paths of about 235 bytes or more); "
            + "use a run directory at least \(length - limit) byte\(length - limit == 1 ? "" : "s") shorter, or a shorter case_name"
    }
}
