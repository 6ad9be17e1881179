import FaultInjection
#if canImport(Glibc)
import Glibc
#endif

/// Reads a whole text file (UTF-8).
public func readTextFile(_ path: String) throws(FileError) -> String {
    guard let handle = fopen(path, "rb") else { throw FileError(path: path, reason: String(cString: strerror(errno))) }
    defer { fclose(handle) }
    var bytes = [UInt8]()
    var chunk = [UInt8](repeating: 0, count: 65_536)
    while true {
        let n = fread(&chunk, 1, chunk.count, handle)
        bytes.append(contentsOf: chunk.prefix(n))
        if n < chunk.count {
            if ferror(handle) != 0 { throw FileError(path: path, reason: String(cString: strerror(errno))) }
            break
        }
    }
    return String(decoding: bytes, as: UTF8.self)
}

/// Writes `text` to `path`, replacing the file. The write is fault-injection site `site`.
public func writeTextFile(_ text: String, to path: String, site: String = "file.write") throws(FileError) {
    if let injected = FaultInjection.failure(at: site) { throw FileError(path: path, reason: injected) }
    guard let handle = fopen(path, "wb") else { throw FileError(path: path, reason: String(cString: strerror(errno))) }
    let bytes = Array(text.utf8)
    let written = fwrite(bytes, 1, bytes.count, handle)
    let closed = fclose(handle)
    if written != bytes.count || closed != 0 { throw FileError(path: path, reason: String(cString: strerror(errno))) }
}

/// Makes directory `path` and its missing parents.
public func makeDirectories(_ path: String) throws(FileError) {
    var current = path.hasPrefix("/") ? "" : "."
    for part in path.split(separator: "/") {
        current += "/" + part
        if mkdir(current, 0o755) != 0 && errno != EEXIST {
            throw FileError(path: current, reason: String(cString: strerror(errno)))
        }
    }
}

/// A file that cannot be read or written, with the system's reason.
public struct FileError: Error, Sendable, CustomStringConvertible {
    /// The file.
    public let path: String
    /// Why it cannot be read or written (the system's message).
    public let reason: String
    /// An error giving `reason` for the file at `path`.
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }
    /// `PATH: REASON`.
    public var description: String { "\(path): \(reason)" }
}

/// Removes the file at `path`.
public func removeFile(_ path: String) throws(FileError) {
    if unlink(path) != 0 { throw FileError(path: path, reason: String(cString: strerror(errno))) }
}

/// Renames `from` to `to`, replacing `to` atomically.
public func renameFile(_ from: String, to: String) throws(FileError) {
    if let injected = FaultInjection.failure(at: "file.rename") { throw FileError(path: from, reason: injected) }
    if rename(from, to) != 0 { throw FileError(path: from, reason: "cannot be renamed to \(to): \(String(cString: strerror(errno)))") }
}

/// `fsync` of a file or folder: its data (or entries) are on disk when this returns.
public func flushToDisk(_ path: String) throws(FileError) {
    if let injected = FaultInjection.failure(at: "file.fsync") { throw FileError(path: path, reason: injected) }
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else { throw FileError(path: path, reason: String(cString: strerror(errno))) }
    defer { close(descriptor) }
    if fsync(descriptor) != 0 && errno != EINVAL { throw FileError(path: path, reason: String(cString: strerror(errno))) }
}
