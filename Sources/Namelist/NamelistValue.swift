/// One value read from a namelist, before anyone has said what type it should have.
public enum NamelistValue: Sendable, Hashable, CustomStringConvertible {
    /// A whole number such as `42`, `-3` or `+7`.
    case integer(Int64)
    /// A real number such as `1.0`, `1.0e-2`, `1.d0` or `.5`.
    case real(Double)
    /// A logical such as `.true.`, `.f.` or `T`.
    case logical(Bool)
    /// A quoted character string, with doubled quotes already undone.
    case string(String)
    /// An empty value, as between two commas in `1, , 3`: the setting keeps its default.
    case null

    /// The value written the way a user would write it in a namelist:
    /// `42`, `0.01`, `.true.`, `'it''s'`; a null value is written as nothing.
    public var description: String {
        switch self {
        case .integer(let value):
            String(value)
        case .real(let value):
            String(value)
        case .logical(let value):
            value ? ".true." : ".false."
        case .string(let text):
            "'" + text.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "''") + "'"
        case .null:
            ""
        }
    }

    /// The value with its kind, for messages: "the integer 4", "the string 'four'".
    var phrase: String {
        switch self {
        case .integer:
            "the integer \(description)"
        case .real:
            "the real number \(description)"
        case .logical:
            "the logical \(description)"
        case .string:
            "the string \(description)"
        case .null:
            "no value"
        }
    }
}
