/// How the model years map onto the years of a forcing file that is repeated (`cycle = .true.`).
///
/// The file's years `firstYear ... lastYear` repeat forever, model year `alignYear` reading
/// data year `firstYear`: data year = `firstYear + (model year − alignYear) mod (lastYear − firstYear + 1)`.
/// A climatology of one year (`firstYear == lastYear`) is read for every model year.
public struct ForcingCycle: Sendable, Hashable {
    /// The first data year of the cycle.
    public let firstYear: Int
    /// The last data year of the cycle.
    public let lastYear: Int
    /// The model year that reads `firstYear`.
    public let alignYear: Int

    /// A cycle over data years `firstYear ... lastYear`, model year `alignYear` reading `firstYear`.
    public init(firstYear: Int, lastYear: Int, alignYear: Int) throws(ForcingError) {
        guard firstYear >= 0 else { throw ForcingError("cycle_first_year (\(firstYear)) must not be negative") }
        guard firstYear <= lastYear else {
            throw ForcingError("cycle_first_year (\(firstYear)) is after cycle_last_year (\(lastYear))")
        }
        self.firstYear = firstYear
        self.lastYear = lastYear
        self.alignYear = alignYear
    }

    /// The number of years in the cycle.
    public var yearCount: Int { lastYear - firstYear + 1 }

    /// The data year model year `year` reads.
    public func dataYear(forModelYear year: Int) -> Int {
        let shift = (year - alignYear) % yearCount
        return firstYear + (shift < 0 ? shift + yearCount : shift)
    }
}
