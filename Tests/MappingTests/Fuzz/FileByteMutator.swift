import TestSupport

/// Corrupts the bytes of a file the way disks, transfers and broken writers do: flipped bits
/// and overwritten bytes (mostly in the header, where the structure is), 32-bit big-endian
/// fields set to 0, 1 or the largest values (the counts and lengths of a classic header),
/// zeroed ranges, inserted bytes, and truncation.
enum FileByteMutator {
    /// `bytes` with 1 to 4 stacked corruptions, and what they were.
    static func mutated(_ bytes: [UInt8], _ random: inout FuzzRandom) -> (bytes: [UInt8], recipe: String) {
        var bytes = bytes
        var steps = [String]()
        for _ in 0 ..< random.inRange(1 ... 4) where !bytes.isEmpty {
            let header = min(bytes.count, 2048)
            let at = random.percent(70) ? random.below(header) : random.below(bytes.count)
            switch random.below(7) {
            case 0, 1:
                let bit = random.below(8)
                bytes[at] ^= 1 << bit
                steps.append("bit \(bit) of byte \(at) flipped")
            case 2:
                let value = random.pick([0, 0xFF, 0x7F, 0x80, UInt8(random.below(256))])
                bytes[at] = value
                steps.append("byte \(at) set to \(value)")
            case 3:
                let field = at & ~3
                let value = random.pick([UInt32(0), 1, 0x7FFF_FFFF, 0xFFFF_FFFF, 0x8000_0000, UInt32(random.below(1 << 16))])
                for k in 0 ..< 4 where field + k < bytes.count { bytes[field + k] = UInt8(truncatingIfNeeded: value >> (24 - 8 * k)) }
                steps.append("32-bit field at \(field) set to \(value)")
            case 4:
                let end = min(bytes.count, at + random.inRange(1 ... 64))
                for k in at ..< end { bytes[k] = 0 }
                steps.append("bytes \(at)..<\(end) zeroed")
            case 5:
                let inserted = (0 ..< random.inRange(1 ... 16)).map { _ in UInt8(random.below(256)) }
                bytes.insert(contentsOf: inserted, at: at)
                steps.append("\(inserted.count) random bytes inserted at \(at)")
            default:
                let length = random.percent(50) ? random.below(header) : random.below(bytes.count)
                bytes.removeSubrange(length...)
                steps.append("truncated to \(length) bytes")
            }
        }
        return (bytes, steps.joined(separator: ", "))
    }
}
