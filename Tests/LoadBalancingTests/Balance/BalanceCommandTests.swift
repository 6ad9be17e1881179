import Driver
import Foundation
import FoundationXML
import LoadBalancing
import Testing
import TestSupport

/// `coupled-driver balance` end to end: test runs through a backend, fits, a proposed layout
/// that the driver accepts and runs, and clear failures.
@Suite("coupled-driver balance", .serialized)
struct BalanceCommandTests {
    /// Runs `coupled-driver balance` on the default configuration with `arguments`.
    static func balance(_ arguments: [String], output: TemporaryDirectory, namelist: String = Repository.path("namelists/default.nml"),
                        timeout: Double = 600) -> JobResult {
        Job.run(Job.product("coupled-driver"), ["balance", namelist, "--output", output.path] + arguments, timeout: timeout)
    }

    /// Checks what a successful balance leaves in `output` for `tasks` tasks and `runs` test runs.
    static func expectProposal(in output: TemporaryDirectory, tasks: Int, runs: Int, result: JobResult) throws {
        #expect(result.exitCode == 0 && !result.timedOut, "\(result.output)")
        let report = try #require(output.read("report.txt"))
        #expect(result.standardOutput.contains(report), "the report is printed")
        #expect(report.contains("searched layout ("))
        for kind in ["atm", "lnd", "ice", "ocn", "cpl"] {
            #expect(report.contains("  \(kind): T(n) = "), "no cost model for \(kind):\n\(report)")
        }
        let completed = report.split(separator: "\n").filter { $0.contains(" completed ") && $0.contains("ranks ") }
        #expect(completed.count == runs, "\(runs) test runs should complete:\n\(report)")
        for picture in ["costs.svg", "predicted-timeline.svg"] {
            let data = try #require(FileManager.default.contents(atPath: output.path + "/" + picture), "\(picture) missing")
            #expect(XMLParser(data: data).parse(), "\(picture) is not well-formed")
        }
        // The proposed namelist is valid for the job size, and differs from the test runs only in its layout;
        // its relative paths are the namelist's (namelists/default.nml), as its grid and weights files show.
        let check = Job.run(Job.product("coupled-driver"), ["check", output.path + "/proposed.nml", "--ranks", "\(tasks)",
                                                            "--paths-from", Repository.path("namelists"),
                                                            "--picture", output.path + "/proposed-layout.svg"])
        #expect(check.exitCode == 0, "\(check.output)")
        #expect(check.standardOutput.contains("The namelist is valid for \(tasks) ranks."))
    }

    @Test("the mpirun backend: test runs on 1 and 2 ranks, a proposed layout for 2 that runs, predicted against measured")
    func mpirunBackend() throws {
        let output = TemporaryDirectory("balance-mpirun")
        let result = Self.balance(["--total-tasks", "2", "--backend", "mpirun", "--days", "1", "--verify"], output: output)
        try Self.expectProposal(in: output, tasks: 2, runs: 2, result: result)
        let report = try #require(output.read("report.txt"))
        #expect(report.contains("verification run of the searched layout: completed"), "\(report)")
        let line = try #require(report.split(separator: "\n").first { $0.contains("measured / predicted = ") })
        let ratio = try #require(Double(line.split(separator: "=").last!.trimmingCharacters(in: .whitespaces).dropLast()))
        #expect(ratio > 0, "\(line)")
        #expect(output.exists("runs/proposed/timing/timing.json"))
        // proposed.nml holds the fastest layout that ran: the searched one, measured by the
        // verification run, unless a test run of another layout measured faster.
        let verified = try TimingReport.read(from: output.path + "/runs/proposed")
        func layout(_ timing: TimingReport) -> [String] {
            timing.components.map { "\($0.name)_ntasks = \($0.tasks), \($0.name)_nthreads = \($0.threads), \($0.name)_rootpe = \($0.rootRank)" }
        }
        let others = try FileManager.default.contentsOfDirectory(atPath: output.path + "/runs").filter { $0 != "proposed" }
            .map { try TimingReport.read(from: output.path + "/runs/" + $0) }
            .filter { layout($0) != layout(verified) }
        let fastestOther = others.min { $0.secondsPerSimulatedDay < $1.secondsPerSimulatedDay }
        let expected = fastestOther.flatMap { $0.secondsPerSimulatedDay < verified.secondsPerSimulatedDay ? $0 : nil } ?? verified
        let proposed = try #require(output.read("proposed.nml"))
        for line in layout(expected) {
            #expect(proposed.contains(line), "proposed.nml should hold the layout measured at \(expected.secondsPerSimulatedDay) s/day:\n\(proposed)")
        }
        let holds = try #require(report.split(separator: "\n").first { $0.hasPrefix("proposed.nml holds ") })
        #expect(holds.contains(String(format: "measured %.4f s per simulated day", expected.secondsPerSimulatedDay)), "\(holds)")
    }

    @Test("user sizes: atm at 1 and 3 tasks, the others on the default ladder; one run per size")
    func userSizes() throws {
        let output = TemporaryDirectory("balance-sizes")
        let result = Self.balance(["--total-tasks", "3", "--backend", "local", "--days", "1", "--sizes", "atm=1,3"], output: output)
        try Self.expectProposal(in: output, tasks: 3, runs: 3, result: result)
        let report = try #require(output.read("report.txt"))
        #expect(report.contains("run03-3ranks"), "\(report)")
    }

    @Test("test runs that fail end the balance with the runs and their status named")
    func failingRuns() throws {
        let output = TemporaryDirectory("balance-fail")
        var namelist = ConfigurationNamelist("default")
        namelist.set("atm", "'test'", in: "components")
        namelist.replaceGroup("test_component_nml", with: "&test_component_nml fail_component = 'atm', fail_phase = 'run' /")
        let path = output.write("failing.nml", namelist.text)
        let result = Self.balance(["--total-tasks", "2", "--backend", "mpirun"], output: output, namelist: path)
        #expect(result.exitCode != 0)
        #expect(result.standardError.contains("error: no test run measured atm"), "\(result.output)")
        #expect(result.standardError.contains("balance-run01-1ranks: failed (exit code"), "\(result.output)")
        #expect(!output.exists("proposed.nml"))
    }

    @Test("a bad request is refused before any run", arguments: [
        (["--total-tasks", "0"], "--total-tasks must be at least 1"),
        (["--total-tasks", "2", "--backend", "lsf"], "unknown backend 'lsf'"),
        (["--total-tasks", "2", "--sizes", "atmos=1,2"], "--sizes atmos=1,2: write COMPONENT=N,N,..."),
        (["--total-tasks", "2", "--sizes", "atm=4"], "atm size 4 is outside 1-2"),
    ])
    func badRequest(arguments: [String], message: String) {
        let output = TemporaryDirectory("balance-bad")
        let result = Self.balance(arguments, output: output, timeout: 60)
        #expect(result.exitCode != 0)
        #expect(result.standardError.contains(message), "\(result.output)")
        #expect(!output.exists("runs"))
    }

    @Test("a queue or account that could become a command in a job script is refused before any job is made", arguments: [
        (["--backend", "slurm", "--queue", "debug\ntouch /tmp/pwned"], "--queue 'debug\\ntouch /tmp/pwned' holds a line break (\\n) at character 6"),
        (["--backend", "pbs", "--account", "$(id)"], "--account '$(id)' holds '$' at character 1"),
        (["--backend", "slurm", "--account", "climate`id`"], "--account 'climate`id`' holds a backquote (`) at character 8"),
        (["--backend", "pbs", "--queue", "de'bug"], "--queue 'de'bug' holds a quote (') at character 3"),
    ])
    func unsafeBatchNames(arguments: [String], message: String) {
        let output = TemporaryDirectory("balance-names")
        let result = Self.balance(["--total-tasks", "2"] + arguments, output: output, timeout: 60)
        #expect(result.exitCode != 0)
        #expect(result.standardError.contains(message), "\(result.output)")
        #expect(result.standardError.contains("a queue or account may hold only ASCII letters, digits and + - . @ _"), "\(result.output)")
        #expect(!output.exists("runs"), "no test run may be made")
    }
}
