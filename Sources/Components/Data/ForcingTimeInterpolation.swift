import Coupling
import TimeManager

/// Where a model time falls in a forcing file's time axis, and with what weights.
///
/// A model time (in the run's calendar) plus ``offset`` is turned into a calendar date; with a
/// ``cycle`` its year becomes the data year the cycle maps it to. The date is then looked up in the
/// file's calendar (the same date, so a NO_LEAP file serves a Gregorian run: 29 February reads 28
/// February). The value is linear in time between the last record at or before that instant and
/// the next one. With a cycle the records of the cycle years repeat: before the first record of the
/// cycle the bracket is the last record of the previous cycle and the first record, after the last
/// record it is the last record and the first record of the next cycle (December → January of a
/// climatology). Without a cycle an instant outside the axis is an error.
public struct ForcingTimeInterpolation: Sendable, Hashable {
    /// The file's record times.
    public let axis: ForcingTimeAxis
    /// The run's calendar, in which model times are given.
    public let runCalendar: ModelCalendar
    /// Seconds added to each model time before the lookup.
    public let offset: Int64
    /// How model years map onto data years, or `nil` to read the file as it is.
    public let cycle: ForcingCycle?
    /// The records used: those in the cycle years, or all.
    private let records: ClosedRange<Int>
    /// The length of the cycle in seconds of the file's calendar (0 without a cycle).
    private let cycleLength: Double

    /// A lookup of model times in `axis`; throws if `cycle` years hold no record.
    public init(axis: ForcingTimeAxis, runCalendar: ModelCalendar, offset: Int64 = 0, cycle: ForcingCycle? = nil) throws(ForcingError) {
        self.axis = axis
        self.runCalendar = runCalendar
        self.offset = offset
        self.cycle = cycle
        guard let cycle else {
            records = 0 ... axis.count - 1
            cycleLength = 0
            return
        }
        let start = Double(axis.calendar.time(of: ModelDate(year: cycle.firstYear, month: 1, day: 1)).seconds)
        let end = Double(axis.calendar.time(of: ModelDate(year: cycle.lastYear + 1, month: 1, day: 1)).seconds)
        guard let first = axis.times.firstIndex(where: { $0 >= start }), let last = axis.times.lastIndex(where: { $0 < end }),
              first <= last else {
            throw ForcingError("no record lies in the cycle years \(cycle.firstYear)–\(cycle.lastYear); the file covers \(axis.rangeText)")
        }
        records = first ... last
        cycleLength = end - start
    }

    /// The mid-point of the interval `start ..< end` (rounded down to a whole second): the time a
    /// data model looks up for one coupling interval.
    public static func midpoint(from start: ModelTime, until end: ModelTime) -> ModelTime {
        start + (end - start) / 2
    }

    /// The instant model time `time` reads, in seconds since 0000-01-01 of the file's calendar.
    public func fileTime(of time: ModelTime) throws(ForcingError) -> Double {
        let shifted = time + offset
        guard shifted.seconds >= 0 else {
            throw ForcingError("model time \(time.seconds) s plus offset \(offset) s is before 0000-01-01")
        }
        let date = runCalendar.date(of: shifted)
        let year = cycle?.dataYear(forModelYear: date.year) ?? date.year
        let day = min(date.day, axis.calendar.daysInMonth(date.month, year: year))
        let fileDate = ModelDate(year: year, month: date.month, day: day, secondOfDay: date.secondOfDay)
        return Double(axis.calendar.time(of: fileDate).seconds)
    }

    /// The records bracketing model time `time`, and the interpolation weights.
    public func bracket(at time: ModelTime) throws(ForcingError) -> TimeBracket {
        let instant = try fileTime(of: time)
        let times = axis.times
        let first = records.lowerBound, last = records.upperBound
        guard cycle != nil else {
            guard let lower = axis.lastRecord(atOrBefore: instant), instant <= times[last] else {
                throw outsideAxis(time, fileTime: instant)
            }
            if lower == last {
                return lower == first ? TimeBracket(lowerRecord: lower, upperRecord: lower, upperWeight: 0)
                    : TimeBracket(lowerRecord: lower - 1, upperRecord: lower, upperWeight: 1)
            }
            return TimeBracket(lowerRecord: lower, upperRecord: lower + 1,
                               upperWeight: (instant - times[lower]) / (times[lower + 1] - times[lower]))
        }
        if instant < times[first] {
            let previous = times[last] - cycleLength
            return TimeBracket(lowerRecord: last, upperRecord: first, upperWeight: (instant - previous) / (times[first] - previous))
        }
        if instant >= times[last] {
            let next = times[first] + cycleLength
            return TimeBracket(lowerRecord: last, upperRecord: first, upperWeight: (instant - times[last]) / (next - times[last]))
        }
        let lower = axis.lastRecord(atOrBefore: instant)!
        return TimeBracket(lowerRecord: lower, upperRecord: lower + 1,
                           upperWeight: (instant - times[lower]) / (times[lower + 1] - times[lower]))
    }

    /// The records bracketing the mid-point of the interval `start ..< end`.
    public func bracket(from start: ModelTime, until end: ModelTime) throws(ForcingError) -> TimeBracket {
        try bracket(at: Self.midpoint(from: start, until: end))
    }

    private func outsideAxis(_ time: ModelTime, fileTime: Double) -> ForcingError {
        var when = "model date \(runCalendar.date(of: time).humanReadable)"
        if offset != 0 { when += " with offset \(offset) s" }
        return ForcingError("\(when) (file date \(axis.dateText(of: fileTime))) is outside the time axis \(axis.rangeText); "
            + "use a file that covers the run, or set cycle = .true. to repeat it")
    }
}
