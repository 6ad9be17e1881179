import Coupling
import TimeManager

/// A forcing file read as a time series of coupling fields over this rank's points.
///
/// ``values(at:)`` gives every field of the ``fieldMap`` at a model time, linear in time between
/// the two records that bracket it (see ``ForcingTimeInterpolation``). A record is read when a
/// bracket first needs it and kept while the bracket uses it, so stepping through a month of
/// half-hourly intervals between two monthly records reads each record once.
public final class ForcingStream {
    /// The file.
    public let file: ForcingFile
    /// Where model times fall in the file's time axis.
    public let timing: ForcingTimeInterpolation
    /// The fields read and the variables they come from.
    public let fieldMap: ForcingFieldMap
    private let log: ComponentLog
    private let logPrefix: String
    /// The values of the records in use: record → one array per entry of the field map.
    private var cache: [Int: [[Double]]] = [:]

    /// A stream of the fields `fieldMap` names from `file`, looked up with `timing`. Each record
    /// read is noted in `log`, preceded by `logPrefix` (`datm: `).
    public init(file: ForcingFile, timing: ForcingTimeInterpolation, fieldMap: ForcingFieldMap,
                log: ComponentLog = .discarding, logPrefix: String = "") {
        self.file = file
        self.timing = timing
        self.fieldMap = fieldMap
        self.log = log
        self.logPrefix = logPrefix
    }

    /// The records held in memory, ascending.
    public var cachedRecords: [Int] { cache.keys.sorted() }

    /// Every field of the field map at model time `time`, over this rank's points.
    public func values(at time: ModelTime) throws(ForcingError) -> [String: [Double]] {
        let bracket: TimeBracket
        do {
            bracket = try timing.bracket(at: time)
        } catch {
            throw error.located(file: file.path, variable: file.timeVariable)
        }
        for record in cache.keys where !bracket.records.contains(record) {
            cache[record] = nil
        }
        for record in bracket.records.sorted() where cache[record] == nil {
            var values = [[Double]]()
            for entry in fieldMap.entries {
                values.append(try file.read(entry.variable, record: record))
            }
            cache[record] = values
            log.write("\(logPrefix)read record \(record) (\(timing.axis.dateText(of: timing.axis.times[record]))) of \(file.path)")
        }
        let lower = cache[bracket.lowerRecord]!, upper = cache[bracket.upperRecord]!
        var result = [String: [Double]]()
        for (index, entry) in fieldMap.entries.enumerated() {
            result[entry.field] = zip(lower[index], upper[index]).map { bracket.interpolate($0, $1) }
        }
        return result
    }

    /// Every field at the mid-point of the interval `start ..< end` (one coupling interval).
    public func values(from start: ModelTime, until end: ModelTime) throws(ForcingError) -> [String: [Double]] {
        try values(at: ForcingTimeInterpolation.midpoint(from: start, until: end))
    }
}
