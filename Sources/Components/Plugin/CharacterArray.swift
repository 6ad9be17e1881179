/// Fixed-size C character arrays (`char name[N]`, imported as tuples of `CChar`) as Swift
/// strings: the plug-in ABI passes every text in one, so Fortran can mirror it.
enum CharacterArray {
    /// The text in `array` up to its first NUL (or its end, if it has none), as UTF-8.
    static func string<Array>(_ array: Array) -> String {
        withUnsafeBytes(of: array) { bytes in
            String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
        }
    }

    /// Writes `text` into `array`, NUL-terminated and the rest zero; returns false (writing
    /// nothing) when the text and its NUL do not fit.
    static func store<Array>(_ text: String, in array: inout Array) -> Bool {
        let utf8 = Swift.Array(text.utf8)
        return withUnsafeMutableBytes(of: &array) { bytes in
            guard utf8.count < bytes.count else { return false }
            bytes.initializeMemory(as: UInt8.self, repeating: 0)
            bytes.copyBytes(from: utf8)
            return true
        }
    }
}
