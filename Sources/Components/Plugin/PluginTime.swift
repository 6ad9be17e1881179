import CComponentABI
import Coupling
import TimeManager

extension cdc_time {
    /// The date of `time` in `calendar`, as the plug-in ABI passes it.
    init(_ time: ModelTime, calendar: ModelCalendar) {
        let date = calendar.date(of: time)
        self.init(year: Int32(clamping: date.year), month: Int32(date.month), day: Int32(date.day), second: Int32(date.secondOfDay))
    }
}
