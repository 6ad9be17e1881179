import Foundation

/// Paths in the repository the tests run from.
public enum Repository {
    /// The repository's root folder.
    public static let root: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The text of a file in the repository.
    public static func text(_ relativePath: String) -> String {
        try! String(contentsOf: root.appendingPathComponent(relativePath), encoding: .utf8)
    }

    /// The absolute path of a file in the repository.
    public static func path(_ relativePath: String) -> String {
        root.appendingPathComponent(relativePath).path
    }
}

/// A namelist from `namelists/` with its relative paths made absolute and groups replaced,
/// to run from a temporary folder.
public struct ConfigurationNamelist {
    public var text: String

    /// `namelists/NAME.nml` with `../` paths pointing into the repository.
    public init(_ name: String) {
        text = Repository.text("namelists/\(name).nml").replacingOccurrences(of: "'../", with: "'\(Repository.root.path)/")
    }

    /// Replaces group `&name ... /` (or adds it) with `replacement` (the whole group text).
    public mutating func replaceGroup(_ name: String, with replacement: String) {
        let lines = text.components(separatedBy: "\n")
        guard let first = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces).lowercased().hasPrefix("&\(name)") }) else {
            text += "\n" + replacement + "\n"
            return
        }
        var last = first
        while !lines[last].trimmingCharacters(in: .whitespaces).hasSuffix("/") { last += 1 }
        text = (lines[..<first] + [replacement] + lines[(last + 1)...]).joined(separator: "\n")
    }

    /// Replaces the value of `key` wherever it is assigned (one value, up to the next comma or
    /// end of line), or adds the assignment to `group`.
    public mutating func set(_ key: String, _ value: String, in group: String) {
        let pattern = try! NSRegularExpression(pattern: "(?<![A-Za-z0-9_])\(NSRegularExpression.escapedPattern(for: key))\\s*=\\s*('[^']*'|\"[^\"]*\"|[^,\\n/!]*)")
        let range = NSRange(text.startIndex..., in: text)
        if pattern.firstMatch(in: text, range: range) != nil {
            text = pattern.stringByReplacingMatches(in: text, range: range, withTemplate: NSRegularExpression.escapedTemplate(for: "\(key) = \(value)"))
            return
        }
        var lines = text.components(separatedBy: "\n")
        if let g = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces).lowercased().hasPrefix("&\(group)") }) {
            lines.insert("  \(key) = \(value)", at: g + 1)
            text = lines.joined(separator: "\n")
        } else {
            text += "\n&\(group)\n  \(key) = \(value)\n/\n"
        }
    }

    /// Sets the processor layout: (tasks, threads, root, stride) per component.
    public mutating func layout(_ pes: [String: (Int, Int, Int, Int)]) {
        let body = ["atm", "lnd", "ice", "ocn", "cpl"].map { c -> String in
            let (n, t, r, s) = pes[c]!
            return "  \(c)_ntasks = \(n), \(c)_nthreads = \(t), \(c)_rootpe = \(r), \(c)_pestride = \(s)"
        }
        replaceGroup("cime_pes", with: "&cime_pes\n" + body.joined(separator: "\n") + "\n/")
    }

    /// Every component on ranks `0 ..< ranks` with `threads` threads.
    public mutating func allOn(ranks: Int, threads: Int = 1) {
        var pes = [String: (Int, Int, Int, Int)]()
        for c in ["atm", "lnd", "ice", "ocn", "cpl"] { pes[c] = (ranks, threads, 0, 1) }
        layout(pes)
    }
}
