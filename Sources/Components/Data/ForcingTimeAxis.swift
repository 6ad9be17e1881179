import Coupling
import TimeManager

/// The record times of a forcing file: seconds since 0000-01-01 00:00:00 of the file's calendar,
/// strictly increasing.
public struct ForcingTimeAxis: Sendable, Hashable {
    /// The calendar the file's dates are in.
    public let calendar: ModelCalendar
    /// The instant of each record, seconds since 0000-01-01 00:00:00 in ``calendar``.
    public let times: [Double]

    /// The axis of a time variable holding `values` in `units`, dates in `calendar`.
    ///
    /// Throws when there are no values, a value is not finite or lies before year 0, the
    /// reference date does not exist in the calendar, or the values do not increase strictly.
    public init(values: [Double], units: ForcingTimeUnits, calendar: ModelCalendar) throws(ForcingError) {
        guard !values.isEmpty else { throw ForcingError("the time axis has no records") }
        if let problem = calendar.validate(units.reference) {
            throw ForcingError("the reference date of the time units is not a date: \(problem)")
        }
        let origin = Double(calendar.time(of: units.reference).seconds)
        var times = [Double]()
        times.reserveCapacity(values.count)
        for (record, value) in values.enumerated() {
            let time = origin + value * units.secondsPerUnit
            guard value.isFinite, time >= 0 else {
                throw ForcingError("time value \(value) of record \(record) is not a date at or after 0000-01-01")
            }
            if let previous = times.last, time <= previous {
                throw ForcingError("the time axis must increase strictly, but record \(record) (\(value)) "
                    + "is not after record \(record - 1) (\(values[record - 1]))")
            }
            times.append(time)
        }
        self.calendar = calendar
        self.times = times
    }

    /// The number of records.
    public var count: Int { times.count }

    /// `time` (seconds since 0000-01-01 in the file's calendar) as `YYYY-MM-DD hh:mm:ss`, for messages.
    public func dateText(of time: Double) -> String {
        calendar.date(of: ModelTime(seconds: Int64(time.rounded(.down)))).humanReadable
    }

    /// The first and last record dates, `first … last (n records)`, for messages.
    public var rangeText: String {
        "\(dateText(of: times[0])) … \(dateText(of: times[times.count - 1])) (\(count) record\(count == 1 ? "" : "s"))"
    }

    /// The index of the last record at or before `time`, or `nil` if `time` is before the first record.
    public func lastRecord(atOrBefore time: Double) -> Int? {
        var low = 0, high = times.count
        while low < high {
            let mid = (low + high) / 2
            if times[mid] <= time { low = mid + 1 } else { high = mid }
        }
        return low == 0 ? nil : low - 1
    }
}
