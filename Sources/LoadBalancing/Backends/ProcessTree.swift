import Foundation

/// The processes started, directly or not, by a process — read from `/proc` (Linux; elsewhere
/// none are found). `mpirun` puts each rank in a process group of its own, so killing its group
/// misses the ranks: they are found here, before `mpirun` dies and they are handed to init.
enum ProcessTree {
    /// The ids of all descendants of `root`.
    static func descendants(of root: Int32) -> [Int32] {
        var children = [Int32: [Int32]]()
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
            guard let pid = Int32(entry), let parent = parent(of: pid) else { continue }
            children[parent, default: []].append(pid)
        }
        var found = [Int32](), next = children[root] ?? []
        while let pid = next.popLast() {
            found.append(pid)
            next += children[pid] ?? []
        }
        return found
    }

    /// The arguments `pid` was started with, or none if there is no such process.
    static func commandLine(of pid: Int32) -> [String] {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return [] }
        return data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Whether process `pid` exists and has not ended (a zombie waiting to be reaped has ended).
    static func isRunning(_ pid: Int32) -> Bool {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/stat"),
              let stat = String(data: data, encoding: .utf8), let close = stat.lastIndex(of: ")") else { return false }
        return stat[stat.index(after: close)...].split(separator: " ").first != "Z"
    }

    /// The parent id from `/proc/PID/stat` (`pid (comm) state ppid ...`; comm may hold spaces).
    private static func parent(of pid: Int32) -> Int32? {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/stat"),
              let stat = String(data: data, encoding: .utf8), let close = stat.lastIndex(of: ")") else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        return fields.count > 1 ? Int32(fields[1]) : nil
    }
}
