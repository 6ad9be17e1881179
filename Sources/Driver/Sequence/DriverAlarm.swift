/// The clock alarms that gate the end of a driver step.
public enum DriverAlarm: String, Sendable, Hashable, CaseIterable, Codable {
    /// `history_option` / `history_n`: the history files are written.
    case history
    /// `histavg_option` / `histavg_n`: the coupler's averaging period ends and its
    /// time-averaged history file is written.
    case historyAverage = "histavg"
    /// `restart_option` / `restart_n`: a restart set is written.
    case restart
}
