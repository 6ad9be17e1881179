import Foundation

/// A short command a backend runs and reads the answer of (`sbatch`, `squeue`, `qstat`, ...):
/// started with Foundation's `Process`, awaited without blocking a thread, killed if it takes
/// longer than its time limit.
struct ExternalCommand: Sendable {
    /// What a finished command printed and how it exited.
    struct Output: Sendable {
        let exitCode: Int32
        let standardOutput: String
        let standardError: String

        /// Both streams, trimmed: for error messages.
        var text: String { (standardOutput + standardError).trimmingCharacters(in: .whitespacesAndNewlines) }
    }

    let executable: String
    let arguments: [String]
    let environment: [String: String]
    var directory: String?
    var timeLimit: Duration = .seconds(60)

    /// The command as a shell would show it, for messages.
    var display: String { ([executable] + arguments).joined(separator: " ") }

    /// Runs the command and returns its output, whatever its exit code.
    func run() async throws(BackendError) -> Output {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("coupled-driver-command-\(UUID().uuidString)")
        let outURL = scratch.appendingPathExtension("out"), errURL = scratch.appendingPathExtension("err")
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        let exitCode: Int32
        do {
            _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
            _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
            let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
            defer {
                try? out.close()
                try? err.close()
            }
            exitCode = try await runProcess(standardOutput: out, standardError: err)
        } catch {
            throw .commandFailed(command: display, exitCode: -1, output: "\(error)")
        }
        let read = { (url: URL) in (try? String(contentsOf: url, encoding: .utf8)) ?? "" }
        return Output(exitCode: exitCode, standardOutput: read(outURL), standardError: read(errURL))
    }

    /// Runs the command and returns its standard output; throws if it exits non-zero.
    func output() async throws(BackendError) -> String {
        let result = try await run()
        guard result.exitCode == 0 else { throw .commandFailed(command: display, exitCode: result.exitCode, output: result.text) }
        return result.standardOutput
    }

    private func runProcess(standardOutput: FileHandle, standardError: FileHandle) async throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        process.standardOutput = standardOutput
        process.standardError = standardError
        process.standardInput = FileHandle.nullDevice
        let limit = timeLimit
        var timer: Task<Void, Never>?
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { finished in continuation.resume(returning: finished.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
                return
            }
            let pid = process.processIdentifier
            timer = Task.detached {
                guard (try? await Task.sleep(for: limit)) != nil else { return }
                kill(pid, SIGKILL)
            }
        }
        timer?.cancel()
        return status
    }
}
