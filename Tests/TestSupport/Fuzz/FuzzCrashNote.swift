#if canImport(Glibc)
import Glibc
#endif

/// Names the fuzz case that was running when the test process dies of a signal (a trap in
/// Swift code, a crash in a C library), so that a crash, which ends the process before any
/// test message can be recorded, still says which input caused it and how to make it again.
///
///     let note = FuzzCrashNote(test: "NamelistFuzzTests/mutatedNamelists()", seed: seed)
///     for index in 0 ..< count {
///         note.begin(case: index)
///         ...
///     }
///     note.end()
///
/// The handler writes the note to standard error, puts back the handlers it replaced (such
/// as Swift's backtracer) and returns, so the fault happens again and is reported as usual.
public final class FuzzCrashNote {
    private static let signals: [Int32] = [SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGFPE, SIGABRT]
    private static let capacity = 1024
    nonisolated(unsafe) private static let text = UnsafeMutablePointer<CChar>.allocate(capacity: capacity)
    nonisolated(unsafe) private static var length = 0
    nonisolated(unsafe) private static let replaced = UnsafeMutablePointer<sigaction>.allocate(capacity: signals.count)
    nonisolated(unsafe) private static var isInstalled = false

    private let test: String
    private let seed: UInt64

    /// Installs the handlers for the fuzz test `test` (its name, as `--filter` takes it),
    /// whose cases are made from `seed`.
    public init(test: String, seed: UInt64) {
        self.test = test
        self.seed = seed
        precondition(!Self.isInstalled, "one fuzz test at a time")
        Self.isInstalled = true
        for (index, signal) in Self.signals.enumerated() {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = Self.handler
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            sigaction(signal, &action, Self.replaced + index)
        }
    }

    /// Records that case `index` is about to run.
    public func begin(case index: Int) {
        let note = "\nfuzz: the process died in case \(index) of \(test) (seed 0x\(String(seed, radix: 16))). "
            + "Cases are made from the seed and their number alone, so running the test again "
            + "(swift test --no-parallel --filter '\(test)') repeats the crash.\n"
        let bytes = Array(note.utf8.prefix(Self.capacity))
        for (offset, byte) in bytes.enumerated() { Self.text[offset] = CChar(bitPattern: byte) }
        Self.length = bytes.count
    }

    /// Puts back the handlers that were there before.
    public func end() {
        Self.restore()
        Self.length = 0
    }

    private static func restore() {
        guard isInstalled else { return }
        for (index, signal) in signals.enumerated() { sigaction(signal, replaced + index, nil) }
        isInstalled = false
    }

    private static let handler: @convention(c) (Int32) -> Void = { _ in
        _ = write(2, FuzzCrashNote.text, FuzzCrashNote.length)
        FuzzCrashNote.restore()
    }
}
