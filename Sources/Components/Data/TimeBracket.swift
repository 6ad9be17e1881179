/// The two records of a forcing file a value is interpolated between, and the weights.
///
/// The value at the lookup time is `lowerWeight × lower + upperWeight × upper`. On an exact
/// record hit the weight of the other record is 0; with a single record both are the same.
public struct TimeBracket: Sendable, Hashable {
    /// The earlier record.
    public let lowerRecord: Int
    /// The later record (after a year wrap of a cycled file, a record at the start of the file).
    public let upperRecord: Int
    /// The weight of the later record, 0...1.
    public let upperWeight: Double

    /// Interpolation between `lowerRecord` and `upperRecord` with weight `upperWeight` on the latter.
    public init(lowerRecord: Int, upperRecord: Int, upperWeight: Double) {
        precondition((0 ... 1).contains(upperWeight), "interpolation weight \(upperWeight) outside 0...1")
        self.lowerRecord = lowerRecord
        self.upperRecord = upperRecord
        self.upperWeight = upperWeight
    }

    /// The weight of the earlier record, `1 - upperWeight`.
    public var lowerWeight: Double { 1 - upperWeight }

    /// The records the bracket reads (one when both are the same).
    public var records: Set<Int> { [lowerRecord, upperRecord] }

    /// The value between `lower` (the earlier record's) and `upper` (the later record's).
    @inlinable
    public func interpolate(_ lower: Double, _ upper: Double) -> Double {
        lowerWeight * lower + upperWeight * upper
    }
}
