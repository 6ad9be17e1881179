/// The rules for Fortran names, used for namelist keys, group names and resource keys:
/// an ASCII letter followed by letters, digits and underscores.
enum FortranName {
    /// The first problem with `name`, and the character offset where it is;
    /// `nil` if the name is valid. `what` names the thing in the message ("key", "group name").
    /// An empty name is left to the caller to report in its own words.
    static func problem(in name: String, describedAs what: String) -> (message: String, offset: Int)? {
        for (offset, character) in name.enumerated() {
            if offset == 0, !isLetter(character) {
                return ("\(what) '\(name)' must start with a letter", 0)
            }
            if !(isLetter(character) || isDigit(character) || character == "_") {
                return ("illegal character '\(character)' in \(what) '\(name)'", offset)
            }
        }
        return nil
    }

    /// Whether `character` is an ASCII letter.
    static func isLetter(_ character: Character) -> Bool {
        character.isASCII && character.isLetter
    }

    /// Whether `character` is an ASCII digit.
    static func isDigit(_ character: Character) -> Bool {
        ("0"..."9").contains(character)
    }
}
