/// What shows that the contents of a file given as a namelist are not text: the signature of a
/// known binary format at its start (netCDF, HDF5 — which netCDF-4 files are —, gzip), or a NUL
/// byte or bytes that are not UTF-8 in its first `scannedCharacters` characters.
///
/// Parsed as a namelist, such a file gives pages of syntax errors about its bytes; this gives one
/// line that says what the file is. It works on the text as `readTextFile` decodes it, where each
/// byte sequence that is not UTF-8 has become U+FFFD (the replacement character).
struct NonTextContents {
    /// Why the contents are not a text namelist, to follow `is not a text namelist: `.
    let reason: String
    /// Where it shows: the start of the file for a signature, else the first binary character.
    let location: TextLocation

    /// How far into the file binary characters are looked for.
    static let scannedCharacters = 4096

    /// The known signatures, as decoded text (`\u{FFFD}` stands for a byte that is not UTF-8),
    /// and what each shows.
    private static let signatures: [(prefix: String, reason: String)] = [
        ("CDF\u{01}", "it starts with the netCDF signature (CDF\\x01: a netCDF classic file)"),
        ("CDF\u{02}", "it starts with the netCDF signature (CDF\\x02: a netCDF 64-bit offset file)"),
        ("CDF\u{05}", "it starts with the netCDF signature (CDF\\x05: a netCDF CDF-5 file)"),
        ("\u{FFFD}HDF\r\n\u{1A}\n", "it starts with the HDF5 signature (\\x89HDF: a netCDF-4 or HDF5 file)"),
        ("\u{1F}\u{FFFD}", "it starts with the gzip signature (\\x1F\\x8B: a compressed file)"),
    ]

    /// What shows that `text` (the contents of `file`) is not text, or `nil` if nothing does.
    init?(text: String, file: String) {
        // Compared scalar by scalar: as Characters, "\r\n" is one and would not match a prefix ending in "\r".
        if let known = Self.signatures.first(where: { text.unicodeScalars.starts(with: $0.prefix.unicodeScalars) }) {
            reason = known.reason
            location = TextLocation(file: file, line: 1, column: 1)
            return
        }
        var line = 1, column = 1
        for character in text.prefix(Self.scannedCharacters) {
            if character.unicodeScalars.contains("\u{0}") {
                reason = "it holds a NUL byte, so it is binary data"
            } else if character.unicodeScalars.contains("\u{FFFD}") {
                reason = "it holds bytes that are not UTF-8 text (binary data, or text in another encoding such as Latin-1)"
            } else {
                if character.isNewline {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
                continue
            }
            location = TextLocation(file: file, line: line, column: column)
            return
        }
        return nil
    }

    /// The diagnostic: `FILE:1:1: error: is not a text namelist: it starts with the netCDF signature ...`.
    var diagnostic: Diagnostic {
        Diagnostic("is not a text namelist: \(reason)", at: location)
    }
}
