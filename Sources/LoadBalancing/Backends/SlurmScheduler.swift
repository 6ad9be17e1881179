import Foundation

/// Slurm's commands for `SlurmBackend`: `sbatch --parsable`, `squeue -t all` (which shows
/// finished jobs until the controller forgets them, `MinJobAge` after their end), `sacct` for
/// forgotten jobs when accounting exists, `scancel`. Every command runs in this process's
/// environment without inherited `SLURM_*`/`SBATCH_*`/`SALLOC_*`/`SRUN_*` variables (only
/// `SLURM_CONF`, which names the cluster, is kept or set).
struct SlurmScheduler: BatchScheduler {
    let name = BackendName.slurm.rawValue
    let launcher: MPILauncher
    let extraDirectives: [String]
    let environment: [String: String]

    init(launcher: MPILauncher, configuration: String?, extraDirectives: [String]) {
        self.launcher = launcher
        self.extraDirectives = extraDirectives
        var environment = ProcessEnvironment.inherited(removing: ProcessEnvironment.slurmJobPrefixes + ProcessEnvironment.mpiJobPrefixes,
                                                       keeping: ["SLURM_CONF"])
        if let configuration { environment["SLURM_CONF"] = configuration }
        self.environment = environment
    }

    func checkAvailable() async throws(BackendError) {
        for tool in ["sbatch", "squeue", "scancel", "sinfo"] where ProcessEnvironment.locate(tool, in: environment) == nil {
            throw .unavailable(backend: name, reason: "'\(tool)' is not on the PATH (install slurm-client)")
        }
        let ping = try await command("sinfo", ["-h", "-o", "%P"]).run()
        guard ping.exitCode == 0 else { throw .unavailable(backend: name, reason: "sinfo: \(ping.text)") }
    }

    /// What Slurm's quoted `--output="PATH"` cannot hold: the closing quote, the escape, and `%`,
    /// which Slurm replaces (`%j`: the job id).
    static let outputPathRefusing: Set<Character> = ["\"", "\\", "%"]

    func script(for job: CoupledJob) throws(BackendError) -> String {
        try BatchScript.check(job, launcher: launcher, extraDirectives: extraDirectives, outputPathRefusing: Self.outputPathRefusing)
        let resources = job.resources
        var directives = [
            "--job-name=\(BatchScript.safeName(job.name))",
            "--ntasks=\(resources.ranks)",
            "--cpus-per-task=\(resources.threadsPerRank)",
            "--time=\(resources.wallTimeClock)",
            "--output=\"\(JobFolder(job).output)\"",
        ]
        if let queue = resources.queue { directives.append("--partition=\(queue)") }
        if let account = resources.account { directives.append("--account=\(account)") }
        if let memory = resources.memoryMiB { directives.append("--mem=\(memory)M") }
        directives += extraDirectives
        return BatchScript(directives: directives.map { "#SBATCH " + $0 },
                           comment: ["Written by coupled-driver's SlurmBackend for job '\(job.name)'. Submit it again as it is with",
                                     "  sbatch --parsable \(JobFolder(job).script)"],
                           changeDirectory: "cd \(BatchScript.quote(job.runDirectory)) || exit 1",
                           job: job, launcher: launcher).text
    }

    func submit(scriptAt path: String, for job: CoupledJob) async throws(BackendError) -> String {
        var sbatch = command("sbatch", ["--parsable", path])
        sbatch.directory = job.runDirectory
        let output = try await sbatch.output().trimmingCharacters(in: .whitespacesAndNewlines)
        // --parsable prints "ID" or "ID;CLUSTER".
        guard let id = output.split(separator: ";").first, !id.isEmpty, id.allSatisfy(\.isNumber) else {
            throw .unexpectedOutput(command: sbatch.display, output: output)
        }
        return String(id)
    }

    func states(of ids: [String]) async throws(BackendError) -> [String: SchedulerState] {
        let squeue = command("squeue", ["-h", "-t", "all", "-o", "%i|%T|%r", "-j", ids.joined(separator: ",")])
        let answer = try await squeue.run()
        // A single id the controller no longer knows is an error ("Invalid job id specified").
        guard answer.exitCode == 0 || answer.standardError.contains("Invalid job id") else {
            throw .commandFailed(command: squeue.display, exitCode: answer.exitCode, output: answer.text)
        }
        var states = Self.parseSqueue(answer.standardOutput)
        let forgotten = ids.filter { states[$0] == nil }
        if !forgotten.isEmpty {
            states.merge(try await accountingStates(of: forgotten)) { queue, _ in queue }
        }
        return states
    }

    func cancel(_ ids: [String]) async throws(BackendError) {
        _ = try await command("scancel", ids).output()
    }

    /// What `sacct` says about `ids`; empty when the cluster keeps no accounting.
    private func accountingStates(of ids: [String]) async throws(BackendError) -> [String: SchedulerState] {
        guard ProcessEnvironment.locate("sacct", in: environment) != nil else { return [:] }
        let answer = try await command("sacct", ["-n", "-X", "-P", "-o", "JobID,State,ExitCode", "-j", ids.joined(separator: ",")]).run()
        guard answer.exitCode == 0 else { return [:] }
        return Self.parseSacct(answer.standardOutput)
    }

    private func command(_ tool: String, _ arguments: [String]) -> ExternalCommand {
        ExternalCommand(executable: ProcessEnvironment.locate(tool, in: environment) ?? tool, arguments: arguments, environment: environment)
    }

    /// Reads `squeue -h -o '%i|%T|%r'` lines.
    static func parseSqueue(_ text: String) -> [String: SchedulerState] {
        var states = [String: SchedulerState]()
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard fields.count >= 2 else { continue }
            states[fields[0]] = state(fields[1], reason: fields.count > 2 ? fields[2] : "", exitCode: nil)
        }
        return states
    }

    /// Reads `sacct -n -X -P -o JobID,State,ExitCode` lines (`123|CANCELLED by 0|0:15`).
    static func parseSacct(_ text: String) -> [String: SchedulerState] {
        var states = [String: SchedulerState]()
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 3, let word = fields[1].split(separator: " ").first else { continue }
            let exitCode = fields[2].split(separator: ":").first.flatMap { Int32($0) }
            states[fields[0]] = state(String(word), reason: "", exitCode: exitCode)
        }
        return states
    }

    /// The meaning of a Slurm job state. States this list does not name count as running: a
    /// job is never taken for ended on a word the backend does not know.
    static func state(_ word: String, reason: String, exitCode: Int32?) -> SchedulerState {
        switch word {
        case "PENDING", "CONFIGURING", "REQUEUED", "REQUEUE_FED", "REQUEUE_HOLD", "RESV_DEL_HOLD", "SPECIAL_EXIT":
            return .pending
        case "COMPLETED":
            return .ended(.completed)
        case "CANCELLED":
            return .ended(.cancelled)
        case "TIMEOUT":
            return .ended(.timedOut)
        case "FAILED", "OUT_OF_MEMORY", "NODE_FAIL", "BOOT_FAIL", "DEADLINE", "PREEMPTED", "REVOKED":
            let because = reason.isEmpty || reason == "None" ? "" : " (\(reason))"
            return .ended(.failed(exitCode: exitCode, reason: "Slurm reports the job \(word)\(because)"))
        default:
            return .running
        }
    }
}
