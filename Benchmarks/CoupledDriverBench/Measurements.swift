import Foundation
import Synchronization
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

/// The machine's memory copy bandwidth: bytes copied per second by `memcpy` of a buffer much
/// larger than the caches (best of several copies), counting each byte once; with `threads`
/// threads each copying its own buffers at the same time, their total.
func copyBandwidth(bytes: Int = 256 << 20, repeats: Int = 8, threads: Int = 1) -> Double {
    if threads > 1 {
        let total = Mutex(0.0)
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            let rate = copyBandwidth(bytes: bytes, repeats: repeats)
            total.withLock { $0 += rate }
        }
        return total.withLock { $0 }
    }
    let source = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 64)
    let destination = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 64)
    defer { source.deallocate(); destination.deallocate() }
    memset(source, 1, bytes)
    memset(destination, 2, bytes)
    var best = Double.infinity
    for _ in 0 ..< repeats {
        let start = monotonicSeconds()
        memcpy(destination, source, bytes)
        best = min(best, monotonicSeconds() - start)
    }
    return Double(bytes) / best
}
