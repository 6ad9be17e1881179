/// The clock alarms that gate the end of a driver step.
public enum DriverAlarm: String, Sendable, Hashable, CaseIterable, Codable {
    /// `history_option` / `history_n`: the history files are written.
    case history
    /// `restart_option` / `restart_n`: a restart set is written.
    case restart
}
