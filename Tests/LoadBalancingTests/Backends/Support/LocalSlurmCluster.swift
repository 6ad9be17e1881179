import Foundation
import Testing
import TestSupport

/// A real single-node Slurm on this machine for the suite this trait is attached to: started
/// with `scripts/local-slurm.sh start` before its first test and stopped after its last — also
/// when tests fail or throw — so no daemon outlives the suite.
struct LocalSlurmCluster: SuiteTrait, TestScoping {
    /// The `slurm.conf` of the running cluster (set inside the suite's scope).
    @TaskLocal static var configuration: String?

    /// Why the cluster could not be started, with the script's output and the daemons' logs.
    struct StartFailure: Error, CustomStringConvertible {
        let description: String
    }

    func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("coupled-driver-slurm-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        defer { _ = try? script("stop", folder) }
        let start = try script("start", folder)
        guard start.status == 0, let configuration = start.output.split(separator: "\n").last.map(String.init) else {
            let logs = ["slurmctld.log", "slurmd.log", "munged.log"].map { name in
                "\(name):\n" + ((try? String(contentsOfFile: folder + "/" + name, encoding: .utf8)) ?? "(none)")
            }
            throw StartFailure(description: "scripts/local-slurm.sh start failed:\n\(start.output)\n" + logs.joined(separator: "\n"))
        }
        try await Self.$configuration.withValue(configuration) { try await function() }
    }

    /// Runs `scripts/local-slurm.sh ACTION FOLDER` to its end; the daemons it starts get no
    /// blocked signals, so `stop` can end them with SIGTERM.
    private func script(_ action: String, _ folder: String) throws -> (status: Int32, output: String) {
        let process = Process(), pipe = Pipe()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [Repository.path("scripts/local-slurm.sh"), action, folder]
        process.standardOutput = pipe
        process.standardError = pipe
        try process.runWithSignalsUnblocked()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }
}

extension Trait where Self == LocalSlurmCluster {
    /// Runs the suite against a real Slurm started on this machine for it.
    static var localSlurm: Self { LocalSlurmCluster() }
}
