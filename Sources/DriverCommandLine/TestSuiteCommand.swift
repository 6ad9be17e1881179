import ArgumentParser
import Coupling
import Driver
import Foundation

/// `coupled-driver test-suite NAMELIST`: CESM-style system tests of a configuration.
struct TestSuiteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test-suite",
        abstract: "Run CESM-style system tests (SMS, ERS, ERP, PEM, PET, SEQ, REP) of a namelist under mpirun.",
        discussion: """
        Each test runs the configuration twice in a different way (restarted half-way, on \
        another layout, with other thread counts, ...) in its own folder under --output and \
        compares every coupler and component history file value for value. Run it when you \
        port to a new machine or change the code. Exits 0 only when every test passes.

        Tests: \(SystemTest.allCases.map { "\($0.rawValue) (\($0.summary))" }.joined(separator: "; ")).
        """)

    @Argument(help: "The namelist to test (its own layout is replaced by each test's).")
    var namelist: String

    @Option(name: .long, parsing: .upToNextOption, help: "The tests to run (default: all).")
    var tests: [String] = SystemTest.allCases.map(\.rawValue)

    @Option(name: .long, help: "MPI ranks of the full-size runs.")
    var ranks: Int = 4

    @Option(name: .long, help: "Simulated days of each straight run (even: restart tests stop half-way).")
    var days: Int = 2

    @Option(name: .long, help: "Where to put the tests' run folders.")
    var output: String = "system-tests"

    @Option(name: .long, help: "The mpirun to launch with.")
    var mpirun: String = "/usr/bin/mpirun"

    func validate() throws {
        guard ranks >= 1 else { throw ValidationError("--ranks must be at least 1") }
        guard days >= 1 else { throw ValidationError("--days must be at least 1") }
        for name in tests where SystemTest(rawValue: name.uppercased()) == nil {
            throw ValidationError("unknown test '\(name)'; the tests are \(SystemTest.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    func run() throws {
        let suite = SystemTestSuite(namelistPath: absolute(namelist), ranks: ranks, days: days, output: absolute(output),
                                    executable: CommandLine.executablePath, mpirun: mpirun)
        let selected = tests.compactMap { SystemTest(rawValue: $0.uppercased()) }
        let results = suite.run(selected) { result in
            print("\(result.passed ? "PASS" : "FAIL") \(result.test.rawValue): \(result.detail)")
            if !result.passed { print("     (runs and logs in \(result.folder))") }
        }
        let failed = results.filter { !$0.passed }
        print("\(results.count - failed.count) of \(results.count) system tests passed.")
        if !failed.isEmpty { throw ExitCode.failure }
    }

    private func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }
}

extension CommandLine {
    /// The path of the running executable.
    static var executablePath: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? arguments[0]
    }
}
