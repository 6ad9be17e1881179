import Foundation
import LoadBalancing
import Testing
import TestSupport

/// No value of a job — queue, account, name, paths, environment, directives — can become a
/// command in its batch script: directive values are refused unless they are plain names, and
/// everything else is single-quoted or in a comment with its line breaks replaced.
@Suite("Batch job scripts: no value becomes a command", .serialized)
struct BatchScriptInjectionTests {
    /// A value trying to run a command, and how the refusal names its first bad character.
    struct Attempt: Sendable, CustomTestStringConvertible {
        let value: String
        let refusal: String
        var testDescription: String { JobScriptValue.displayed(value) }
    }

    static let attempts = [
        Attempt(value: "debug\ntouch /tmp/pwned", refusal: "holds a line break (\\n) at character 6"),
        Attempt(value: "$(id)", refusal: "holds '$' at character 1"),
        Attempt(value: "debug'; touch /tmp/pwned; '", refusal: "holds a quote (') at character 6"),
        Attempt(value: "de\"bug", refusal: "holds a double quote (\") at character 3"),
        Attempt(value: "`id`", refusal: "holds a backquote (`) at character 1"),
    ]

    /// The batch backends whose scripts are checked.
    static let backends: [String] = ["slurm", "pbs"]

    private func script(_ backend: String, for job: CoupledJob, extraDirectives: [String] = []) throws(BackendError) -> String {
        backend == "slurm" ? try SlurmBackend(extraDirectives: extraDirectives).script(for: job)
                           : try PBSBackend(extraDirectives: extraDirectives).script(for: job)
    }

    /// The script's lines that bash would run as commands: neither blank nor comments (directives are comments to bash).
    private func commandLines(_ script: String) -> [String] {
        script.split(separator: "\n", omittingEmptySubsequences: true).map(String.init).filter { !$0.hasPrefix("#") }
    }

    @Test("a queue or account that is not a plain name is refused, naming the option and its bad character",
          arguments: attempts, backends)
    func refusedNames(attempt: Attempt, backend: String) throws {
        let folder = TemporaryDirectory("script-names")
        for field in ["queue", "account"] {
            var job = TestJobs.testComponent("names", in: folder)
            if field == "queue" { job.resources.queue = attempt.value } else { job.resources.account = attempt.value }
            do {
                let text = try script(backend, for: job)
                Issue.record("a script was written for \(field) '\(attempt.testDescription)':\n\(text)")
            } catch {
                #expect(error.description.hasPrefix("invalid job: \(field) '\(JobScriptValue.displayed(attempt.value))' \(attempt.refusal)"),
                        "\(error)")
                #expect(error.description.contains("ASCII letters, digits and + - . @ _"), "\(error)")
            }
        }
        #expect(JobScriptValue.nameProblem("climate_01.x-y@pbs1+a") == nil)
        #expect(JobScriptValue.nameProblem("-debug") != nil, "a value starting with '-' would be read as an option")
    }

    @Test("a job name, run directory and environment with line breaks, $(...), backquotes and quotes run no command",
          arguments: backends)
    func quotedValuesRunNoCommand(backend: String) throws {
        let folder = TemporaryDirectory("script-quoted")
        let pwned = folder.path + "/pwned"
        var job = TestJobs.testComponent("quoted", in: folder)
        job.name = "x\ntouch \(pwned) $(touch \(pwned)) `touch \(pwned)` \"q' ; touch \(pwned)"
        // `$`, `(`, backquotes and (for Slurm) a quote in the run directory; PBS's unquoted `-o PATH` refuses quotes.
        job.runDirectory = folder.path + "/run$(touch${IFS}pwned)`touch${IFS}pwned`" + (backend == "slurm" ? "'q" : "")
        let launcher = MPILauncher(environment: MPILauncher.sharedMemoryEnvironment.merging(
            ["CD_INJECTION_TEST": "a'b$(touch \(pwned))`touch \(pwned)`\"c"]) { _, new in new })
        let text = backend == "slurm" ? try SlurmBackend(launcher: launcher).script(for: job)
                                      : try PBSBackend(launcher: launcher).script(for: job)
        for line in commandLines(text) {
            #expect(!line.hasPrefix("touch") && !line.hasPrefix(" touch") && !line.hasPrefix("$(") && !line.hasPrefix("`"),
                    "a line of the script runs a command of a value: \(line)")
        }
        #expect(!text.split(separator: "\n").contains { $0.hasPrefix("touch") }, "no value starts a line")
        #expect(text.contains("export CD_INJECTION_TEST='a'\\''b$(touch \(pwned))`touch \(pwned)`\"c'\n"))

        // Run as the batch system would (its directives are comments to bash): the coupled run
        // completes in that run directory and nothing was touched.
        try FileManager.default.createDirectory(atPath: job.folder, withIntermediateDirectories: true)
        let path = job.folder + "/job.sh"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let result = Job.run("/bin/bash", [path], directory: folder.url, timeout: 60,
                             environment: Job.mpiEnvironment.merging(["PBS_O_WORKDIR": job.runDirectory]) { _, new in new })
        #expect(result.exitCode == 0, "\(result.output)")
        #expect(TestJobs.succeeded(job), "the run did not complete in \(job.runDirectory)")
        #expect(!FileManager.default.fileExists(atPath: pwned), "a value ran 'touch'")
        let touched = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0 == "pwned" }
            + ((try? FileManager.default.contentsOfDirectory(atPath: job.runDirectory)) ?? []).filter { $0 == "pwned" }
        #expect(touched.isEmpty, "a value ran 'touch'")
    }

    @Test("a path, variable or directive that could leave its line is refused before any script is written", arguments: backends)
    func refusedLines(backend: String) {
        let folder = TemporaryDirectory("script-lines")
        func refusal(_ job: CoupledJob, launcher: MPILauncher = MPILauncher(), extraDirectives: [String] = []) -> String {
            do {
                let text = backend == "slurm" ? try SlurmBackend(launcher: launcher, extraDirectives: extraDirectives).script(for: job)
                                              : try PBSBackend(launcher: launcher, extraDirectives: extraDirectives).script(for: job)
                return "a script was written:\n\(text)"
            } catch {
                return error.description
            }
        }
        let good = TestJobs.testComponent("lines", in: folder)
        var job = good
        job.runDirectory = folder.path + "/run\ntouch /tmp/pwned"
        #expect(refusal(job).hasPrefix("invalid job: the run directory '\(folder.path)/run\\ntouch /tmp/pwned' holds a line break (\\n)"),
                "\(refusal(job))")
        job = good
        job.namelist = folder.path + "/a\rb.nml"
        #expect(refusal(job).contains("the namelist '\(folder.path)/a\\rb.nml' holds a carriage return (\\r)"), "\(refusal(job))")
        #expect(refusal(good, launcher: MPILauncher(environment: ["X=1; touch /tmp/pwned; Y": "1"]))
            .contains("the environment variable name 'X=1; touch /tmp/pwned; Y' is not a name bash can export"))
        #expect(refusal(good, launcher: MPILauncher(environment: ["X": "1\ntouch /tmp/pwned"]))
            .contains("the value of X '1\\ntouch /tmp/pwned' holds a line break (\\n)"))
        #expect(refusal(good, extraDirectives: ["--qos=debug\ntouch /tmp/pwned"])
            .contains("the extra directive '--qos=debug\\ntouch /tmp/pwned' holds a line break (\\n)"))
        job = good
        job.runDirectory = folder.path + (backend == "slurm" ? "/run\"x" : "/run x")
        #expect(refusal(job).contains("the job's output file '\(job.folder)/output.txt' holds \(backend == "slurm" ? "a double quote (\")" : "a space")"),
                "\(refusal(job))")
        if backend == "slurm" {
            job.runDirectory = folder.path + "/run%j"
            #expect(refusal(job).contains("holds '%'"), "Slurm replaces %j in --output: \(refusal(job))")
        }
    }
}
