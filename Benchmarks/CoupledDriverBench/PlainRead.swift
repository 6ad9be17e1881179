import NetCDF

/// Reading `row`, `col` and `S` whole on one rank with netCDF-C: the floor for reading weights.
struct PlainReadResult: Codable {
    let seconds: Double
    let entries: Int
}

func plainRead(weightsPath: String) throws -> PlainReadResult {
    var best = Double.infinity
    var entries = 0
    for _ in 0 ..< 3 {
        let start = now()
        let d = try Dataset(openingAt: weightsPath)
        let rows: [Int32] = try d.read(d.requireVariable("row"))
        let columns: [Int32] = try d.read(d.requireVariable("col"))
        let weights: [Double] = try d.read(d.requireVariable("S"))
        best = min(best, now() - start)
        entries = rows.count + columns.count + weights.count - 2 * weights.count
    }
    return PlainReadResult(seconds: best, entries: entries)
}
