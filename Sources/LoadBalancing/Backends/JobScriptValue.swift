/// The rules for the values a batch job script holds, so that no value — a queue, an account, a
/// path, a variable of the environment, the job's name — can ever become a command.
///
/// The script's body is bash: there every value is single-quoted (`BatchScript.quote`), which
/// keeps `$(...)`, backticks and quotes literal; a value only has to be free of line breaks and
/// other control characters. Directive lines (`#SBATCH ...`, `#PBS ...`) are read by the batch
/// system itself, which knows no shell quoting, and a line break in a directive would start a
/// line bash runs — so directive values are checked against a small character set instead:
///
/// - a queue (Slurm partition) or account: ASCII letters, digits and `_ . - @ +`, not starting
///   with `-`. Slurm and PBS name partitions, queues and accounts with letters, digits, `_`, `-`
///   and `.`; PBS writes a queue at another server as `queue@server`, and `+` appears in some
///   sites' account names. A Slurm list of partitions (`a,b`) is not accepted.
/// - a path in a directive (the job's output file): no control characters, no `"` or `\`, which
///   would end or escape Slurm's quoted value, no `%`, which Slurm replaces (`%j` is the job id);
///   for PBS, whose `-o PATH` is not quoted, also no blanks or quotes.
/// - extra directives given to a backend: no control characters (they are the caller's own
///   options and are otherwise written as given).
///
/// The job's name is never refused: directives get `BatchScript.safeName(_:)`, comments a copy
/// with control characters replaced.
public enum JobScriptValue {
    /// The characters a queue, partition or account may hold besides ASCII letters and digits.
    public static let namePunctuation: Set<Character> = ["_", ".", "-", "@", "+"]

    /// What is wrong with `value` as a queue, partition or account name, or `nil` if it is fine:
    /// `holds a line break (\n) at character 6; a queue or account may hold only ...`.
    public static func nameProblem(_ value: String) -> String? {
        let allowed = "a queue or account may hold only ASCII letters, digits and "
            + namePunctuation.sorted().map(String.init).joined(separator: " ")
        guard !value.isEmpty else { return "is empty; \(allowed)" }
        for (offset, character) in value.enumerated() {
            let isAllowed = character.isASCII && (character.isLetter || character.isNumber || namePunctuation.contains(character))
            if !isAllowed { return "holds \(describe(character)) at character \(offset + 1); \(allowed)" }
        }
        if value.hasPrefix("-") { return "starts with '-', which the batch system would read as an option" }
        return nil
    }

    /// Throws `invalidJob` naming `option` (`--queue`, `account`) and the bad character if
    /// `value` is not a safe queue or account name.
    public static func checkName(_ value: String, option: String) throws(BackendError) {
        if let problem = nameProblem(value) { throw .invalidJob("\(option) '\(displayed(value))' \(problem)") }
    }

    /// What is wrong with `value` (a path, a variable's value) in a quoted part of the script, or `nil`.
    static func lineProblem(_ value: String) -> String? {
        guard let (offset, character) = value.enumerated().first(where: { isControl($0.element) }) else { return nil }
        return "holds \(describe(character)) at character \(offset + 1); it must be one line without control characters"
    }

    /// What is wrong with `path` in a directive line, or `nil`; `refused` are the characters
    /// this batch system's directive cannot hold besides control characters.
    static func directivePathProblem(_ path: String, refusing refused: Set<Character>) -> String? {
        if let problem = lineProblem(path) { return problem }
        guard let (offset, character) = path.enumerated().first(where: { refused.contains($0.element) }) else { return nil }
        return "holds \(describe(character)) at character \(offset + 1), which a batch directive cannot hold"
    }

    /// Whether `name` can be a variable of the environment in `export NAME=...`: a letter or `_`, then letters, digits, `_`.
    static func isVariableName(_ name: String) -> Bool {
        guard let first = name.first, first.isASCII, first.isLetter || first == "_" else { return false }
        return name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
    }

    /// `text` for a comment line: every control character (a line break would end the comment) replaced by `?`.
    static func commentSafe(_ text: String) -> String {
        String(text.map { isControl($0) ? "?" : $0 })
    }

    /// `value` with control characters written as escapes (`\n`, `\u{1B}`), for messages.
    public static func displayed(_ value: String) -> String {
        value.unicodeScalars.map { scalar in
            switch scalar {
            case "\n": "\\n"
            case "\r": "\\r"
            case "\t": "\\t"
            default: scalar.properties.generalCategory == .control ? "\\u{\(String(scalar.value, radix: 16, uppercase: true))}" : String(scalar)
            }
        }.joined()
    }

    private static func isControl(_ character: Character) -> Bool {
        character.unicodeScalars.contains { $0.properties.generalCategory == .control || $0 == "\u{2028}" || $0 == "\u{2029}" }
    }

    /// `a line break (\n)`, `a space`, `a quote (')`, `'$'`.
    private static func describe(_ character: Character) -> String {
        switch character {
        case "\n", "\r\n": "a line break (\\n)"
        case "\r": "a carriage return (\\r)"
        case " ": "a space"
        case "'": "a quote (')"
        case "\"": "a double quote (\")"
        case "`": "a backquote (`)"
        default: isControl(character) ? "the control character \(displayed(String(character)))" : "'\(character)'"
        }
    }
}
