import Foundation
import MPI
#if canImport(Glibc)
import Glibc
#endif

/// Minimum and median of repeated timings, in seconds.
struct Timing: Codable {
    let minimum: Double
    let median: Double
    let count: Int

    init(_ samples: [Double]) {
        let sorted = samples.sorted()
        minimum = sorted.first ?? .nan
        median = sorted.isEmpty ? .nan : sorted[sorted.count / 2]
        count = samples.count
    }
}

/// Wall-clock seconds.
func now() -> Double { MPIRuntime.isInitialized ? MPIRuntime.wallTime() : monotonicSeconds() }

func monotonicSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

/// The process's peak resident memory (VmHWM) and current resident memory (VmRSS), in bytes.
func residentMemory() -> (peak: Int, current: Int) {
    guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return (0, 0) }
    func field(_ name: String) -> Int {
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix(name) }) else { return 0 }
        return (Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "0") ?? 0) * 1024
    }
    return (field("VmHWM:"), field("VmRSS:"))
}
