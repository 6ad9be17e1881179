import Foundation

/// What a finished command did.
public struct JobResult {
    public let exitCode: Int32
    public let standardOutput: String
    public let standardError: String
    public let timedOut: Bool
    public let seconds: Double

    public var output: String { standardOutput + standardError }
}

/// How a test starts a multi-rank product: as a plain process, which runs alone on a
/// single-process communicator and never starts MPI, or under `mpirun` with some ranks.
public enum Launch: Sendable, CustomStringConvertible {
    /// A plain process, without mpirun.
    case alone
    /// `mpirun --oversubscribe -n ranks`.
    case mpirun(ranks: Int)

    /// A plain process, then mpirun with each of `ranks`.
    public static func aloneAndMPI(ranks: ClosedRange<Int>) -> [Launch] {
        [.alone] + ranks.map { .mpirun(ranks: $0) }
    }

    public var description: String {
        switch self {
        case .alone: "1 process without MPI"
        case .mpirun(let ranks): "\(ranks) rank\(ranks == 1 ? "" : "s") under mpirun"
        }
    }
}

/// Runs the built executables — directly or under `mpirun` — with a time limit, for tests.
public enum Job {
    /// The folder holding the built products (`coupled-driver`, the test bundle).
    public static let productsDirectory: URL = {
        if let dir = ProcessInfo.processInfo.environment["COUPLED_DRIVER_PRODUCTS"] { return URL(fileURLWithPath: dir) }
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        return exe.deletingLastPathComponent()
    }()

    /// The path of a built executable product.
    public static func product(_ name: String) -> String {
        productsDirectory.appendingPathComponent(name).path
    }

    /// Environment for mpirun: allowed as root, oversubscription on, shared memory only. Variables
    /// Open MPI sets in a process that initialised MPI itself (the test process does, for component
    /// tests) are removed, or the child `mpirun` would take itself for part of that job.
    public static var mpiEnvironment: [String: String] {
        var env = ProcessInfo.processInfo.environment.filter { key, _ in
            !(key.hasPrefix("OMPI_") || key.hasPrefix("PMIX_") || key.hasPrefix("ORTE_") || key.hasPrefix("OPAL_"))
        }
        env["OMPI_ALLOW_RUN_AS_ROOT"] = "1"
        env["OMPI_ALLOW_RUN_AS_ROOT_CONFIRM"] = "1"
        env["OMPI_MCA_rmaps_base_oversubscribe"] = "1"
        env["OMPI_MCA_btl"] = "self,vader"
        env["OMPI_MCA_btl_vader_single_copy_mechanism"] = "none"
        env["OMPI_MCA_pml"] = "ob1"
        return env
    }

    /// Runs `executable arguments` and waits at most `timeout` seconds (then kills it).
    public static func run(_ executable: String, _ arguments: [String], directory: URL? = nil, timeout: Double = 120,
                    environment: [String: String]? = nil) -> JobResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        process.environment = environment ?? mpiEnvironment
        let outFile = FileManager.default.temporaryDirectory.appendingPathComponent("job-\(UUID().uuidString).out")
        let errFile = FileManager.default.temporaryDirectory.appendingPathComponent("job-\(UUID().uuidString).err")
        _ = FileManager.default.createFile(atPath: outFile.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errFile.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outFile)
            try? FileManager.default.removeItem(at: errFile)
        }
        let out = try! FileHandle(forWritingTo: outFile), err = try! FileHandle(forWritingTo: errFile)
        process.standardOutput = out
        process.standardError = err
        let started = Date()
        do { try process.run() } catch {
            return JobResult(exitCode: -1, standardOutput: "", standardError: "cannot start \(executable): \(error)", timedOut: false, seconds: 0)
        }
        var timedOut = false
        while process.isRunning {
            if Date().timeIntervalSince(started) > timeout {
                timedOut = true
                process.terminate()
                Thread.sleep(forTimeInterval: 2)
                if process.isRunning { kill(process.processIdentifier, SIGKILL) }
                break
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        process.waitUntilExit()
        try? out.close()
        try? err.close()
        let stdout = (try? String(contentsOf: outFile, encoding: .utf8)) ?? ""
        let stderr = (try? String(contentsOf: errFile, encoding: .utf8)) ?? ""
        return JobResult(exitCode: process.terminationStatus, standardOutput: stdout, standardError: stderr,
                         timedOut: timedOut, seconds: Date().timeIntervalSince(started))
    }

    /// Runs a built product as `launch` says.
    public static func start(_ launch: Launch, _ product: String, _ arguments: [String], directory: URL? = nil,
                             timeout: Double = 120) -> JobResult {
        switch launch {
        case .alone: run(Job.product(product), arguments, directory: directory, timeout: timeout)
        case .mpirun(let ranks): mpirun(ranks: ranks, product, arguments, directory: directory, timeout: timeout)
        }
    }

    /// Runs a built product under `mpirun --oversubscribe -n ranks`.
    public static func mpirun(ranks: Int, _ product: String, _ arguments: [String], directory: URL? = nil, timeout: Double = 120) -> JobResult {
        run("/usr/bin/mpirun", ["--oversubscribe", "-n", "\(ranks)", Job.product(product)] + arguments,
            directory: directory, timeout: timeout)
    }
}

/// A fresh temporary folder for one test, removed when the value is released.
public final class TemporaryDirectory {
    public let url: URL
    public var path: String { url.path }

    public init(_ name: String = "test") {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("coupled-driver-\(name)-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// Writes `text` to `name` in the folder and returns its path.
    @discardableResult
    public func write(_ name: String, _ text: String) -> String {
        let file = url.appendingPathComponent(name)
        try! FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try! text.write(to: file, atomically: true, encoding: .utf8)
        return file.path
    }

    /// The text of `name` in the folder, or `nil`.
    public func read(_ name: String) -> String? {
        try? String(contentsOf: url.appendingPathComponent(name), encoding: .utf8)
    }

    public func exists(_ name: String) -> Bool {
        FileManager.default.fileExists(atPath: url.appendingPathComponent(name).path)
    }
}
