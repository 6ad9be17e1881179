import Coupling
#if canImport(Glibc)
import Glibc
#endif

/// One rank's timers and peak memory, as sent to rank 0 at the end of a run.
struct RankTiming: Sendable {
    let rank: Int
    let timers: [(name: String, seconds: Double, calls: Int)]
    /// Peak resident memory (VmHWM) in bytes.
    let peakMemory: Int

    init(rank: Int, timers: Timers) {
        self.rank = rank
        self.timers = timers.all.map { ($0.name, $0.total.seconds, $0.total.calls) }
        self.peakMemory = RankTiming.peakResidentMemory()
    }

    /// Lines `name\tseconds\tcalls`, the memory first.
    var encoded: String {
        (["memory\t\(peakMemory)"] + timers.map { "\($0.name)\t\($0.seconds)\t\($0.calls)" }).joined(separator: "\n")
    }

    init(rank: Int, encoded: String) {
        self.rank = rank
        var memory = 0
        var list = [(String, Double, Int)]()
        for line in encoded.split(separator: "\n") {
            let parts = line.split(separator: "\t").map(String.init)
            if parts[0] == "memory" { memory = Int(parts[1]) ?? 0; continue }
            list.append((parts[0], Double(parts[1]) ?? 0, Int(parts[2]) ?? 0))
        }
        timers = list
        peakMemory = memory
    }

    /// This process's peak resident memory from /proc/self/status (0 if unknown).
    static func peakResidentMemory() -> Int {
        guard let text = try? readTextFile("/proc/self/status") else { return 0 }
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return 0 }
        return (Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "0") ?? 0) * 1024
    }
}
