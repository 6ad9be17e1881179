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

    /// Parses the whole contents of a namelist file, as `parse(_:file:)` does, but first refuses
    /// contents that are not text with one diagnostic saying what the file is
    /// (`drv_in:1:1: error: is not a text namelist: it starts with the netCDF signature ...`), and
    /// refuses a file without any group — empty, or only blanks and comments — since every
    /// setting would silently take its default
    /// (`drv_in:1:1: error: holds no namelist groups (&group ... /)`).
    ///
    /// - Throws: `DiagnosticList` with those problems or every syntax problem found.
    public static func parseFile(_ text: String, file: String) throws(DiagnosticList) -> NamelistDocument {
        if let contents = NonTextContents(text: text, file: file) {
            throw DiagnosticList([contents.diagnostic])
        }
        let document = try parse(text, file: file)
        guard !document.groups.isEmpty else {
            throw DiagnosticList([Diagnostic("holds no namelist groups (&group ... /)" + (text.isEmpty ? ": the file is empty" : ""),
                                             at: TextLocation(file: file, line: 1, column: 1))])
        }
        return document
    }

    /// The group called `name` (compared case-insensitively), or `nil` if the file has none.
    public func group(named name: String) -> NamelistGroup? {
        let name = name.lowercased()
        return groups.first { $0.name == name }
    }

    /// Where `key` of group `group` is first set, or `nil` when the namelist does not set it.
    public func location(of key: String, in group: String) -> TextLocation? {
        self.group(named: group)?.assignments(to: key).first?.location
    }
}
