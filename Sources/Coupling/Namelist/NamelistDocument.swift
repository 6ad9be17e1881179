/// A parsed Fortran namelist file, such as CESM's `drv_in`: its groups in file order.
public struct NamelistDocument: Sendable {
    /// The file name used in locations and messages.
    public let file: String
    /// The groups in the order they appear; no two have the same name.
    public let groups: [NamelistGroup]

    /// Parses namelist text; `file` is used in locations.
    ///
    /// Accepts `&name ... /` groups (also `$name` openers and `&end` / `$end`
    /// terminators), `!` comments, integers, reals, logicals, quoted strings,
    /// repeat counts (`3*0`), null values and indexed keys (`x(2) = 5`).
    ///
    /// - Throws: `DiagnosticList` with every syntax problem found, not just the first.
    public static func parse(_ text: String, file: String) throws(DiagnosticList) -> NamelistDocument {
        var parser = NamelistParser(text: text, file: file)
        let result = parser.parse()
        if !result.diagnostics.isEmpty {
            throw DiagnosticList(result.diagnostics)
        }
        return NamelistDocument(file: file, groups: result.groups)
    }

    /// The group called `name` (compared case-insensitively), or `nil` if the file has none.
    public func group(named name: String) -> NamelistGroup? {
        let name = name.lowercased()
        return groups.first { $0.name == name }
    }
}
