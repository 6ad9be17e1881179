import Foundation

/// PBS Professional / OpenPBS commands for `PBSBackend`: `qsub` (run from the run directory, so
/// `$PBS_O_WORKDIR` is the run directory), `qstat -x -f` (`-x` includes finished jobs, while the
/// server keeps their history), `qdel`.
struct PBSScheduler: BatchScheduler {
    let name = BackendName.pbs.rawValue
    let launcher: MPILauncher
    let coresPerNode: Int?
    let extraDirectives: [String]
    let environment = ProcessEnvironment.inherited(removing: ProcessEnvironment.mpiJobPrefixes)

    func checkAvailable() async throws(BackendError) {
        for tool in ["qsub", "qstat", "qdel"] where ProcessEnvironment.locate(tool, in: environment) == nil {
            throw .unavailable(backend: name, reason: "'\(tool)' is not on the PATH (PBS Professional or OpenPBS is needed)")
        }
        let ping = try await command("qstat", ["-B"]).run()
        guard ping.exitCode == 0 else { throw .unavailable(backend: name, reason: "qstat -B: \(ping.text)") }
    }

    /// What PBS's unquoted `-o PATH` cannot hold: blanks, quotes and the escape.
    static let outputPathRefusing: Set<Character> = [" ", "\"", "'", "\\"]

    func script(for job: CoupledJob) throws(BackendError) -> String {
        try BatchScript.check(job, launcher: launcher, extraDirectives: extraDirectives, outputPathRefusing: Self.outputPathRefusing)
        let resources = job.resources
        var directives = [
            "-N \(BatchScript.safeName(job.name))",
            "-l select=\(select(for: resources))",
            "-l walltime=\(resources.wallTimeClock)",
        ]
        if coresPerNode != nil { directives.append("-l place=scatter") }
        if let queue = resources.queue { directives.append("-q \(queue)") }
        if let account = resources.account { directives.append("-A \(account)") }
        directives += ["-j oe", "-o \(JobFolder(job).output)"] + extraDirectives
        return BatchScript(directives: directives.map { "#PBS " + $0 },
                           comment: ["Written by coupled-driver's PBSBackend for job '\(job.name)'. Submit it again as it is, from the",
                                     "run directory (it becomes $PBS_O_WORKDIR), with",
                                     "  cd \(BatchScript.quote(job.runDirectory)) && qsub job/job.sh"],
                           changeDirectory: "cd \"$PBS_O_WORKDIR\" || exit 1",
                           job: job, launcher: launcher).text
    }

    /// The `select` chunks: with `coresPerNode`, whole nodes of `coresPerNode / threads` ranks
    /// (the last node takes the rest); without it, one chunk per rank.
    func select(for resources: JobResources) -> String {
        let threads = resources.threadsPerRank
        let memory = resources.memoryMiB.map { ":mem=\($0)mb" } ?? ""
        func chunk(_ count: Int, ranks: Int) -> String {
            "\(count):ncpus=\(ranks * threads):mpiprocs=\(ranks):ompthreads=\(threads)" + memory
        }
        guard let coresPerNode else { return chunk(resources.ranks, ranks: 1) }
        let perNode = min(max(coresPerNode / threads, 1), resources.ranks)
        let full = resources.ranks / perNode, rest = resources.ranks % perNode
        return ([chunk(full, ranks: perNode)] + (rest > 0 ? [chunk(1, ranks: rest)] : [])).joined(separator: "+")
    }

    func submit(scriptAt path: String, for job: CoupledJob) async throws(BackendError) -> String {
        var qsub = command("qsub", [path])
        qsub.directory = job.runDirectory
        let id = try await qsub.output().trimmingCharacters(in: .whitespacesAndNewlines)
        guard let first = id.first, first.isNumber, !id.contains(where: \.isWhitespace) else {
            throw .unexpectedOutput(command: qsub.display, output: id)
        }
        return id
    }

    func states(of ids: [String]) async throws(BackendError) -> [String: SchedulerState] {
        let qstat = command("qstat", ["-x", "-f"] + ids)
        let answer = try await qstat.run()
        // Jobs the server does not know are reported on standard error ("Unknown Job Id"), the others still printed.
        guard answer.exitCode == 0 || answer.standardError.contains("Unknown Job Id") else {
            throw .commandFailed(command: qstat.display, exitCode: answer.exitCode, output: answer.text)
        }
        let reported = Self.parseQstat(answer.standardOutput)
        var states = [String: SchedulerState]()
        for id in ids {
            let sequence = id.split(separator: ".").first.map(String.init) ?? id
            let match = reported[id] ?? reported.first { $0.key.split(separator: ".").first.map(String.init) == sequence }?.value
            if let match { states[id] = match }
        }
        return states
    }

    func cancel(_ ids: [String]) async throws(BackendError) {
        _ = try await command("qdel", ids).output()
    }

    private func command(_ tool: String, _ arguments: [String]) -> ExternalCommand {
        ExternalCommand(executable: ProcessEnvironment.locate(tool, in: environment) ?? tool, arguments: arguments, environment: environment)
    }

    /// Reads `qstat -f` output: blocks starting `Job Id: ID`, then `    name = value` lines;
    /// long values continue on lines starting with a tab.
    static func parseQstat(_ text: String) -> [String: SchedulerState] {
        var jobs = [String: [String: String]]()
        var id: String?
        var key: String?
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            if line.hasPrefix("Job Id:") {
                id = line.dropFirst("Job Id:".count).trimmingCharacters(in: .whitespaces)
                key = nil
                jobs[id!] = [:]
            } else if let id, !line.hasPrefix("\t"), let equals = line.range(of: " = "),
                      line.first == " ", !line[..<equals.lowerBound].trimmingCharacters(in: .whitespaces).contains(" ") {
                let name = line[..<equals.lowerBound].trimmingCharacters(in: .whitespaces)
                jobs[id]![name] = String(line[equals.upperBound...])
                key = name
            } else if let id, let key {
                jobs[id]![key]! += line.trimmingCharacters(in: .whitespaces)
            }
        }
        return jobs.mapValues(state)
    }

    /// The meaning of one job's attributes.
    static func state(_ attributes: [String: String]) -> SchedulerState {
        let lowercased = Dictionary(attributes.map { ($0.key.lowercased(), $0.value) }) { first, _ in first }
        switch lowercased["job_state"]?.trimmingCharacters(in: .whitespaces) {
        case "Q", "H", "W", "T", "M":
            return .pending
        case "F", "X", "C":
            return .ended(end(exitStatus: lowercased["exit_status"].flatMap { Int32($0.trimmingCharacters(in: .whitespaces)) },
                              comment: attributes["comment"] ?? "",
                              used: attributes["resources_used.walltime"].flatMap(seconds),
                              limit: attributes["Resource_List.walltime"].flatMap(seconds)))
        default:
            return .running
        }
    }

    private static func end(exitStatus: Int32?, comment: String, used: Int?, limit: Int?) -> SchedulerState.End {
        // PBS Professional: JOB_EXEC_KILL_WALLTIME = -29, with "... and exceeded resource walltime".
        if exitStatus == -29 || comment.contains("exceeded resource walltime") { return .timedOut }
        guard let exitStatus else {
            return .failed(exitCode: nil, reason: "PBS reports the job finished without an exit status" + (comment.isEmpty ? "" : ": \(comment)"))
        }
        switch exitStatus {
        case 0:
            return .completed
        case 256...:
            // The job's shell was killed by signal exitStatus - 256: by the server at the wall time, or by qdel.
            if let used, let limit, used >= limit { return .timedOut }
            return .cancelled
        case ..<0:
            return .failed(exitCode: exitStatus, reason: "PBS could not run the job to its end (Exit_status \(exitStatus))"
                + (comment.isEmpty ? "" : ": \(comment)"))
        default:
            return .failed(exitCode: exitStatus, reason: "the job script exited with status \(exitStatus)")
        }
    }

    /// Seconds in `[[H:]M:]S`.
    private static func seconds(_ clock: String) -> Int? {
        let parts = clock.trimmingCharacters(in: .whitespaces).split(separator: ":").map { Int($0) }
        guard !parts.isEmpty, parts.count <= 3, parts.allSatisfy({ $0 != nil }) else { return nil }
        return parts.reduce(0) { $0 * 60 + $1! }
    }
}
