/// Reads one unquoted namelist value: an integer, a real number or a logical.
enum NamelistLiteral {
    /// Why a word is not a valid value, as a message for the user.
    struct Problem: Error {
        /// The message, naming the offending text.
        let message: String
    }

    /// The value written as `word`, such as `42`, `-1.5d0`, `.true.` or `T`.
    static func value(of word: Substring) -> Result<NamelistValue, Problem> {
        let characters = Array(word)
        guard let first = characters.first else {
            return .failure(Problem(message: "missing value"))
        }
        let startsNumber = FortranName.isDigit(first) || first == "+" || first == "-"
            || (first == "." && characters.count > 1 && FortranName.isDigit(characters[1]))
        if startsNumber {
            return number(word, characters)
        }
        if first == "." || FortranName.isLetter(first) {
            return logical(word, characters)
        }
        return .failure(Problem(message: "invalid value '\(word)'"))
    }

    private static func number(_ word: Substring, _ characters: [Character]) -> Result<NamelistValue, Problem> {
        if isInteger(characters) {
            guard let value = Int64(word) else {
                return .failure(Problem(message: "integer '\(word)' is out of range"))
            }
            return .success(.integer(value))
        }
        if isReal(characters) {
            let normalized = String(characters.map { "dD".contains($0) ? "e" : $0 })
            guard let value = Double(normalized), value.isFinite else {
                return .failure(Problem(message: "real number '\(word)' is out of range"))
            }
            return .success(.real(value))
        }
        let looksReal = characters.contains { ".eEdD".contains($0) }
        return .failure(Problem(message: looksReal ? "invalid real number '\(word)'" : "invalid number '\(word)'"))
    }

    /// Fortran accepts an optional period, then `T` or `F`, then any further letters and periods.
    private static func logical(_ word: Substring, _ characters: [Character]) -> Result<NamelistValue, Problem> {
        let body = characters.first == "." ? characters.dropFirst() : characters[...]
        if let lead = body.first, "tTfF".contains(lead),
           body.allSatisfy({ FortranName.isLetter($0) || $0 == "." }) {
            return .success(.logical(lead == "t" || lead == "T"))
        }
        if characters.first == "." {
            return .failure(Problem(message: "invalid logical value '\(word)'; expected .true. or .false."))
        }
        return .failure(Problem(message: "invalid value '\(word)'; strings must be quoted"))
    }

    /// An optional sign followed by digits.
    private static func isInteger(_ characters: [Character]) -> Bool {
        var scanner = DigitScanner(characters)
        scanner.skipSign()
        return scanner.skipDigits() > 0 && scanner.isAtEnd
    }

    /// An optional sign, a mantissa with digits on at least one side of an optional
    /// period, and an optional exponent marked `e` or `d`; a period or an exponent is required.
    private static func isReal(_ characters: [Character]) -> Bool {
        var scanner = DigitScanner(characters)
        scanner.skipSign()
        var mantissaDigits = scanner.skipDigits()
        let hasPeriod = scanner.skip(oneOf: ".")
        if hasPeriod {
            mantissaDigits += scanner.skipDigits()
        }
        guard mantissaDigits > 0 else { return false }
        let hasExponent = scanner.skip(oneOf: "eEdD")
        if hasExponent {
            scanner.skipSign()
            guard scanner.skipDigits() > 0 else { return false }
        }
        return scanner.isAtEnd && (hasPeriod || hasExponent)
    }

    /// Walks through the characters of a number.
    private struct DigitScanner {
        private let characters: [Character]
        private var position = 0

        init(_ characters: [Character]) {
            self.characters = characters
        }

        var isAtEnd: Bool { position == characters.count }

        /// Skips one character if it is one of `set`; returns whether it did.
        mutating func skip(oneOf set: String) -> Bool {
            guard position < characters.count, set.contains(characters[position]) else { return false }
            position += 1
            return true
        }

        mutating func skipSign() {
            _ = skip(oneOf: "+-")
        }

        /// Skips digits; returns how many.
        mutating func skipDigits() -> Int {
            let start = position
            while position < characters.count, FortranName.isDigit(characters[position]) {
                position += 1
            }
            return position - start
        }
    }
}
