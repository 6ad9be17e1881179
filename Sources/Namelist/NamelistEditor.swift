/// Changes a namelist's text the way a person would: one value of one key, or one whole group,
/// leaving every other line (comments included) as it is. The system tests and the load
/// balancer use it to make variants of a user's namelist.
public struct NamelistEditor: Sendable {
    /// The namelist text, as edited so far.
    public private(set) var text: String
    /// The file name used in error messages.
    public let file: String

    /// An editor for namelist `text`, named `file` in error messages.
    public init(text: String, file: String) {
        self.text = text
        self.file = file
    }

    /// Sets `key` in group `group` to `value` (written as Fortran namelist text, e.g. `4`, `'ndays'`,
    /// `.true.`): replaces the value where the key is assigned, or adds the assignment to the
    /// group, or adds the group.
    public mutating func set(_ key: String, to value: String, in group: String) throws(DiagnosticList) {
        let document = try NamelistDocument.parse(text, file: file)
        guard let g = document.group(named: group) else {
            text += (text.last?.isNewline == true || text.isEmpty ? "" : "\n") + "&\(group)\n  \(key) = \(value)\n/\n"
            return
        }
        var lines = Self.lines(of: text)
        if let assignment = g.assignments(to: key).last(where: { !$0.isIndexed }), let last = assignment.valueLocations.last {
            // From the key to the end of its last value, which may be on a later line (`x = 1,\n 2`).
            let row = assignment.location.line - 1, lastRow = last.line - 1
            let start = assignment.location.column - 1
            let end = Self.endOfValue(in: lines[lastRow].content, from: last.column - 1)
            lines[row].content = Array(lines[row].content[..<start]) + Array("\(key) = \(value)") + Array(lines[lastRow].content[end...])
            lines[row].end = lines[lastRow].end
            lines.removeSubrange(row + 1 ..< lastRow + 1)
        } else {
            let row = g.location.line - 1
            let line = lines[row].content
            let afterOpener = g.location.column + g.spelledName.count
            let rest = line[afterOpener...].drop { $0.isWhitespace }
            if let slash = Self.closingSlash(in: line), slash >= afterOpener {
                // A group on one line (`&g a = 1 /`): the assignment goes before its `/`.
                var before = Array(line[..<slash])
                while before.last == " " || before.last == "\t" { before.removeLast() }
                let separator = g.assignments.isEmpty ? " " : ", "
                lines[row].content = before + Array("\(separator)\(key) = \(value) ") + Array(line[slash...])
            } else if rest.isEmpty || rest.first == "!" {
                let end = lines[row].end.isEmpty ? "\n" : lines[row].end
                lines[row].end = end
                lines.insert(Line(content: Array("  \(key) = \(value)"), end: row + 1 == lines.count ? "" : end), at: row + 1)
            } else {
                // The group goes on after its opener and ends on a later line: the key goes after the opener.
                lines[row].content = Array(line[..<afterOpener]) + Array(" \(key) = \(value)") + Array(line[afterOpener...])
            }
        }
        text = Self.text(of: lines)
    }

    /// Replaces the whole group `name` (from its opener to its closing `/`) with `replacement`,
    /// or adds `replacement` when the namelist has no such group.
    public mutating func replaceGroup(_ name: String, with replacement: String) throws(DiagnosticList) {
        let document = try NamelistDocument.parse(text, file: file)
        guard let g = document.group(named: name) else {
            text += (text.last?.isNewline == true || text.isEmpty ? "" : "\n") + replacement + "\n"
            return
        }
        var lines = Self.lines(of: text)
        let first = g.location.line - 1
        var last = max(first, (g.assignments.map(\.location.line).max() ?? g.location.line) - 1)
        while last < lines.count - 1 && !Self.closesGroup(lines[last].content) { last += 1 }
        lines.replaceSubrange(first ... last, with: [Line(content: Array(replacement), end: lines[last].end)])
        text = Self.text(of: lines)
    }

    /// One line of the text and the line end after it (empty for the last line).
    private struct Line {
        var content: [Character]
        var end: String
    }

    /// The lines of `text` as the parser counts them: a line ends at every line-end character
    /// (`\n`, `\r\n`, `\r` and the others Unicode has), so line numbers and columns of
    /// locations index these lines, and joining them gives the text back unchanged.
    private static func lines(of text: String) -> [Line] {
        var lines = [Line]()
        var content = [Character]()
        for character in text {
            if character.isNewline {
                lines.append(Line(content: content, end: String(character)))
                content = []
            } else {
                content.append(character)
            }
        }
        lines.append(Line(content: content, end: ""))
        return lines
    }

    private static func text(of lines: [Line]) -> String {
        lines.map { String($0.content) + $0.end }.joined()
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
    private static func closesGroup(_ line: [Character]) -> Bool {
        if closingSlash(in: line) != nil { return true }
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
        let lowered = code.lowercased()
        return lowered.contains("&end") || lowered.contains("$end")
    }

    /// The index of the line's `/` outside strings and comments, if any.
    private static func closingSlash(in line: [Character]) -> Int? {
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
}
