/// Makes malformed variants of real text files (namelists, resource files) for the fuzz tests,
/// as bytes, the way a file arrives from disk: a real text with a few mutations stacked up
/// (flipped bits, random bytes, inserted syntax characters and tokens, deleted ranges,
/// truncation, duplicated, dropped and swapped lines, lines holding one token or statement of
/// the vocabulary, the value after an `=` or `:` replaced by a token, very long tokens, bytes that are not UTF-8, pieces spliced in from another
/// text), or a soup of tokens with no structure at all.
///
/// Every input comes with a recipe saying how it was made, for failure messages.
public struct TextMutator: Sendable {
    /// The real texts mutations start from, with their names.
    private let seeds: [(name: String, bytes: [UInt8])]
    /// Tokens that mean something in the format: inserted by mutations, strung together in soups.
    private let vocabulary: [String]

    /// Byte sequences that are not valid UTF-8: a lone continuation byte, a truncated
    /// two- and three-byte sequence, an overlong encoding, an encoded surrogate, bytes
    /// never used, and a NUL.
    private static let invalidUTF8: [[UInt8]] = [[0x80], [0xC3], [0xE2, 0x82], [0xC0, 0xAF], [0xED, 0xA0, 0x80],
                                                [0xFF], [0xFE, 0xFF], [0x00]]

    /// A mutator of `seeds` (name and text) that inserts and strings together `vocabulary`.
    public init(seeds: [(name: String, text: String)], vocabulary: [String]) {
        precondition(!seeds.isEmpty && !vocabulary.isEmpty, "texts to start from and tokens to insert")
        self.seeds = seeds.map { ($0.name, Array($0.text.utf8)) }
        self.vocabulary = vocabulary
    }

    /// A real text with 1 to `maximumMutations` mutations.
    public func mutated(_ random: inout FuzzRandom, maximumMutations: Int = 6) -> (bytes: [UInt8], recipe: String) {
        let seed = random.pick(seeds)
        var bytes = seed.bytes
        var steps = [String]()
        for _ in 0 ..< random.inRange(1 ... maximumMutations) {
            steps.append(mutate(&bytes, &random))
        }
        return (bytes, "\(seed.name) with " + steps.joined(separator: ", "))
    }

    /// A real text with the values after 1 to `maximumChanges` random `=` or `:` replaced by
    /// tokens of the vocabulary: the syntax stays whole, so the input reaches the checks of
    /// what the values mean.
    public func revalued(_ random: inout FuzzRandom, maximumChanges: Int = 4) -> (bytes: [UInt8], recipe: String) {
        let seed = random.pick(seeds)
        var bytes = seed.bytes
        let steps = (0 ..< random.inRange(1 ... maximumChanges)).map { _ in replaceValue(&bytes, &random) }
        return (bytes, "\(seed.name) with " + steps.joined(separator: ", "))
    }

    /// 1 to `maximumTokens` tokens of the vocabulary, separated by blanks, line ends, commas or nothing.
    public func soup(_ random: inout FuzzRandom, maximumTokens: Int = 200) -> (bytes: [UInt8], recipe: String) {
        let separators = [" ", " ", "\n", "", ",", "\t", "\r\n"]
        var text = ""
        let count = random.inRange(1 ... maximumTokens)
        for _ in 0 ..< count {
            text += random.pick(vocabulary) + random.pick(separators)
        }
        return (Array(text.utf8), "a soup of \(count) tokens")
    }

    /// Applies one random mutation to `bytes` and says what it was.
    private func mutate(_ bytes: inout [UInt8], _ random: inout FuzzRandom) -> String {
        let position = random.below(bytes.count + 1)
        switch random.below(14) {
        case 0 where !bytes.isEmpty:
            let at = min(position, bytes.count - 1), bit = random.below(8)
            bytes[at] ^= 1 << bit
            return "bit \(bit) of byte \(at) flipped"
        case 1 where !bytes.isEmpty:
            let at = min(position, bytes.count - 1), value = UInt8(random.below(256))
            bytes[at] = value
            return "byte \(at) set to \(value)"
        case 2, 3:
            let token = random.pick(vocabulary)
            bytes.insert(contentsOf: Array(token.utf8), at: position)
            return "\(token.debugDescription) inserted at \(position)"
        case 4 where !bytes.isEmpty:
            let end = min(bytes.count, position + random.inRange(1 ... 40))
            let start = min(position, end)
            bytes.removeSubrange(start ..< end)
            return "bytes \(start)..<\(end) deleted"
        case 5:
            bytes.removeSubrange(position...)
            return "truncated to \(position) bytes"
        case 6:
            var lines = Self.lines(bytes)
            let line = lines[random.below(lines.count)]
            lines.insert(line, at: random.below(lines.count + 1))
            bytes = Array(lines.joined(separator: [UInt8(ascii: "\n")]))
            return "a line duplicated"
        case 7:
            var lines = Self.lines(bytes)
            let a = random.below(lines.count), b = random.below(lines.count)
            if random.percent(50) {
                lines.swapAt(a, b)
                bytes = Array(lines.joined(separator: [UInt8(ascii: "\n")]))
                return "lines \(a + 1) and \(b + 1) swapped"
            }
            lines.remove(at: a)
            bytes = Array(lines.joined(separator: [UInt8(ascii: "\n")]))
            return "line \(a + 1) deleted"
        case 8:
            let unit = random.pick(["a", "9", "'", "x_", "1.", " ", "*", "&", "é"])
            let count = random.inRange(100 ... 3000)
            bytes.insert(contentsOf: Array(String(repeating: unit, count: count).utf8), at: position)
            return "\(count) × \(unit.debugDescription) inserted at \(position)"
        case 9:
            let sequence = random.pick(Self.invalidUTF8)
            bytes.insert(contentsOf: sequence, at: position)
            return "invalid UTF-8 \(sequence) inserted at \(position)"
        case 10:
            var lines = Self.lines(bytes)
            let token = random.pick(vocabulary), at = random.below(lines.count + 1)
            lines.insert(Array("  \(token)".utf8), at: at)
            bytes = Array(lines.joined(separator: [UInt8(ascii: "\n")]))
            return "line \(at + 1) \(token.debugDescription) inserted"
        case 11:
            return replaceValue(&bytes, &random)
        case 12:
            let other = random.pick(seeds).bytes
            let start = random.below(other.count + 1)
            let end = min(other.count, start + random.inRange(1 ... 200))
            bytes.insert(contentsOf: other[start ..< end], at: position)
            return "\(end - start) bytes of another text spliced in at \(position)"
        default:
            let end = min(bytes.count, position + random.inRange(1 ... 30))
            for i in position ..< end {
                bytes[i] = bytes[i].isLowercaseASCII ? bytes[i] - 32 : bytes[i]
            }
            return "bytes \(position)..<\(end) upper-cased"
        }
    }

    /// Replaces the value after a random `=` or `:` (up to a blank, comma, slash or comment)
    /// with a token of the vocabulary, and says where.
    private func replaceValue(_ bytes: inout [UInt8], _ random: inout FuzzRandom) -> String {
        let marks = bytes.indices.filter { bytes[$0] == UInt8(ascii: "=") || bytes[$0] == UInt8(ascii: ":") }
        guard !marks.isEmpty else { return "no value to replace" }
        var start = random.pick(marks) + 1
        while start < bytes.count, bytes[start] == UInt8(ascii: " ") { start += 1 }
        var end = start
        while end < bytes.count, !Self.endsValue(bytes[end]) { end += 1 }
        let token = random.pick(vocabulary)
        bytes.replaceSubrange(start ..< end, with: Array(token.utf8))
        return "the value at \(start) replaced by \(token.debugDescription)"
    }

    /// Whether `byte` ends an unquoted value: a blank, a line end, a comma, a slash or a comment.
    private static func endsValue(_ byte: UInt8) -> Bool {
        " \t\r\n,/!#".utf8.contains(byte)
    }

    /// The lines of `bytes` (at least one), split at `\n`.
    private static func lines(_ bytes: [UInt8]) -> [[UInt8]] {
        bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
    }
}

private extension UInt8 {
    var isLowercaseASCII: Bool { (UInt8(ascii: "a") ... UInt8(ascii: "z")).contains(self) }
}
