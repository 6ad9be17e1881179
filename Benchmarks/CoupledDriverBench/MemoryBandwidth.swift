import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The machine's memory bandwidth, the bound of a memory-bound map: bytes copied per second by
/// `memcpy`, and bytes read per second by a streaming sum (8 streams at once), on one core and on
/// every core at once.
///
/// Measured so that no compiler can rewrite the work: the source is filled by the kernel
/// (`/dev/urandom`), which the optimiser cannot see through, so a copy cannot become a `memset`;
/// the sums and a sample of every copy go to `sink`, so no pass can be dropped. The all-core
/// figures run one thread per core on buffers of its own, starting each pass together (a spin
/// barrier) and timing from the common start to the last thread's end.
struct MemoryBandwidth {
    /// Bytes copied per second by `memcpy` (each byte counted once), one core and all at once.
    let copy: Double
    let copyAllCores: Double
    /// Bytes read per second by a streaming sum of 64-bit words, one core and all at once.
    let read: Double
    let readAllCores: Double
    /// The cores measured together.
    let cores: Int
    /// The buffer size per thread, and the passes of which the best is kept.
    let bytes: Int
    let passes: Int

    /// Measures with buffers of `bytes` per thread (far beyond the caches), best of `passes`.
    static func measure(cores: Int, bytes: Int = 256 << 20, passes: Int = 20) -> MemoryBandwidth {
        MemoryBandwidth(copy: rate(.copy, threads: 1, bytes: bytes, passes: passes),
                        copyAllCores: rate(.copy, threads: cores, bytes: bytes, passes: passes),
                        read: rate(.read, threads: 1, bytes: bytes, passes: passes),
                        readAllCores: rate(.read, threads: cores, bytes: bytes, passes: passes),
                        cores: cores, bytes: bytes, passes: passes)
    }

    private enum Pass { case copy, read }

    /// What the passes computed, kept so that none can be optimised away.
    nonisolated(unsafe) private(set) static var sink: UInt64 = 0

    /// Total bytes per second of `threads` threads doing `pass` together, best of `passes`.
    private static func rate(_ pass: Pass, threads: Int, bytes: Int, passes: Int) -> Double {
        let barrier = SpinBarrier(parties: threads)
        let best = Mutex(Double.infinity), results = Mutex(UInt64(0))
        DispatchQueue.concurrentPerform(iterations: threads) { thread in
            let words = bytes / 8
            let source = UnsafeMutablePointer<UInt64>.allocate(capacity: words)
            let destination = UnsafeMutablePointer<UInt64>.allocate(capacity: words)
            defer { source.deallocate(); destination.deallocate() }
            fillFromKernel(UnsafeMutableRawPointer(source), bytes: words * 8)
            memset(destination, 0, words * 8)  // fault the pages in before timing
            var folded: UInt64 = 0
            for _ in 0 ..< passes {
                barrier.wait()
                let start = monotonicSeconds()
                switch pass {
                case .copy:
                    memcpy(destination, source, words * 8)
                    folded &+= destination[Int(folded % UInt64(words))]
                case .read:
                    folded &+= streamingSum(source, count: words)
                }
                barrier.wait()
                if thread == 0 { best.withLock { $0 = min($0, monotonicSeconds() - start) } }
            }
            results.withLock { $0 &+= folded }
        }
        sink &+= results.withLock { $0 }
        return Double(threads * (bytes / 8) * 8) / best.withLock { $0 }
    }

    /// The wrapping sum of `count` words, read as 8 streams at once (each a contiguous eighth of
    /// the buffer, as a map reads its matrix, indices and fields side by side): one stream
    /// alone leaves a core far below what its memory system delivers (about half, here).
    private static func streamingSum(_ words: UnsafePointer<UInt64>, count: Int) -> UInt64 {
        let streams = 8, length = count / streams / 4 * 4
        let raw = UnsafeRawPointer(words)
        func load(_ stream: Int, _ i: Int) -> SIMD4<UInt64> {
            raw.loadUnaligned(fromByteOffset: (stream * length + i) * 8, as: SIMD4<UInt64>.self)
        }
        var a0 = SIMD4<UInt64>(), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0
        var i = 0
        while i < length {
            a0 &+= load(0, i); a1 &+= load(1, i); a2 &+= load(2, i); a3 &+= load(3, i)
            a4 &+= load(4, i); a5 &+= load(5, i); a6 &+= load(6, i); a7 &+= load(7, i)
            i += 4
        }
        var total = (a0 &+ a1 &+ a2 &+ a3 &+ a4 &+ a5 &+ a6 &+ a7).wrappedSum()
        for rest in streams * length ..< count { total &+= words[rest] }
        return total
    }

    /// Fills `bytes` at `pointer` with random bytes from the kernel (`/dev/urandom`).
    private static func fillFromKernel(_ pointer: UnsafeMutableRawPointer, bytes: Int) {
        let file = open("/dev/urandom", O_RDONLY)
        precondition(file >= 0, "cannot open /dev/urandom")
        defer { close(file) }
        var filled = 0
        while filled < bytes {
            let got = Glibc.read(file, pointer + filled, min(bytes - filled, 1 << 25))
            precondition(got > 0, "cannot read /dev/urandom")
            filled += got
        }
    }
}

/// A barrier for threads that spin (their pass must start together, not after a wake-up).
private final class SpinBarrier: Sendable {
    private let arrived = Atomic<Int>(0)
    private let parties: Int

    init(parties: Int) { self.parties = parties }

    /// Waits until every party has called `wait` as often as this thread has (the count of
    /// arrivals only grows, so the n-th arrival belongs to generation ⌈n / parties⌉).
    func wait() {
        let total = arrived.add(1, ordering: .acquiringAndReleasing).newValue
        let generation = (total + parties - 1) / parties
        while arrived.load(ordering: .acquiring) < generation * parties {}
    }
}
