/// An alarm setting as read from a namelist: an option with its count and, for `date`,
/// its date; for example `(ndays, 5)` from `restart_option = 'ndays'`, `restart_n = 5`,
/// or `(date, _, 0001-01-01)` from `stop_option = 'date'`, `stop_ymd = 10101`.
public struct AlarmSetting: Sendable, Hashable {
    /// When the alarm rings.
    public let option: AlarmOption
    /// The number of units between rings, for periodic options; ignored otherwise.
    public let count: Int
    /// The date of a `date` alarm; ignored for other options.
    public let date: ModelDate?

    /// Creates a setting; it is checked when an ``Alarm`` or ``ModelClock`` is built from it.
    public init(option: AlarmOption, count: Int, date: ModelDate? = nil) {
        self.option = option
        self.count = count
        self.date = date
    }
}
