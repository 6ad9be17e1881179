import Coupling
import Foundation
import Namelist

/// Runs system tests (`SystemTest`) of a namelist the way users porting to a new machine do:
/// each test runs the driver under `mpirun` twice (or restarts it) in its own folder and
/// compares the coupler history files with `FileComparison`.
public struct SystemTestSuite: Sendable {
    /// The namelist to test (its relative paths are resolved against its own folder).
    public let namelistPath: String
    /// Ranks of the full-size runs; other layouts are derived from it.
    public let ranks: Int
    /// Simulated days of each straight run (restart tests stop at half; must be even for them).
    public let days: Int
    /// Where the tests' folders go.
    public let output: String
    /// The `coupled-driver` executable and `mpirun` to launch it with.
    public let executable: String
    /// The `mpirun` launcher to start each run with.
    public let mpirun: String
    /// The components the namelist lays out (the tests place each of them).
    let components: [ComponentKind]

    /// A suite for the namelist at `namelistPath`, writing its test folders under `output`.
    public init(namelistPath: String, ranks: Int, days: Int, output: String, executable: String, mpirun: String = "/usr/bin/mpirun") {
        self.namelistPath = namelistPath
        self.ranks = ranks
        self.days = days
        self.output = output
        self.executable = executable
        self.mpirun = mpirun
        components = (try? readTextFile(namelistPath)).flatMap {
            DriverConfiguration.layoutIgnoringProblems(text: $0, path: namelistPath, worldSize: ranks)?.components
        } ?? ComponentKind.all
    }

    /// A run of the test: its namelist changes and layout.
    private struct RunSpec {
        var folder: String
        var layout: [ComponentKind: ProcessorSet]
        var ranks: Int
        var settings: [(key: String, value: String, group: String)]
    }

    /// Runs `tests`, calling `report` with each result as it comes.
    public func run(_ tests: [SystemTest], report: (SystemTestResult) -> Void) -> [SystemTestResult] {
        tests.map { test in
            let result = run(test)
            report(result)
            return result
        }
    }

    private func run(_ test: SystemTest) -> SystemTestResult {
        let folder = output + "/" + test.rawValue
        try? FileManager.default.removeItem(atPath: folder)
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let all = layout(tasks: ranks, threads: 1, root: 0)
            let half = max(1, ranks / 2)
            func straight(_ name: String, _ layout: [ComponentKind: ProcessorSet], ranks: Int) -> RunSpec {
                RunSpec(folder: folder + "/" + name, layout: layout, ranks: ranks, settings: Self.runLength(days))
            }
            switch test {
            case .SMS:
                try execute(straight("run", all, ranks: ranks))
                return SystemTestResult(test: test, passed: true, detail: "\(days) days on \(ranks) ranks completed", folder: folder)
            case .REP:
                return try compare(test, folder, straight("first", all, ranks: ranks), straight("second", all, ranks: ranks))
            case .PEM:
                return try compare(test, folder, straight("all-tasks", all, ranks: ranks),
                                   straight("half-tasks", layout(tasks: half, threads: 1, root: 0), ranks: half))
            case .PET:
                return try compare(test, folder, straight("one-thread", all, ranks: ranks),
                                   straight("two-threads", layout(tasks: ranks, threads: 2, root: 0), ranks: ranks))
            case .SEQ:
                guard ranks >= 2 else { throw SystemTestError("SEQ needs at least 2 ranks (the ocean gets a rank of its own)") }
                var concurrent = layout(tasks: ranks - 1, threads: 1, root: 0)
                concurrent[.ocn] = ProcessorSet(ntasks: 1, rootRank: ranks - 1)
                return try compare(test, folder, straight("sequential", all, ranks: ranks), straight("concurrent", concurrent, ranks: ranks))
            case .ERS, .ERP:
                guard days >= 2 && days % 2 == 0 else { throw SystemTestError("\(test.rawValue) needs an even number of days (--days)") }
                let reference = straight("straight", all, ranks: ranks)
                var first = straight("restarted", all, ranks: ranks)
                first.settings = Self.runLength(days / 2) + [("restart_option", "'end'", "seq_timemgr_inparm")]
                var second = first
                second.settings = Self.runLength(days / 2) + [("start_type", "'continue'", "seq_infodata_inparm")]
                if test == .ERP {
                    second.layout = layout(tasks: half, threads: 2, root: ranks - half)
                }
                try execute(reference)
                try execute(first)
                try execute(second)
                return try compareHistories(test, folder, reference.folder, second.folder)
            }
        } catch {
            return SystemTestResult(test: test, passed: false, detail: "\(error)", folder: folder)
        }
    }

    /// The settings of a run of `days` days with daily history files (what the tests compare).
    private static func runLength(_ days: Int) -> [(key: String, value: String, group: String)] {
        [("stop_option", "'ndays'", "seq_timemgr_inparm"), ("stop_n", "\(days)", "seq_timemgr_inparm"),
         ("history_option", "'ndays'", "seq_timemgr_inparm"), ("history_n", "1", "seq_timemgr_inparm")]
    }

    /// Every component laid out on `tasks` ranks from `root`, each task with `threads` threads.
    private func layout(tasks: Int, threads: Int, root: Int) -> [ComponentKind: ProcessorSet] {
        Dictionary(uniqueKeysWithValues: components.map { ($0, ProcessorSet(ntasks: tasks, nthreads: threads, rootRank: root)) })
    }

    private func compare(_ test: SystemTest, _ folder: String, _ a: RunSpec, _ b: RunSpec) throws -> SystemTestResult {
        try execute(a)
        try execute(b)
        return try compareHistories(test, folder, a.folder, b.folder)
    }

    /// Compares every coupler history file of two run folders.
    private func compareHistories(_ test: SystemTest, _ folder: String, _ a: String, _ b: String) throws -> SystemTestResult {
        let names = try historyFiles(in: a)
        guard !names.isEmpty else { throw SystemTestError("\(a) has no history files (set history_option in the namelist)") }
        guard names == (try historyFiles(in: b)) else {
            throw SystemTestError("the runs wrote different history files:\n  \(names)\n  \(try historyFiles(in: b))")
        }
        var differing = [String]()
        for name in names {
            let comparison = try FileComparison(first: a + "/" + name, second: b + "/" + name)
            if !comparison.isIdentical { differing.append(name + ":\n" + comparison.report) }
        }
        let passed = differing.isEmpty
        let detail = passed ? "\(names.count) history file\(names.count == 1 ? "" : "s") identical"
                            : "\(differing.count) of \(names.count) history files differ:\n" + differing.joined(separator: "\n")
        return SystemTestResult(test: test, passed: passed, detail: detail, folder: folder)
    }

    private func historyFiles(in folder: String) throws -> [String] {
        let markers = [".cpl.hi."] + ComponentKind.models.map { ".\($0.rawValue).h." }
        return try FileManager.default.contentsOfDirectory(atPath: folder)
            .filter { name in name.hasSuffix(".nc") && markers.contains { name.contains($0) } }.sorted()
    }

    /// Writes the run's namelist and runs it under mpirun; throws with the run's errors if it fails.
    private func execute(_ spec: RunSpec) throws {
        try FileManager.default.createDirectory(atPath: spec.folder, withIntermediateDirectories: true)
        var editor = NamelistEditor(text: try readTextFile(namelistPath), file: namelistPath)
        let pes = spec.layout.keys.sorted().map { kind -> String in
            let p = spec.layout[kind]!
            return "  \(kind)_ntasks = \(p.ntasks), \(kind)_nthreads = \(p.nthreads), \(kind)_rootpe = \(p.rootRank), \(kind)_pestride = \(p.stride)"
        }
        try editor.replaceGroup("cime_pes", with: "&cime_pes\n" + pes.joined(separator: "\n") + "\n/")
        for (key, value, group) in spec.settings { try editor.set(key, to: value, in: group) }
        let namelist = spec.folder + "/test.nml"
        try writeTextFile(editor.text, to: namelist)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: mpirun)
        process.arguments = ["--oversubscribe", "-n", "\(spec.ranks)", executable, "run", namelist, "--rundir", spec.folder,
                             "--paths-from", directory(of: namelistPath)]
        let log = spec.folder + "/mpirun.log"
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        process.waitUntilExit()
        try handle.close()
        guard process.terminationStatus == 0 else {
            let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            throw SystemTestError("the run in \(spec.folder) failed (exit \(process.terminationStatus)):\n"
                + output.split(separator: "\n").filter { $0.contains("error") || $0.contains("ERROR") }.prefix(10).joined(separator: "\n"))
        }
    }
}

/// A system test that could not be carried out.
struct SystemTestError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
