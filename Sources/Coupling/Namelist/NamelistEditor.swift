/// Changes a namelist's text the way a person would: one value of one key, or one whole group,
/// leaving every other line (comments included) as it is. The system tests and the load
/// balancer use it to make variants of a user's namelist.
public struct NamelistEditor: Sendable {
    /// The namelist text, as edited so far.
    public private(set) var text: String
    /// The file name used in error messages.
    public let file: String

    public init(text: String, file: String) {
        self.text = text
        self.file = file
    }

    /// Sets `key` in group `group` to `value` (written as Fortran namelist text, e.g. `4`, `'ndays'`,
    /// `.true.`): replaces the value where the key is assigned, or adds the assignment to the
    /// group, or adds the group.
    public mutating func set(_ key: String, to value: String, in group: String) throws(DiagnosticList) {
        let document = try NamelistDocument.parse(text, file: file)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0) }
        guard let g = document.group(named: group) else {
            text += (text.hasSuffix("\n") || text.isEmpty ? "" : "\n") + "&\(group)\n  \(key) = \(value)\n/\n"
            return
        }
        if let assignment = g.assignments(to: key).last(where: { !$0.isIndexed }), let last = assignment.valueLocations.last,
           last.line == assignment.location.line {
            let row = assignment.location.line - 1
            let line = lines[row]
            let start = assignment.location.column - 1
            let end = Self.endOfValue(in: line, from: last.column - 1)
            lines[row] = Array(line[..<start]) + Array("\(key) = \(value)") + Array(line[end...])
        } else if let slash = Self.closingSlash(in: String(lines[g.location.line - 1])) {
            // A group on one line (`&group a = 1 /`): the assignment goes before its `/`.
            let row = g.location.line - 1
            var before = Array(lines[row][..<slash])
            while before.last == " " || before.last == "\t" { before.removeLast() }
            let separator = g.assignments.isEmpty ? " " : ", "
            lines[row] = before + Array("\(separator)\(key) = \(value) ") + Array(lines[row][slash...])
        } else {
            lines.insert(Array("  \(key) = \(value)"), at: g.location.line)
        }
        text = lines.map { String($0) }.joined(separator: "\n")
    }

    /// Replaces the whole group `name` (from its opener to its closing `/`) with `replacement`,
    /// or adds `replacement` when the namelist has no such group.
    public mutating func replaceGroup(_ name: String, with replacement: String) throws(DiagnosticList) {
        let document = try NamelistDocument.parse(text, file: file)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let g = document.group(named: name) else {
            text += (text.hasSuffix("\n") || text.isEmpty ? "" : "\n") + replacement + "\n"
            return
        }
        let first = g.location.line - 1
        var last = max(first, (g.assignments.map(\.location.line).max() ?? g.location.line) - 1)
        while last < lines.count - 1 && !Self.closesGroup(lines[last]) { last += 1 }
        lines.replaceSubrange(first ... last, with: [replacement])
        text = lines.joined(separator: "\n")
    }

    /// The index just past the value token starting at `start`: a quoted string (doubled quotes
    /// kept inside) or a run up to a comma, blank, slash or comment.
    private static func endOfValue(in line: [Character], from start: Int) -> Int {
        guard start < line.count else { return line.count }
        if line[start] == "'" || line[start] == "\"" {
            let quote = line[start]
            var i = start + 1
            while i < line.count {
                if line[i] == quote {
                    if i + 1 < line.count && line[i + 1] == quote { i += 2; continue }
                    return i + 1
                }
                i += 1
            }
            return line.count
        }
        var i = start
        while i < line.count && ![",", " ", "\t", "/", "!"].contains(line[i]) { i += 1 }
        return i
    }

    /// Whether a line ends a group: a `/` (or `&end`, `$end`) outside strings and comments.
    private static func closesGroup(_ line: String) -> Bool {
        if closingSlash(in: line) != nil { return true }
        let lowered = code(of: line).lowercased()
        return lowered.contains("&end") || lowered.contains("$end")
    }

    /// The character index of the line's `/` outside strings and comments, if any.
    private static func closingSlash(in line: String) -> Int? {
        var quote: Character? = nil
        for (i, c) in line.enumerated() {
            if let q = quote {
                if c == q { quote = nil }
            } else if c == "'" || c == "\"" {
                quote = c
            } else if c == "!" {
                return nil
            } else if c == "/" {
                return i
            }
        }
        return nil
    }

    /// The line without its strings and comment.
    private static func code(of line: String) -> String {
        var quote: Character? = nil
        var code = ""
        for c in line {
            if let q = quote {
                if c == q { quote = nil }
            } else if c == "'" || c == "\"" {
                quote = c
            } else if c == "!" {
                break
            } else {
                code.append(c)
            }
        }
        return code
    }
}
