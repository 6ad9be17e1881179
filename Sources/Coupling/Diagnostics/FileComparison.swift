import NetCDF

/// A variable-by-variable comparison of two netCDF files, in the spirit of CESM's cprnc:
/// for every variable, how many values differ, the largest absolute and relative
/// differences and the RMS difference. Two files are identical when both have the same
/// variables with the same shapes and every value is the same (NaN equals NaN).
public struct FileComparison: Sendable {
    /// The comparison of one variable.
    public struct VariableDifference: Sendable {
        /// The variable's name.
        public let name: String
        /// The variable's dimension lengths, in the first file.
        public let shape: [Int]
        /// How many values the variable holds.
        public let valueCount: Int
        /// How many values are not bit-for-bit the same (NaN equals NaN); for a text variable, 1 if
        /// the text differs.
        public let differingCount: Int
        /// The largest |a - b| over the values, in the variable's units (infinity if one side is NaN).
        public let maximumAbsoluteDifference: Double
        /// The largest |a - b| / max(|a|, |b|) over the values.
        public let maximumRelativeDifference: Double
        /// The root-mean-square of a - b over all the values (NaN differences count as zero).
        public let rmsDifference: Double
        /// Why the variable cannot be compared value by value (shape or type mismatch), if so.
        public let mismatch: String?

        /// Whether the variable could be compared and every value is the same.
        public var isIdentical: Bool { mismatch == nil && differingCount == 0 }
    }

    /// The comparison of each variable in both files, in the first file's order.
    public let variables: [VariableDifference]
    /// Variables only in the first or only in the second file.
    public let onlyInFirst: [String]
    /// Variables only in the second file.
    public let onlyInSecond: [String]

    /// Whether the files hold the same variables with the same values.
    public var isIdentical: Bool { onlyInFirst.isEmpty && onlyInSecond.isEmpty && variables.allSatisfy(\.isIdentical) }

    /// Values are read a slab of this many at a time, so big files need little memory.
    static let valuesPerRead = 1 << 22

    /// Compares the files at `first` and `second`.
    public init(first: String, second: String) throws(NetCDFError) {
        let a = try Dataset(openingAt: first), b = try Dataset(openingAt: second)
        let aVariables = try a.variables(), bVariables = try b.variables()
        let bByName = Dictionary(uniqueKeysWithValues: bVariables.map { ($0.name, $0) })
        let aNames = Set(aVariables.map(\.name))
        onlyInFirst = aVariables.map(\.name).filter { bByName[$0] == nil }
        onlyInSecond = bVariables.map(\.name).filter { !aNames.contains($0) }
        var results = [VariableDifference]()
        for va in aVariables {
            guard let vb = bByName[va.name] else { continue }
            results.append(try Self.compare(va, in: a, with: vb, in: b))
        }
        variables = results
    }

    private static func compare(_ va: Variable, in a: Dataset, with vb: Variable, in b: Dataset) throws(NetCDFError) -> VariableDifference {
        func mismatch(_ reason: String) -> VariableDifference {
            VariableDifference(name: va.name, shape: va.shape, valueCount: va.count, differingCount: 0, maximumAbsoluteDifference: 0,
                               maximumRelativeDifference: 0, rmsDifference: 0, mismatch: reason)
        }
        guard va.shape == vb.shape else { return mismatch("shapes differ: \(va.shape) and \(vb.shape)") }
        guard va.type.isNumeric == vb.type.isNumeric else { return mismatch("types differ: \(va.type) and \(vb.type)") }
        if !va.type.isNumeric {
            let same = try a.readCharacters(va) == b.readCharacters(vb)
            return VariableDifference(name: va.name, shape: va.shape, valueCount: va.count, differingCount: same ? 0 : 1,
                                      maximumAbsoluteDifference: 0, maximumRelativeDifference: 0, rmsDifference: 0, mismatch: nil)
        }
        var differing = 0
        var maxAbs = 0.0, maxRel = 0.0, sumSquares = 0.0
        // Read whole slices of the leading dimension, as many as fit in one read.
        let shape = va.shape
        let sliceSize = shape.dropFirst().reduce(1, *)
        let leading = shape.first ?? 1
        let slicesPerRead = max(1, valuesPerRead / max(sliceSize, 1))
        var first = 0
        repeat {
            let n = shape.isEmpty ? 1 : min(slicesPerRead, leading - first)
            let start = shape.isEmpty ? [] : [first] + shape.dropFirst().map { _ in 0 }
            let count = shape.isEmpty ? [] : [n] + Array(shape.dropFirst())
            let x: [Double] = try a.read(va, start: start, count: count)
            let y: [Double] = try b.read(vb, start: start, count: count)
            for i in 0 ..< x.count where x[i].bitPattern != y[i].bitPattern && !(x[i].isNaN && y[i].isNaN) {
                differing += 1
                let d = abs(x[i] - y[i])
                maxAbs = max(maxAbs, d.isNaN ? .infinity : d)
                let scale = max(abs(x[i]), abs(y[i]))
                if scale > 0 { maxRel = max(maxRel, d.isNaN ? .infinity : d / scale) }
                sumSquares += d.isFinite ? d * d : 0
            }
            first += n
        } while !shape.isEmpty && first < leading
        return VariableDifference(name: va.name, shape: va.shape, valueCount: va.count, differingCount: differing,
                                  maximumAbsoluteDifference: maxAbs, maximumRelativeDifference: maxRel,
                                  rmsDifference: va.count > 0 ? (sumSquares / Double(va.count)).squareRoot() : 0, mismatch: nil)
    }

    /// A table of the comparison, one line per variable, and a verdict.
    public var report: String {
        var lines = [String]()
        let header = ["variable", "values", "differing", "max abs diff", "max rel diff", "RMS diff"]
        var rows = [header]
        for v in variables {
            if let mismatch = v.mismatch {
                rows.append([v.name, "\(v.valueCount)", "-", mismatch, "", ""])
            } else {
                rows.append([v.name, "\(v.valueCount)", "\(v.differingCount)", short(v.maximumAbsoluteDifference),
                             short(v.maximumRelativeDifference), short(v.rmsDifference)])
            }
        }
        let widths = header.indices.map { c in rows.map { $0[c].count }.max()! }
        for row in rows {
            lines.append(row.enumerated().map { c, cell in cell + String(repeating: " ", count: widths[c] - cell.count) }
                .joined(separator: "  ").trimmingTrailingSpaces())
        }
        for name in onlyInFirst { lines.append("only in the first file: \(name)") }
        for name in onlyInSecond { lines.append("only in the second file: \(name)") }
        let different = variables.filter { !$0.isIdentical }.count + onlyInFirst.count + onlyInSecond.count
        lines.append(isIdentical ? "\(variables.count) variables compared: all identical"
                                 : "\(variables.count) variables compared: \(different) differ")
        return lines.joined(separator: "\n")
    }
}

/// A number in a short form for tables (`0`, `1.5e-13`, `0.25`).
private func short(_ value: Double) -> String {
    if value == 0 { return "0" }
    if value.isInfinite { return "inf" }
    let magnitude = abs(value)
    if magnitude >= 1e-3 && magnitude < 1e6 {
        return "\((value * 1e6).rounded() / 1e6)"
    }
    var exponent = 0
    var mantissa = magnitude
    while mantissa >= 10 { mantissa /= 10; exponent += 1 }
    while mantissa < 1 { mantissa *= 10; exponent -= 1 }
    return (value < 0 ? "-" : "") + "\((mantissa * 100).rounded() / 100)e\(exponent)"
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = Substring(self)
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
