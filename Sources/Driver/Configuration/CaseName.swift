/// The rule a case name (`case_name` in `&seq_infodata_inparm`) must follow.
///
/// Every file a run writes into its run directory is named from the case name
/// (`CASE.cpl.hi.DATE.nc`, `CASE.atm.r.DATE.nc`, ..., see `RunFileNames`), so a case name must be
/// one harmless file-name part: ASCII letters, digits, `.`, `_` and `-` only (no `/`, which
/// would put the files in another folder, no blanks or shell characters), not starting with `.`
/// (the files would be hidden, and `..` climbs out of the run directory), and at most
/// `maximumLength` characters: the files are written through MPI-IO, and Open MPI 4.1 aborts
/// every rank on paths longer than about 235 bytes (see `ParallelDataset.maximumPathLength`).
/// CESM's case names follow the same rule.
public enum CaseName {
    /// The longest case name accepted: with the longest name pattern (`CASE.cpl.hi.` and a date,
    /// 39 more bytes) it leaves about 100 bytes of `ParallelDataset.maximumPathLength` for the
    /// run directory.
    public static let maximumLength = 80

    /// The characters allowed besides ASCII letters and digits.
    public static let punctuation: Set<Character> = [".", "_", "-"]

    /// What is wrong with `name` as a case name, phrased to follow the key
    /// (`'case_name' in &seq_infodata_inparm must not be empty`), or `nil` if it is fine.
    public static func problem(with name: String) -> String? {
        guard !name.isEmpty else { return "must not be empty: the run's file names start with it" }
        let allowed = "ASCII letters, digits, '.', '_' and '-'"
        for (offset, character) in name.enumerated() where !isAllowed(character) {
            return "may hold only \(allowed), since file names are built from it: \(describe(character)) "
                + "(character \(offset + 1)) is not allowed"
        }
        if name.hasPrefix(".") {
            return "must not start with '.': the run's files would be hidden"
        }
        if name.count > maximumLength {
            return "must be at most \(maximumLength) characters long, since file names are built from it and MPI-IO "
                + "(Open MPI) aborts on long paths; it has \(name.count)"
        }
        return nil
    }

    private static func isAllowed(_ character: Character) -> Bool {
        guard character.isASCII else { return false }
        return character.isLetter || character.isNumber || punctuation.contains(character)
    }

    /// `'/'`, `a space`, or `U+0009` for a character that does not print.
    private static func describe(_ character: Character) -> String {
        if character == " " { return "a space" }
        if let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1,
           scalar.properties.generalCategory == .control || scalar.properties.isWhitespace {
            return "U+" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4)
        }
        return "'\(character)'"
    }
}

private extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
