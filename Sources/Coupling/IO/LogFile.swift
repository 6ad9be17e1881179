#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// A text log file written line by line, each line flushed at once so that a log
/// read after a crash is complete up to the crash. Safe to share between threads.
public final class LogFile: Sendable {
    /// Where the log is written.
    public let path: String
    private let file: Mutex<UnsafeMutablePointer<FILE>?>

    /// Opens (creating or, with `append`, extending) the log at `path`. Lines are always
    /// appended at the end of the file, so lines other processes append are never overwritten.
    public init(path: String, append: Bool = false) throws(LogFileError) {
        if !append {
            guard let truncated = fopen(path, "w") else { throw LogFileError(path: path, reason: String(cString: strerror(errno))) }
            fclose(truncated)
        }
        guard let handle = fopen(path, "a") else {
            throw LogFileError(path: path, reason: String(cString: strerror(errno)))
        }
        self.path = path
        self.file = Mutex(handle)
    }

    deinit {
        file.withLock { handle in
            if let h = handle { fclose(h) }
            handle = nil
        }
    }

    /// Writes `line` and a newline, and flushes.
    public func write(_ line: String) {
        file.withLock { handle in
            guard let h = handle else { return }
            fputs(line, h)
            fputs("\n", h)
            fflush(h)
        }
    }

    /// Closes the file; later writes are dropped.
    public func close() {
        file.withLock { handle in
            if let h = handle { fclose(h) }
            handle = nil
        }
    }

    /// Appends `text` to the file at `path` in one write (for error reports from any rank:
    /// the file may be shared by several processes, so it is opened in append mode).
    public static func append(_ text: String, toFileAt path: String) {
        guard let handle = fopen(path, "a") else { return }
        fputs(text, handle)
        fclose(handle)
    }
}

/// A log file that cannot be opened.
public struct LogFileError: Error, Sendable, CustomStringConvertible {
    /// The log file.
    public let path: String
    /// Why it cannot be opened (the system's message).
    public let reason: String
    /// `cannot open log file PATH: REASON`.
    public var description: String { "cannot open log file \(path): \(reason)" }
}
