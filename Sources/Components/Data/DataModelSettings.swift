import Coupling
import Namelist
import TimeManager

/// The settings of a data model, from its namelist group (`&datm_nml`, `&docn_nml`).
///
/// | key | meaning |
/// |---|---|
/// | `grid_file` | SCRIP grid file, relative to the namelist |
/// | `file` | forcing netCDF file, relative to the namelist |
/// | `variables` | `'FIELD:VARIABLE'` strings: which file variable gives which field |
/// | `time_variable` | the file's time variable |
/// | `cycle` | repeat the file's years (a climatology: its one year) |
/// | `cycle_first_year`, `cycle_last_year` | the data years cycled (default: the years of the first and last records) |
/// | `cycle_align_year` | the model year that reads `cycle_first_year` (default: `cycle_first_year`) |
/// | `offset` | seconds added to model time before the lookup |
public struct DataModelSettings: Sendable, Hashable {
    /// `grid_file`: the SCRIP grid file.
    public var gridFile: String
    /// `file`: the forcing file.
    public var file: String
    /// `variables`: `'FIELD:VARIABLE'` strings.
    public var variables: [String]
    /// `time_variable`: the name of the time variable.
    public var timeVariable: String
    /// `cycle`: whether the file's years repeat.
    public var cycle: Bool
    /// `cycle_first_year`, or `nil` for the year of the first record.
    public var cycleFirstYear: Int?
    /// `cycle_last_year`, or `nil` for the year of the last record.
    public var cycleLastYear: Int?
    /// `cycle_align_year`, or `nil` for the first cycle year.
    public var cycleAlignYear: Int?
    /// `offset`: seconds added to model time before the lookup.
    public var offset: Int64

    /// Settings with the given values.
    public init(gridFile: String, file: String, variables: [String], timeVariable: String = "time", cycle: Bool,
                cycleFirstYear: Int? = nil, cycleLastYear: Int? = nil, cycleAlignYear: Int? = nil, offset: Int64 = 0) {
        self.gridFile = gridFile
        self.file = file
        self.variables = variables
        self.timeVariable = timeVariable
        self.cycle = cycle
        self.cycleFirstYear = cycleFirstYear
        self.cycleLastYear = cycleLastYear
        self.cycleAlignYear = cycleAlignYear
        self.offset = offset
    }

    /// The settings `reader`'s group makes of `defaults`. `variables`, when set, replaces the
    /// default list as a whole.
    public init(reading reader: NamelistGroupReader, defaults: DataModelSettings) {
        func year(_ key: String, _ value: Int?) -> Int? {
            reader.isSet(key) ? reader.integer(key, default: value ?? 0, range: 0 ... 100_000_000) : value
        }
        self.init(gridFile: reader.string("grid_file", default: defaults.gridFile),
                  file: reader.string("file", default: defaults.file),
                  variables: reader.isSet("variables") ? reader.strings("variables", default: []) : defaults.variables,
                  timeVariable: reader.string("time_variable", default: defaults.timeVariable),
                  cycle: reader.logical("cycle", default: defaults.cycle),
                  cycleFirstYear: year("cycle_first_year", defaults.cycleFirstYear),
                  cycleLastYear: year("cycle_last_year", defaults.cycleLastYear),
                  cycleAlignYear: year("cycle_align_year", defaults.cycleAlignYear),
                  offset: Int64(reader.integer("offset", default: Int(defaults.offset))))
    }

    /// The cycle these settings ask for over a file with time axis `axis`, or `nil` without
    /// `cycle`. `group` names the namelist group in messages. Throws if cycle years are set
    /// without `cycle`, or are not a valid range.
    public func cycle(over axis: ForcingTimeAxis, group: String) throws(ForcingError) -> ForcingCycle? {
        guard cycle else {
            let set = [("cycle_first_year", cycleFirstYear), ("cycle_last_year", cycleLastYear), ("cycle_align_year", cycleAlignYear)]
            if let (key, _) = set.first(where: { $0.1 != nil }) {
                throw ForcingError("&\(group): \(key) is set but cycle = .false.; set cycle = .true. to repeat the file's years")
            }
            return nil
        }
        let firstYear = cycleFirstYear ?? axis.calendar.date(of: ModelTime(seconds: Int64(axis.times[0]))).year
        let lastYear = cycleLastYear ?? axis.calendar.date(of: ModelTime(seconds: Int64(axis.times[axis.count - 1]))).year
        do {
            return try ForcingCycle(firstYear: firstYear, lastYear: lastYear, alignYear: cycleAlignYear ?? firstYear)
        } catch {
            throw ForcingError("&\(group): \(error.message)")
        }
    }
}
