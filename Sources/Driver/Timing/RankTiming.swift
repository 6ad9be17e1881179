import Coupling
import Foundation
import Pictures

/// One rank's timers, peak memory, timeline bars and run-sequence events, as sent to rank 0 at the end of a run.
struct RankTiming: Sendable, Codable {
    /// One timer's total on this rank.
    struct Timer: Sendable, Codable {
        let name: String
        let seconds: Double
        let calls: Int
    }

    let rank: Int
    let timers: [Timer]
    /// Peak resident memory (VmHWM) in bytes.
    let peakMemory: Int
    /// The phases this rank recorded for the timeline.
    let bars: [TimelinePicture.Bar]
    /// The run-sequence events this rank recorded.
    let events: [RankEvents]

    init(rank: Int, timers: Timers, bars: [TimelinePicture.Bar], events: [RankEvents]) {
        self.events = events
        self.rank = rank
        self.timers = timers.all.map { Timer(name: $0.name, seconds: $0.total.seconds, calls: $0.total.calls) }
        self.peakMemory = RankTiming.peakResidentMemory()
        self.bars = bars
    }

    /// This process's peak resident memory from /proc/self/status (0 if unknown).
    static func peakResidentMemory() -> Int {
        guard let text = try? readTextFile("/proc/self/status") else { return 0 }
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return 0 }
        return (Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "0") ?? 0) * 1024
    }
}
