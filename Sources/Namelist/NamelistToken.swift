/// One lexical token of namelist text inside a group.
struct NamelistToken {
    /// What the token is.
    enum Kind: Equatable {
        /// `&name` or `$name`; the name may be empty when a bare `&` is written.
        case groupOpener(name: String)
        /// `/`, `&end` or `$end`.
        case groupTerminator
        /// `=`.
        case equals
        /// `,`.
        case comma
        /// `(`.
        case openParenthesis
        /// `)`.
        case closeParenthesis
        /// A quoted string, with doubled quotes undone.
        case string(String)
        /// A run of other characters: a key, a number, a logical, a repeat count.
        case word(String)
        /// The end of the text.
        case endOfFile
    }

    /// What the token is.
    let kind: Kind
    /// The token exactly as written.
    let text: String
    /// Where the token starts.
    let location: TextLocation
    /// Whether the token follows the previous one with no blank or comment between,
    /// as the string in `2*'a'` follows its repeat count.
    let isAttached: Bool
}
