import Driver
import Foundation

/// How far a member's run has got, from the end of its `cpl.log`: the last progress line (the
/// driver writes one at each new model day: `model date 0001-01-03-00000 ... 248.64 simulated
/// years per day ...`), and whether the run finished (`SUCCESSFUL TERMINATION ...`).
public struct MemberProgress: Sendable, Hashable {
    /// The model date reached (`0001-01-03-00000`), or `nil` before the first new day.
    public let modelDate: String?
    /// Simulated years per wall-clock day over the last model day.
    public let yearsPerDay: Double?
    /// Whether the run finished: every rank ended it successfully, its files are written.
    public let finished: Bool

    /// The progress `RUNDIR/cpl.log` shows, or `nil` without a log. Only its end is read.
    public static func read(runDirectory: String) -> MemberProgress? {
        guard let handle = FileHandle(forReadingAtPath: runDirectory + "/cpl.log") else { return nil }
        defer { try? handle.close() }
        let size = (try? handle.seekToEnd()) ?? 0
        try? handle.seek(toOffset: size > 8192 ? size - 8192 : 0)
        guard let data = try? handle.readToEnd() else { return nil }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n")
        let finished = lines.contains { $0.hasPrefix(CouplerLogLines.successfulTermination) }
        guard let line = lines.last(where: { $0.hasPrefix(CouplerLogLines.progress) && $0.contains(" simulated years per day") }) else {
            return MemberProgress(modelDate: nil, yearsPerDay: nil, finished: finished)
        }
        let words = line.split(separator: " ", omittingEmptySubsequences: true)
        // `model date 0001-01-03-00000 ... 248.64 simulated years per day`: the third word, and
        // the number two words before `years`.
        let years = words.firstIndex(of: "years").flatMap { $0 >= 2 ? Double(words[$0 - 2]) : nil }
        return MemberProgress(modelDate: words.count > 2 ? String(words[2]) : nil, yearsPerDay: years, finished: finished)
    }
}
