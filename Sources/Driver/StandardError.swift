#if canImport(Glibc)
import Glibc
#endif

/// Writes one line to standard error (file descriptor 2) in one `write` call.
public func printToStandardError(_ line: String) {
    let bytes = Array((line + "\n").utf8)
    var offset = 0
    while offset < bytes.count {
        let n = bytes[offset...].withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
        if n <= 0 { break }
        offset += n
    }
}
