import Foundation
import NetCDF

/// All values of variable `name` in the netCDF file at `path`.
func values(_ name: String, in path: String) -> [Double] {
    let d = try! Dataset(openingAt: path)
    return try! d.read(d.requireVariable(name))
}

/// The largest relative difference between two arrays (scaled by the larger magnitude, at least `floor`).
func maximumRelativeDifference(_ a: [Double], _ b: [Double], floor: Double = 1e-300) -> Double {
    precondition(a.count == b.count, "\(a.count) and \(b.count) values")
    var worst = 0.0
    for i in a.indices {
        let scale = max(abs(a[i]), abs(b[i]), floor)
        worst = max(worst, abs(a[i] - b[i]) / scale)
    }
    return worst
}

/// Whether two files have the same bytes.
func sameBytes(_ a: String, _ b: String) -> Bool {
    guard let x = FileManager.default.contents(atPath: a), let y = FileManager.default.contents(atPath: b) else { return false }
    return x == y
}
