import Foundation
import TestSupport

/// A tmpfs mounted over a folder for one test (needs root): a tiny file system to run out of
/// space on, or one made read-only, which root cannot write either (unlike a folder after
/// `chmod`). Unmounted by `unmount()` or when released.
final class TmpfsMount {
    let path: String
    private var mounted = false

    /// Mounts a writable tmpfs of `bytes` bytes over the folder `path`.
    init(at path: String, bytes: Int) throws {
        self.path = path
        try Self.command("/bin/mount", ["-t", "tmpfs", "-o", "size=\(bytes)", "tmpfs", path])
        mounted = true
    }

    deinit { unmount() }

    /// Makes the file system read-only, keeping what it holds.
    func remountReadOnly() throws {
        try Self.command("/bin/mount", ["-o", "remount,ro", path])
    }

    /// Unmounts the file system (lazily if something still uses it); does nothing the second time.
    func unmount() {
        guard mounted else { return }
        mounted = false
        if Job.run("/bin/umount", [path], timeout: 10).exitCode != 0 { _ = Job.run("/bin/umount", ["-l", path], timeout: 10) }
    }

    private static func command(_ executable: String, _ arguments: [String]) throws {
        let result = Job.run(executable, arguments, timeout: 10)
        guard result.exitCode == 0 else { throw MountError(command: ([executable] + arguments).joined(separator: " "), output: result.output) }
    }
}

/// A `mount` command that failed.
struct MountError: Error, CustomStringConvertible {
    let command: String
    let output: String
    var description: String { "\(command) failed: \(output)" }
}
