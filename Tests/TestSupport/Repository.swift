import Coupling
import Foundation
import Namelist

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
    private var editor: NamelistEditor

    /// The namelist text.
    public var text: String { editor.text }

    /// `namelists/NAME.nml` with `../` paths pointing into the repository.
    public init(_ name: String) {
        self.init(file: "namelists/\(name).nml")
    }

    /// The namelist at `relativePath` in the repository, one folder deep (`examples/plugins.nml`),
    /// with `../` paths pointing into the repository.
    public init(file relativePath: String) {
        let text = Repository.text(relativePath).replacingOccurrences(of: "'../", with: "'\(Repository.root.path)/")
        editor = NamelistEditor(text: text, file: relativePath.split(separator: "/").last.map(String.init) ?? relativePath)
    }

    /// Replaces group `&name ... /` (or adds it) with `replacement` (the whole group text).
    public mutating func replaceGroup(_ name: String, with replacement: String) {
        try! editor.replaceGroup(name, with: replacement)
    }

    /// Sets `key` in `group` to `value` (namelist text), replacing or adding the assignment.
    public mutating func set(_ key: String, _ value: String, in group: String) {
        try! editor.set(key, to: value, in: group)
    }

    /// Sets the processor layout: (tasks, threads, root, stride) per component (`rof` optional).
    public mutating func layout(_ pes: [String: (Int, Int, Int, Int)]) {
        let body = ["atm", "lnd", "rof", "ice", "ocn", "cpl"].compactMap { c -> String? in
            // The river only when given; the others always.
            if c == "rof", pes[c] == nil { return nil }
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
