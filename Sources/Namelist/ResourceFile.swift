/// A resource file such as CESM's `seq_maps.rc`, which names the mapping files between components:
///
///     # atmosphere to ocean, flux mapping
///     atm2ocn_fmapname: 'cpl/gridmaps/map_fv0.9x1.25_TO_gx1v7_aave.nc'
///     atm2ocn_fmaptype: "X"
///
/// Each line is blank, a comment (starting with `#` or `!`) or `name: value`. A value may be
/// quoted with `'` or `"`; an unquoted value ends at a `#` or `!` comment. Names ignore case.
public struct ResourceFile: Sendable {
    /// The file name used in locations and messages.
    public let file: String
    /// The entries in file order; no two have the same key.
    public let entries: [ResourceEntry]

    /// Parses resource text; `file` is used in locations.
    ///
    /// - Throws: `DiagnosticList` with every problem found: lines without `:`, bad names,
    ///   missing values, unterminated quotes and keys set twice.
    public static func parse(_ text: String, file: String) throws(DiagnosticList) -> ResourceFile {
        var entries: [ResourceEntry] = []
        var diagnostics: [Diagnostic] = []
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        for (offset, line) in lines.enumerated() {
            let parsed = parseLine(Array(line), number: offset + 1, file: file)
            switch parsed {
            case .success(let entry?):
                if let first = entries.first(where: { $0.key == entry.key }) {
                    diagnostics.append(Diagnostic("'\(entry.key)' is set more than once; first set at \(first.location)",
                                                  at: entry.location))
                } else {
                    entries.append(entry)
                }
            case .success(nil):
                continue
            case .failure(let diagnostic):
                diagnostics.append(diagnostic)
            }
        }
        if !diagnostics.isEmpty {
            throw DiagnosticList(diagnostics)
        }
        return ResourceFile(file: file, entries: entries)
    }

    /// The value for `key` (compared case-insensitively), or `nil` if the file does not set it.
    public func value(for key: String) -> String? {
        let key = key.lowercased()
        return entries.first { $0.key == key }?.value
    }

    /// Parses one line: `nil` for a blank or comment line, an entry, or the line's problem.
    private static func parseLine(_ line: [Character], number: Int, file: String) -> Result<ResourceEntry?, Diagnostic> {
        func location(_ index: Int) -> TextLocation {
            TextLocation(file: file, line: number, column: index + 1)
        }
        guard let start = line.firstIndex(where: { !$0.isWhitespace }), !isCommentStart(line[start]) else {
            return .success(nil)
        }
        guard let colon = line[start...].firstIndex(of: ":") else {
            return .failure(Diagnostic("missing ':' in '\(line[start...].trimmingBlanks())'; expected 'name: value'",
                                       at: location(start)))
        }
        let spelledKey = line[start..<colon].trimmingBlanks()
        if spelledKey.isEmpty {
            return .failure(Diagnostic("missing name before ':'", at: location(colon)))
        }
        if let problem = FortranName.problem(in: spelledKey, describedAs: "name") {
            return .failure(Diagnostic(problem.message, at: location(start + problem.offset)))
        }
        let key = spelledKey.lowercased()
        let keyLocation = location(start)
        guard let valueStart = line[(colon + 1)...].firstIndex(where: { !$0.isWhitespace }) else {
            return .failure(Diagnostic("missing value after '\(spelledKey):'", at: location(colon)))
        }
        let quote = line[valueStart]
        guard quote == "'" || quote == "\"" else {
            let end = line[valueStart...].firstIndex(where: isCommentStart) ?? line.count
            let value = line[valueStart..<end].trimmingBlanks()
            if value.isEmpty {
                return .failure(Diagnostic("missing value after '\(spelledKey):'", at: location(colon)))
            }
            return .success(ResourceEntry(key: key, spelledKey: spelledKey, value: value, location: keyLocation))
        }
        guard let closing = line[(valueStart + 1)...].firstIndex(of: quote) else {
            return .failure(Diagnostic("unterminated string: the closing \(quote) is missing", at: location(valueStart)))
        }
        if let extra = line[(closing + 1)...].firstIndex(where: { !$0.isWhitespace }), !isCommentStart(line[extra]) {
            return .failure(Diagnostic("unexpected text after the quoted value of '\(spelledKey)'", at: location(extra)))
        }
        let value = String(line[(valueStart + 1)..<closing])
        return .success(ResourceEntry(key: key, spelledKey: spelledKey, value: value, location: keyLocation))
    }

    private static func isCommentStart(_ character: Character) -> Bool {
        character == "#" || character == "!"
    }
}
