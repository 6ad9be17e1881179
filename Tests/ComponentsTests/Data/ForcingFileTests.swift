import Components
import Coupling
import Foundation
import NetCDF
import Testing
import TimeManager

@Suite("Forcing files")
struct ForcingFileTests {
    /// A 4 × 5 grid (nj × ni); its 20 points in 3 blocks: 0..<7, 7..<14, 14..<20.
    let grid = GridDescription(name: "atm", shape: [4, 5], dimensionNames: ["nj", "ni"])
    let middleBlock = Decomposition.block(globalSize: 20, parts: 3, part: 1)

    /// Record `r` holds `100 r + global index` at each point.
    private func gridValues(records: Int) -> [Double] {
        (0 ..< records).flatMap { r in (0 ..< 20).map { Double(100 * r + $0) } }
    }

    private func fixture(dimensions: [(String, Int)] = [("nj", 4), ("ni", 5)], units: String? = "days since 0001-01-01 00:00:00",
                         calendar: String? = "noleap", times: [Double] = [10, 20, 40],
                         attributes: [String: AttributeValue] = [:]) throws -> ForcingFixture {
        try ForcingFixture(times: times, units: units, calendar: calendar, fields: [
            .init(name: "tbot", dimensions: dimensions, values: gridValues(records: times.count), attributes: attributes),
        ])
    }

    private func open(_ fixture: ForcingFixture, variables: [String] = ["tbot"], path: String? = nil) throws -> ForcingFile {
        try ForcingFile(path: path ?? fixture.path, timeVariable: "time", variables: variables, grid: grid,
                        decomposition: middleBlock, runCalendar: .noLeap)
    }

    @Test("a rank reads its own block, across grid rows, of (time, nj, ni) and (time, n) variables")
    func readsBlock() throws {
        let square = try fixture()
        let file = try open(square)
        #expect(file.localSize == 7)
        #expect(try file.read("tbot", record: 2) == [207, 208, 209, 210, 211, 212, 213])
        #expect(try file.read("tbot", record: 0) == [7, 8, 9, 10, 11, 12, 13])
        #expect(file.units(of: "tbot") == nil)
        let days: [Double] = [375, 385, 405]
        #expect(file.timeAxis.times == days.map { $0 * 86_400 })

        let flat = try fixture(dimensions: [("n", 20)])
        #expect(try open(flat).read("tbot", record: 1) == [107, 108, 109, 110, 111, 112, 113])
    }

    @Test("packed values are unpacked with scale_factor and add_offset")
    func unpacks() throws {
        let packed = try fixture(attributes: ["scale_factor": .floats([0.5]), "add_offset": .floats([200]), "units": .text("K")])
        let file = try open(packed)
        #expect(try file.read("tbot", record: 1) == [253.5, 254, 254.5, 255, 255.5, 256, 256.5])
        #expect(file.units(of: "tbot") == "K")
    }

    @Test("a temperature in degrees Celsius is refused for a field in kelvin")
    func celsius() throws {
        let file = try open(try fixture(attributes: ["units": .text("degC")]))
        let map = { (field: String) in try ForcingFieldMap(parsing: ["\(field):tbot"], validFields: ExchangeTable.standard.exports(of: .ocn) + ["Sa_tbot"],
                                                            setting: "variables") }
        #expect(throws: ForcingError("the values are in 'degC', but So_t is in K: convert the file, e.g. ncap2 -s 'tbot=tbot+273.15f'",
                                     file: file.path, variable: "tbot")) {
            try file.checkTemperatureUnits(of: map("So_t"))
        }
        try file.checkTemperatureUnits(of: map("So_s"))
    }

    @Test("a stream interpolates between the bracketing records and keeps them until the bracket moves on")
    func stream() throws {
        let square = try fixture()
        let file = try open(square)
        let timing = try ForcingTimeInterpolation(axis: file.timeAxis, runCalendar: .noLeap)
        let map = try ForcingFieldMap(parsing: ["Sa_tbot:tbot"], validFields: DataAtmosphereFields.inputFields, setting: "variables")
        let stream = ForcingStream(file: file, timing: timing, fieldMap: map)
        let day = { (d: Double) in ModelTime(seconds: Int64((365 + d) * 86_400)) }
        // Day 15 is halfway between records 0 (day 10) and 1 (day 20).
        #expect(try stream.values(at: day(15))["Sa_tbot"] == [57, 58, 59, 60, 61, 62, 63])
        #expect(stream.cachedRecords == [0, 1])
        // The interval from day 20 to day 30 has its mid-point at day 25: a quarter of the way from record 1 to 2.
        #expect(try stream.values(from: day(20), until: day(30))["Sa_tbot"] == [132, 133, 134, 135, 136, 137, 138])
        #expect(stream.cachedRecords == [1, 2])
        #expect(throws: ForcingError("model date 0002-01-01 00:00:00 (file date 0002-01-01 00:00:00) is outside the time axis "
                                         + "0001-01-11 00:00:00 … 0001-02-10 00:00:00 (3 records); "
                                         + "use a file that covers the run, or set cycle = .true. to repeat it",
                                     file: square.path, variable: "time")) {
            try stream.values(at: day(365))
        }
    }

    @Test("a missing file or variable is named, with the nearest variable")
    func missing() throws {
        let square = try fixture()
        #expect(throws: ForcingError("cannot open it: No such file or directory", file: square.missingPath)) {
            try open(square, path: square.missingPath)
        }
        #expect(throws: ForcingError("the file has no variable 'tbott'; did you mean 'tbot'?", file: square.path, variable: "tbott")) {
            try open(square, variables: ["tbot", "tbott"])
        }
        #expect {
            try ForcingFile(path: square.path, timeVariable: "times", variables: ["tbot"], grid: grid, decomposition: middleBlock,
                            runCalendar: .noLeap)
        } throws: { error in
            "\(error)" == "forcing file '\(square.path)', variable 'times': the file has no time variable 'times' (set 'time_variable'); did you mean 'time'?"
        }
    }

    @Test("dimensions that do not fit the grid", arguments: [[("nj", 5), ("ni", 4)], [("n", 19)], [("nj", 4)]])
    func wrongDimensions(dimensions: [(String, Int)]) throws {
        let wrong = try ForcingFixture(times: [0], fields: [
            .init(name: "tbot", dimensions: dimensions, values: [Double](repeating: 1, count: dimensions.map(\.1).reduce(1, *))),
        ])
        let shape = (["time = 1"] + dimensions.map { "\($0.0) = \($0.1)" }).joined(separator: ", ")
        #expect(throws: ForcingError("dimensions (\(shape)) do not fit the grid atm (nj = 4, ni = 5): expected (time, 4, 5) or (time, 20)",
                                     file: wrong.path, variable: "tbot")) {
            try open(wrong)
        }
    }

    @Test("a variable without the time dimension first")
    func timeNotFirst() throws {
        let constant = try ForcingFixture(times: [0], fields: [
            .init(name: "topo", dimensions: [("nj", 4), ("ni", 5)], values: gridValues(records: 1), hasTime: false),
        ])
        #expect(throws: ForcingError("dimensions (nj = 4, ni = 5) do not fit the grid atm (nj = 4, ni = 5): expected (time, 4, 5) or (time, 20)",
                                     file: constant.path, variable: "topo")) {
            try open(constant, variables: ["topo"])
        }
    }

    @Test("bad time units, no units, a calendar that cannot be converted", arguments: [
        ("months since 2000-01-01", "noleap", "cannot use time units 'months since 2000-01-01': unknown unit 'months'; "
            + "expected '<days|hours|minutes|seconds> since YYYY-MM-DD[ hh:mm:ss]'"),
        (nil, "noleap", "the time variable has no 'units' attribute (e.g. 'days since 0001-01-01 00:00:00')"),
        ("days since 0001-01-01", "360_day", "calendar '360_day' cannot be converted to the run's NO_LEAP calendar: "
            + "supported calendars are noleap, 365_day, standard, gregorian and proleptic_gregorian"),
    ])
    func badTimeVariable(units: String?, calendar: String, message: String) throws {
        let bad = try fixture(units: units, calendar: calendar)
        #expect(throws: ForcingError(message, file: bad.path, variable: "time")) {
            try open(bad)
        }
    }

    @Test("a time axis that does not increase is named with its records")
    func nonIncreasing() throws {
        let bad = try fixture(times: [10, 40, 20])
        #expect(throws: ForcingError("the time axis must increase strictly, but record 2 (20.0) is not after record 1 (40.0)",
                                     file: bad.path, variable: "time")) {
            try open(bad)
        }
    }

    @Test("no calendar attribute means CF's standard calendar")
    func defaultCalendar() throws {
        let file = try open(try fixture(units: "days since 2000-02-28", calendar: nil, times: [0, 1, 2]))
        #expect(file.timeAxis.calendar == .gregorian)
        #expect(file.timeAxis.dateText(of: file.timeAxis.times[1]) == "2000-02-29 00:00:00")
    }
}
