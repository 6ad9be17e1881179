/// Turns namelist text into groups, collecting every syntax problem it can find.
///
/// After a problem the parser skips to the next `key =` (or the end of the group)
/// and carries on, so one run reports as much as possible.
struct NamelistParser {
    /// The largest repeat count accepted, so `999999999*0` cannot exhaust memory.
    static let maximumRepeatCount = 1_000_000

    private var lexer: NamelistLexer
    private var lookahead: [NamelistToken] = []
    private var diagnostics: [Diagnostic] = []
    private var groups: [NamelistGroup] = []

    /// Creates a parser for `text`; `file` names it in locations.
    init(text: String, file: String) {
        lexer = NamelistLexer(text: text, file: file)
    }

    /// Parses the whole text; the diagnostics are sorted by location.
    mutating func parse() -> (groups: [NamelistGroup], diagnostics: [Diagnostic]) {
        var opener = nextOpenerOutsideGroups()
        while let token = opener {
            opener = parseGroup(openedBy: token) ?? nextOpenerOutsideGroups()
        }
        let sorted = diagnostics.enumerated().sorted { lhs, rhs in
            let left = lhs.element.location, right = rhs.element.location
            return (left?.line ?? 0, left?.column ?? 0, lhs.offset) < (right?.line ?? 0, right?.column ?? 0, rhs.offset)
        }
        return (groups, sorted.map(\.element))
    }

    // MARK: Between groups

    /// Finds the next group opener, reporting any text that is neither blank nor a comment.
    private mutating func nextOpenerOutsideGroups() -> NamelistToken? {
        while true {
            lexer.skipBlanksAndComments()
            guard let character = lexer.current else { return nil }
            let start = lexer.location
            var text = ""
            if character == "&" || character == "$" {
                let token = lexer.nextToken(diagnostics: &diagnostics)
                if case .groupOpener = token.kind {
                    return token
                }
                text = token.text
            }
            text += lexer.skipRestOfLine()
            report("text outside any group: '\(text.trimmingBlanks())'", at: start)
        }
    }

    // MARK: Groups

    /// Parses a group after its opener. Returns the opener of another group if one
    /// starts before this one is closed; that group is then parsed next.
    private mutating func parseGroup(openedBy opener: NamelistToken) -> NamelistToken? {
        guard case .groupOpener(let spelledName) = opener.kind else { return nil }
        let hasValidName = checkGroupName(spelledName, opener: opener)
        var assignments: [NamelistAssignment] = []
        var firstWholeAssignment: [String: TextLocation] = [:]
        var interruptingOpener: NamelistToken?
        parsing: while true {
            let token = peek()
            switch token.kind {
            case .groupTerminator:
                consume()
                break parsing
            case .endOfFile:
                report("group '\(opener.text)' is not terminated: end of file reached before '/'", at: opener.location)
                break parsing
            case .groupOpener:
                consume()
                report("group '\(token.text)' starts inside group '\(opener.text)'; close '\(opener.text)' with '/' first",
                       at: token.location)
                interruptingOpener = token
                break parsing
            case .word where startsAssignment():
                guard let assignment = parseAssignment() else { continue }
                if !assignment.isIndexed {
                    if let first = firstWholeAssignment[assignment.key] {
                        report("'\(assignment.spelledKey)' is set more than once in \(opener.text); first set at \(first)",
                               at: assignment.location)
                        continue
                    }
                    firstWholeAssignment[assignment.key] = assignment.location
                }
                assignments.append(assignment)
            default:
                consume()
                report(Self.strayTokenMessage(token), at: token.location)
                skipToNextAssignment()
            }
        }
        if hasValidName {
            record(NamelistGroup(name: spelledName.lowercased(), spelledName: spelledName,
                                 location: opener.location, assignments: assignments),
                   spelledAs: opener.text)
        }
        return interruptingOpener
    }

    private mutating func checkGroupName(_ name: String, opener: NamelistToken) -> Bool {
        if name.isEmpty {
            report("group opener '\(opener.text)' has no name", at: opener.location)
            return false
        }
        if let problem = FortranName.problem(in: name, describedAs: "group name") {
            report(problem.message, at: opener.location.movedRight(by: 1 + problem.offset))
            return false
        }
        return true
    }

    private mutating func record(_ group: NamelistGroup, spelledAs opener: String) {
        if let first = groups.first(where: { $0.name == group.name }) {
            report("group '\(opener)' appears more than once; first defined at \(first.location)", at: group.location)
        } else {
            groups.append(group)
        }
    }

    /// The message for a token found where a key should be.
    private static func strayTokenMessage(_ token: NamelistToken) -> String {
        switch token.kind {
        case .word(let word) where word.first.map(FortranName.isLetter) == true:
            "missing '=' after key '\(word)'"
        case .word(let word):
            "value '\(word)' has no key; expected 'name = value'"
        case .string:
            "value \(token.text) has no key; expected 'name = value'"
        default:
            "expected a key, found '\(token.text)'"
        }
    }

    // MARK: Assignments

    /// Whether the next tokens are `key =` or `key(`.
    private mutating func startsAssignment() -> Bool {
        guard case .word = peek().kind else { return false }
        let next = peek(1).kind
        return next == .equals || next == .openParenthesis
    }

    /// Skips tokens up to the next `key =`, group terminator, group opener or end of file.
    private mutating func skipToNextAssignment() {
        while true {
            switch peek().kind {
            case .groupTerminator, .groupOpener, .endOfFile:
                return
            default:
                if startsAssignment() { return }
                consume()
            }
        }
    }

    /// Parses `key = values` or `key(n) = values`; returns `nil` after reporting a problem.
    private mutating func parseAssignment() -> NamelistAssignment? {
        let keyToken = consume()
        let spelledKey = keyToken.text
        var isValid = true
        if let problem = FortranName.problem(in: spelledKey, describedAs: "key") {
            report(problem.message, at: keyToken.location.movedRight(by: problem.offset))
            isValid = false
        }
        var startIndex = 1
        var isIndexed = false
        if peek().kind == .openParenthesis {
            consume()
            isIndexed = true
            if let index = parseIndex(of: spelledKey) {
                startIndex = index
            } else {
                isValid = false
            }
            let closing = peek()
            guard closing.kind == .closeParenthesis else {
                report("expected ')' after the index of '\(spelledKey)', found '\(closing.text)'", at: closing.location)
                skipToNextAssignment()
                return nil
            }
            consume()
        }
        let equals = peek()
        guard equals.kind == .equals else {
            report("missing '=' after key '\(spelledKey)'", at: keyToken.location)
            skipToNextAssignment()
            return nil
        }
        consume()
        let (values, locations) = parseValues(after: equals)
        guard isValid else { return nil }
        return NamelistAssignment(key: spelledKey.lowercased(), spelledKey: spelledKey, startIndex: startIndex,
                                  isIndexed: isIndexed, values: values, location: keyToken.location,
                                  valueLocations: locations)
    }

    /// Parses the index in `key(n)`, after the `(`; returns `nil` after reporting a problem.
    private mutating func parseIndex(of key: String) -> Int? {
        let token = peek()
        switch token.kind {
        case .closeParenthesis:
            report("missing index in '\(key)()'", at: token.location)
            return nil
        case .word(let text):
            consume()
            guard let index = Int(text) else {
                report("index of '\(key)' must be an integer, found '\(text)'", at: token.location)
                return nil
            }
            guard index >= 1 else {
                report("index of '\(key)' must be at least 1, found \(text)", at: token.location)
                return nil
            }
            return index
        default:
            consume()
            report("index of '\(key)' must be an integer, found \(token.text)", at: token.location)
            return nil
        }
    }

    // MARK: Values

    /// Parses the values after `=` up to the next key, group end or end of file.
    /// A comma right after `=` or another comma stands for a null value; `x =` with
    /// nothing after it holds one null value. A word on a later line that is a name but
    /// not a value ends the list: it is most likely a key whose `=` is missing.
    private mutating func parseValues(after equals: NamelistToken) -> ([NamelistValue], [TextLocation]) {
        var values: [NamelistValue] = []
        var locations: [TextLocation] = []
        var expectsValue = true
        var line = equals.location.line
        reading: while true {
            let token = peek()
            switch token.kind {
            case .comma:
                consume()
                if expectsValue {
                    values.append(.null)
                    locations.append(token.location)
                }
                expectsValue = true
                line = token.location.line
            case .string(let text):
                consume()
                values.append(.string(text))
                locations.append(token.location)
                expectsValue = false
                line = token.location.line
            case .word(let word) where !startsAssignment():
                if token.location.line > line, Self.isNameButNotValue(word) {
                    break reading
                }
                consume()
                let item = parseItem(word, at: token.location)
                values += item
                locations += repeatElement(token.location, count: item.count)
                expectsValue = false
                line = token.location.line
            default:
                break reading
            }
        }
        if values.isEmpty {
            return ([.null], [equals.location])
        }
        return (values, locations)
    }

    /// Whether `word` is a Fortran name that cannot be read as a value. Such a word
    /// at the start of a line is taken as a key missing its `=`, not as a value.
    private static func isNameButNotValue(_ word: String) -> Bool {
        guard FortranName.problem(in: word, describedAs: "key") == nil,
              case .failure = NamelistLiteral.value(of: word[...])
        else { return false }
        return true
    }

    /// Parses one unquoted item: a value, `n*value`, `n*'string'` or `n*` (n null values).
    /// A bad item is reported and read as one null value so parsing can go on.
    private mutating func parseItem(_ word: String, at location: TextLocation) -> [NamelistValue] {
        guard let star = word.firstIndex(of: "*") else {
            switch NamelistLiteral.value(of: word[...]) {
            case .success(let value):
                return [value]
            case .failure(let problem):
                report(problem.message, at: location)
                return [.null]
            }
        }
        let countText = word[..<star]
        let valueText = word[word.index(after: star)...]
        guard let count = Int(countText) else {
            report("invalid repeat count '\(countText)' in '\(word)'", at: location)
            return [.null]
        }
        guard count >= 1 else {
            report("repeat count must be at least 1, found \(countText) in '\(word)'", at: location)
            return [.null]
        }
        guard count <= Self.maximumRepeatCount else {
            report("repeat count \(count) in '\(word)' is larger than the limit of \(Self.maximumRepeatCount)",
                   at: location)
            return [.null]
        }
        if valueText.isEmpty {
            let next = peek()
            if next.isAttached, case .string(let text) = next.kind {
                consume()
                return Array(repeating: .string(text), count: count)
            }
            return Array(repeating: .null, count: count)
        }
        switch NamelistLiteral.value(of: valueText) {
        case .success(let value):
            return Array(repeating: value, count: count)
        case .failure:
            report("invalid value '\(valueText)' after repeat count in '\(word)'", at: location)
            return [.null]
        }
    }

    // MARK: Tokens

    private mutating func peek(_ offset: Int = 0) -> NamelistToken {
        while lookahead.count <= offset {
            lookahead.append(lexer.nextToken(diagnostics: &diagnostics))
        }
        return lookahead[offset]
    }

    @discardableResult
    private mutating func consume() -> NamelistToken {
        let token = peek()
        lookahead.removeFirst()
        return token
    }

    private mutating func report(_ message: String, at location: TextLocation) {
        diagnostics.append(Diagnostic(message, at: location))
    }
}
