import Foundation
import NetCDF

/// A small forcing file written for a test: a time variable and variables over
/// `(time, <dimensions>)`, in a fresh temporary folder that is removed when the value goes away.
final class ForcingFixture {
    /// One variable of the file.
    struct Field {
        var name: String
        /// Dimension names after `time` (if ``hasTime``), with their lengths.
        var dimensions: [(String, Int)]
        /// Values in C order over `(time, dimensions...)`.
        var values: [Double]
        var attributes: [String: AttributeValue] = [:]
        /// Whether `time` comes first.
        var hasTime = true
    }

    let directory: URL
    let path: String

    /// Writes `fields` and a time variable `timeName(time)` holding `times` with `units` and,
    /// unless `nil`, `calendar`.
    init(times: [Double], units: String? = "days since 0001-01-01 00:00:00", calendar: String? = "noleap",
         timeName: String = "time", fields: [Field]) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("forcing-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        path = directory.appendingPathComponent("forcing.nc").path
        let file = try Dataset.create(at: path, format: .netCDF4)
        let time = try file.defineDimension("time", length: times.count)
        var dimensions = ["time": time]
        let timeVariable = try file.defineVariable(timeName, type: .double, dimensions: [time])
        if let units { try file.setAttribute("units", .text(units), of: timeVariable) }
        if let calendar { try file.setAttribute("calendar", .text(calendar), of: timeVariable) }
        var variables = [(Variable, [Double])]()
        for field in fields {
            var fieldDimensions = field.hasTime ? [time] : []
            for (name, length) in field.dimensions {
                if dimensions[name] == nil { dimensions[name] = try file.defineDimension(name, length: length) }
                fieldDimensions.append(dimensions[name]!)
            }
            let variable = try file.defineVariable(field.name, type: .float, dimensions: fieldDimensions)
            for (key, value) in field.attributes.sorted(by: { $0.key < $1.key }) {
                try file.setAttribute(key, value, of: variable)
            }
            variables.append((variable, field.values))
        }
        try file.endDefinitions()
        try file.write(times, to: timeVariable)
        for (variable, values) in variables { try file.write(values.map(Float.init), to: variable) }
        try file.close()
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    /// A path in the fixture's folder where no file exists.
    var missingPath: String { directory.appendingPathComponent("absent.nc").path }
}

/// The mid-month days of a 365-day year, as `forcing/make-forcing.sh` writes them.
let midMonthDays = [15.5, 45.0, 74.5, 105.0, 135.5, 166.0, 196.5, 227.5, 258.0, 288.5, 319.0, 349.5]
