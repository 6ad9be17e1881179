import Foundation
import TestSupport

/// The folder of one bad-input case: a run directory that already holds the good run's files,
/// room for the bad input (namelists, damaged copies of weights, grids and restarts), the
/// arguments of the failing `coupled-driver` call, and any tmpfs mounted for it (unmounted when
/// the workspace is released, before its folder is removed).
final class BadInputWorkspace {
    let folder: TemporaryDirectory
    let good: GoodRun
    /// The job size of the failing run.
    let ranks: Int
    /// The arguments of `coupled-driver` for the failing run: by default `run` of the bad
    /// namelist into the run directory.
    var arguments: [String]
    private var mounts: [TmpfsMount] = []

    /// A new folder whose `run/` holds the good run's files.
    init(good: GoodRun, ranks: Int) throws {
        let folder = TemporaryDirectory("badinput")
        self.folder = folder
        self.good = good
        self.ranks = ranks
        arguments = ["run", folder.path + "/bad.nml", "--rundir", folder.path + "/run"]
        try putGoodFiles()
    }

    deinit {
        for mount in mounts { mount.unmount() }
    }

    /// The run directory.
    var runDirectory: String { folder.path + "/run" }

    /// The path of `name` in the run directory.
    func runFile(_ name: String) -> String { runDirectory + "/" + name }

    /// The path of `name` in the case's folder (outside the run directory).
    func path(_ name: String) -> String { folder.path + "/" + name }

    /// The test-component namelist on this case's ranks.
    var testNamelist: TestNamelist { TestNamelist(worldSize: ranks) }

    /// The default configuration on this case's ranks.
    var defaultNamelist: ConfigurationNamelist {
        var namelist = ConfigurationNamelist("default")
        namelist.allOn(ranks: ranks)
        return namelist
    }

    /// The good run's namelist on this case's ranks, continuing from its restart set.
    var continuingNamelist: ConfigurationNamelist {
        var namelist = GoodRun.namelist(ranks: ranks)
        namelist.set("start_type", "'continue'", in: "seq_infodata_inparm")
        return namelist
    }

    /// Writes the namelist the failing run reads, after replacing each `(old, new)` text once;
    /// throws if a text to replace is not there.
    func writeNamelist(_ text: String, replacing edits: [(String, String)] = []) throws {
        var text = text
        for (old, new) in edits {
            guard let range = text.range(of: old) else { throw WorkspaceError("the namelist has no '\(old)' to replace:\n\(text)") }
            text.replaceSubrange(range, with: new)
        }
        folder.write("bad.nml", text)
    }

    /// Writes `text` to `name` in the case's folder; returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) -> String { folder.write(name, text) }

    /// Copies the first `bytes` bytes of the file at `source` to `destination`.
    func truncatedCopy(of source: String, to destination: String, bytes: Int) throws {
        guard let data = FileManager.default.contents(atPath: source), data.count > bytes else {
            throw WorkspaceError("\(source) is missing or not longer than \(bytes) bytes")
        }
        try data.prefix(bytes).write(to: URL(fileURLWithPath: destination))
    }

    /// Runs a tool (`ncks`, `ncap2`, ...) and throws unless it succeeds.
    func tool(_ executable: String, _ arguments: [String]) throws {
        let result = Job.run(executable, arguments, timeout: 60)
        guard result.exitCode == 0 else { throw WorkspaceError("\(executable) \(arguments.joined(separator: " ")) failed: \(result.output)") }
    }

    /// Mounts a tmpfs over the run directory with room for the good files (the pages they take)
    /// and `spareBytes` more, puts the good files in it, and makes it read-only if asked.
    func mountRunDirectory(spareBytes: Int, readOnly: Bool) throws {
        let page = 4096
        let pages = good.files.values.map { ($0.count + page - 1) / page }.reduce(0, +) + 16
        let mount = try TmpfsMount(at: runDirectory, bytes: pages * page + spareBytes)
        mounts.append(mount)
        try putGoodFiles()
        if readOnly { try mount.remountReadOnly() }
    }

    private func putGoodFiles() throws {
        for (name, data) in good.files {
            let url = URL(fileURLWithPath: runFile(name))
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        }
    }
}

/// A bad input that could not be made.
struct WorkspaceError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
