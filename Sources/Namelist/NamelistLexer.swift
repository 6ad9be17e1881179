/// Splits namelist text into tokens, keeping track of line and column.
///
/// Inside a group the parser asks for whole tokens with `nextToken`; between
/// groups it moves with `skipBlanksAndComments` and `skipRestOfLine`,
/// because text there is not namelist syntax.
struct NamelistLexer {
    private let characters: [Character]
    private let file: String
    private var position = 0
    private var line = 1
    private var column = 1

    /// Creates a lexer at the start of `text`; `file` names it in locations.
    init(text: String, file: String) {
        characters = Array(text)
        self.file = file
    }

    /// Where the next character is.
    var location: TextLocation { TextLocation(file: file, line: line, column: column) }

    /// The next character, or `nil` at the end of the text.
    var current: Character? { position < characters.count ? characters[position] : nil }

    /// Skips blanks, line ends and `!` comments; returns whether anything was skipped.
    @discardableResult
    mutating func skipBlanksAndComments() -> Bool {
        var skipped = false
        while let character = current {
            if character.isWhitespace {
                advance()
            } else if character == "!" {
                skipRestOfLine()
            } else {
                break
            }
            skipped = true
        }
        return skipped
    }

    /// Skips to the end of the current line (leaving the line end) and returns what was skipped.
    @discardableResult
    mutating func skipRestOfLine() -> String {
        var text = ""
        while let character = current, !character.isNewline {
            text.append(character)
            advance()
        }
        return text
    }

    /// Reads the next token, skipping blanks, line ends and comments before it.
    /// An unterminated string is reported to `diagnostics` and returned as far as it goes.
    mutating func nextToken(diagnostics: inout [Diagnostic]) -> NamelistToken {
        let isAttached = !skipBlanksAndComments()
        let start = location
        let startPosition = position
        guard let character = current else {
            return NamelistToken(kind: .endOfFile, text: "", location: start, isAttached: isAttached)
        }
        let kind: NamelistToken.Kind
        switch character {
        case ",":
            advance()
            kind = .comma
        case "=":
            advance()
            kind = .equals
        case "(":
            advance()
            kind = .openParenthesis
        case ")":
            advance()
            kind = .closeParenthesis
        case "/":
            advance()
            kind = .groupTerminator
        case "'", "\"":
            kind = .string(readString(quote: character, diagnostics: &diagnostics))
        case "&", "$":
            advance()
            let name = readWord()
            kind = name.lowercased() == "end" ? .groupTerminator : .groupOpener(name: name)
        default:
            kind = .word(readWord())
        }
        let text = String(characters[startPosition..<position])
        return NamelistToken(kind: kind, text: text, location: start, isAttached: isAttached)
    }

    /// Reads a quoted string starting at its opening quote; a doubled quote stands for one quote.
    private mutating func readString(quote: Character, diagnostics: inout [Diagnostic]) -> String {
        let start = location
        advance()
        var text = ""
        while true {
            guard let character = current, !character.isNewline else {
                diagnostics.append(Diagnostic(
                    "unterminated string: the closing \(quote) is missing; a string must end on the line where it starts",
                    at: start))
                return text
            }
            advance()
            if character == quote {
                guard current == quote else { return text }
                advance()
            }
            text.append(character)
        }
    }

    /// Reads characters up to the next blank, line end or namelist punctuation.
    private mutating func readWord() -> String {
        var word = ""
        while let character = current, !Self.endsWord(character) {
            word.append(character)
            advance()
        }
        return word
    }

    private static func endsWord(_ character: Character) -> Bool {
        character.isWhitespace || ",=/()!'\"".contains(character)
    }

    private mutating func advance() {
        if characters[position].isNewline {
            line += 1
            column = 1
        } else {
            column += 1
        }
        position += 1
    }
}
