import TimeManager

/// What tools outside a run need to know of the restart set a run directory's pointer names:
/// its model date — for example whether a failed run can continue from it, or had already
/// written its last restart.
public enum RestartPointer {
    /// The model date of the set that `rpointer.drv` (of `instance`) in `runDirectory` names,
    /// read from its coupler file's name (`CASE.cpl.r.0001-01-02-00000.nc`); `nil` when there
    /// is no readable pointer.
    public static func date(inRunDirectory runDirectory: String, instance: DriverInstance = .only) -> ModelDate? {
        guard let set = try? RestartSet.current(in: runDirectory, instance: instance) else { return nil }
        // `CASE.cpl.r.DATE.nc`: the date is the part before `nc` (a case name may hold dots).
        let names = set.coupler.split(separator: ".")
        guard names.count >= 3, names.last == "nc" else { return nil }
        let parts = names[names.count - 2].split(separator: "-").map { Int($0) }
        guard parts.count == 4, let year = parts[0], let month = parts[1], let day = parts[2], let second = parts[3] else { return nil }
        return ModelDate(year: year, month: month, day: day, secondOfDay: second)
    }
}
