import Coupling
import Namelist
import NetCDF
import TimeManager

/// A forcing netCDF file as one rank reads it: its time axis, and the variables a data model
/// reads, checked against the model's grid. ``read(_:record:)`` reads one record of a variable
/// at this rank's points only.
///
/// The file has a time variable `time(time)` with CF `units` and `calendar` attributes (no
/// `calendar` means CF's default, `standard`, read as proleptic Gregorian). A variable is
/// `(time, nj, ni)` with the grid's shape, or `(time, n)` with the grid's size, in the grid's C
/// point order. Packed variables (`scale_factor`, `add_offset`) are unpacked; values are otherwise
/// used as stored, in the units of the coupling field they give.
public final class ForcingFile: Sendable {
    /// One variable the data model reads: its file definition, the hyperslabs of this rank's
    /// points, and its packing.
    private struct Field: Sendable {
        let variable: Variable
        let hyperslabs: [GridHyperslab]
        let scale: Double
        let addOffset: Double
        let units: String?
    }

    /// The file's path.
    public let path: String
    /// The name of the time variable.
    public let timeVariable: String
    /// The record times.
    public let timeAxis: ForcingTimeAxis
    /// The number of this rank's points (values ``read(_:record:)`` returns).
    public let localSize: Int
    private let dataset: Dataset
    private let fields: [String: Field]

    /// Opens `path` and checks its time variable `timeVariable` and the `variables` against
    /// `grid`; reads will give the points of `decomposition`. `runCalendar` is the run's calendar,
    /// named when the file's calendar cannot be converted to it.
    public init(path: String, timeVariable: String, variables: [String], grid: GridDescription,
                decomposition: Decomposition, runCalendar: ModelCalendar) throws(ForcingError) {
        self.path = path
        self.timeVariable = timeVariable
        localSize = decomposition.localSize
        let dataset: Dataset
        do {
            dataset = try Dataset(openingAt: path)
        } catch {
            throw ForcingError("cannot open it: \(error.message)", file: path)
        }
        self.dataset = dataset
        let all = try Self.netCDF(path) { () throws(NetCDFError) in try dataset.variables() }
        do {
            timeAxis = try Self.readTimeAxis(timeVariable, of: dataset, among: all, runCalendar: runCalendar)
        } catch {
            throw error.located(file: path, variable: timeVariable)
        }
        var fields = [String: Field]()
        for name in variables where fields[name] == nil {
            do {
                fields[name] = try Self.field(name, of: dataset, among: all, timeVariable: timeVariable,
                                              grid: grid, decomposition: decomposition)
            } catch {
                throw error.located(file: path, variable: name)
            }
        }
        self.fields = fields
    }

    /// The `units` attribute of `variable`, if it has one.
    public func units(of variable: String) -> String? {
        fields[variable]?.units
    }

    /// The values of `variable` (one of those checked at opening) in record `record`, at this
    /// rank's points in local order.
    public func read(_ variable: String, record: Int) throws(ForcingError) -> [Double] {
        guard let field = fields[variable] else { preconditionFailure("variable \(variable) was not checked at opening") }
        precondition((0 ..< timeAxis.count).contains(record), "record \(record) of \(timeAxis.count)")
        var values = [Double]()
        values.reserveCapacity(localSize)
        for slab in field.hyperslabs {
            values += try Self.netCDF(path, variable: variable) { () throws(NetCDFError) in
                try dataset.read(field.variable, start: [record] + slab.start, count: [1] + slab.count, as: Double.self)
            }
        }
        if field.scale != 1 || field.addOffset != 0 {
            for i in values.indices { values[i] = values[i] * field.scale + field.addOffset }
        }
        return values
    }

    /// Refuses a variable in degrees Celsius for a field in kelvin (CESM's SST files are in °C);
    /// other units are not checked.
    public func checkTemperatureUnits(of fieldMap: ForcingFieldMap) throws(ForcingError) {
        let celsius: Set<String> = ["c", "degc", "deg_c", "degree_c", "degrees_c", "celsius", "degree_celsius", "degrees_celsius", "°c"]
        for entry in fieldMap.entries where ExchangeTable.standard.description(of: entry.field)?.units == "K" {
            guard let units = units(of: entry.variable), celsius.contains(units.lowercased()) else { continue }
            throw ForcingError("the values are in '\(units)', but \(entry.field) is in K: convert the file, "
                + "e.g. ncap2 -s '\(entry.variable)=\(entry.variable)+273.15f'", file: path, variable: entry.variable)
        }
    }

    // MARK: Checks

    private static func readTimeAxis(_ name: String, of dataset: Dataset, among all: [Variable],
                                     runCalendar: ModelCalendar) throws(ForcingError) -> ForcingTimeAxis {
        guard let variable = all.first(where: { $0.name == name }) else {
            throw ForcingError(missingMessage(name, among: all, role: "time variable", hint: "set 'time_variable'"))
        }
        guard variable.dimensions.count == 1, variable.type.isNumeric else {
            throw ForcingError("the time variable must be numeric with one dimension, it is \(variable.type) \(shapeText(variable))")
        }
        guard let unitsText = try netCDF(dataset.path, { () throws(NetCDFError) in try dataset.attribute("units", of: variable)?.text }) else {
            throw ForcingError("the time variable has no 'units' attribute (e.g. 'days since 0001-01-01 00:00:00')")
        }
        let units = try ForcingTimeUnits(parsing: unitsText)
        let calendarText = try netCDF(dataset.path, { () throws(NetCDFError) in try dataset.attribute("calendar", of: variable)?.text }) ?? "standard"
        guard let calendar = ModelCalendar(namelistValue: calendarText) else {
            throw ForcingError("calendar '\(calendarText)' cannot be converted to the run's \(runCalendar.rawValue) calendar: "
                + "supported calendars are noleap, 365_day, standard, gregorian and proleptic_gregorian")
        }
        let values = try netCDF(dataset.path) { () throws(NetCDFError) in try dataset.read(variable, as: Double.self) }
        return try ForcingTimeAxis(values: values, units: units, calendar: calendar)
    }

    private static func field(_ name: String, of dataset: Dataset, among all: [Variable], timeVariable: String,
                              grid: GridDescription, decomposition: Decomposition) throws(ForcingError) -> Field {
        guard let variable = all.first(where: { $0.name == name }) else {
            throw ForcingError(missingMessage(name, among: all, role: "variable"))
        }
        guard variable.type.isNumeric else { throw ForcingError("the variable is of type \(variable.type), not numeric") }
        let timeDimension = all.first { $0.name == timeVariable }?.dimensions.first?.name
        let trailing = Array(variable.shape.dropFirst())
        guard variable.dimensions.first?.name == timeDimension, trailing == grid.shape || trailing == [grid.size] else {
            let expected = grid.shape.count == 1 ? "(\(timeDimension ?? "time"), \(grid.size))"
                : "(\(timeDimension ?? "time"), \(grid.shape.map(String.init).joined(separator: ", "))) or (\(timeDimension ?? "time"), \(grid.size))"
            throw ForcingError("dimensions \(shapeText(variable)) do not fit the grid \(grid): expected \(expected)")
        }
        let attribute = { (key: String) throws(ForcingError) -> AttributeValue? in
            try netCDF(dataset.path, variable: name) { () throws(NetCDFError) in try dataset.attribute(key, of: variable) }
        }
        let slabs = decomposition.segments.flatMap { Coupling.hyperslabs(covering: $0.start ..< $0.end, shape: trailing) }
        return Field(variable: variable, hyperslabs: slabs, scale: try attribute("scale_factor")?.doubles?.first ?? 1,
                     addOffset: try attribute("add_offset")?.doubles?.first ?? 0, units: try attribute("units")?.text)
    }

    private static func missingMessage(_ name: String, among all: [Variable], role: String, hint: String? = nil) -> String {
        var message = "the file has no \(role) '\(name)'"
        if let hint { message += " (\(hint))" }
        if let suggestion = nearestName(to: name, among: all.map(\.name)) { message += "; did you mean '\(suggestion)'?" }
        return message
    }

    private static func shapeText(_ variable: Variable) -> String {
        "(" + variable.dimensions.map { "\($0.name) = \($0.length)" }.joined(separator: ", ") + ")"
    }

    /// Runs a netCDF call, turning its error into a `ForcingError` about `path`.
    private static func netCDF<T>(_ path: String, variable: String? = nil, _ body: () throws(NetCDFError) -> T) throws(ForcingError) -> T {
        do {
            return try body()
        } catch {
            throw ForcingError("\(error.operation): \(error.message)", file: path, variable: variable)
        }
    }
}
