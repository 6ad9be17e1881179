/// A batch job script: the batch system's directives, then a body that runs the job's `mpirun`
/// and records in the job's folder when it started (`started`) and how it ended (`exit-status`:
/// `exit CODE EPOCH`, or `signal NAME EPOCH` when the shell is sent SIGTERM or SIGINT, as batch
/// systems do on cancellation and at the time limit). The marker is written also when `mpirun`
/// fails, so a failed job is seen as failed without the batch system's accounting.
///
/// No value can become a command (see `JobScriptValue`): `check` refuses a job whose values
/// could break out of their line, every value in the body is single-quoted, and comments have
/// their control characters replaced.
struct BatchScript: Sendable {
    /// Directive lines (`#SBATCH ...`, `#PBS ...`).
    var directives: [String]
    /// What the backend is and how to submit the script again by hand.
    var comment: [String]
    /// The line that enters the working directory (`cd RUNDIR`, `cd "$PBS_O_WORKDIR"`).
    var changeDirectory: String
    let job: CoupledJob
    let launcher: MPILauncher

    var text: String {
        let folder = JobFolder(job)
        var lines = ["#!/bin/bash"] + directives + comment.map { "# " + JobScriptValue.commentSafe($0) }
        lines += [
            "job_folder=\(Self.quote(folder.path))",
            "rm -f \"$job_folder/exit-status\"",
            "date +%s > \"$job_folder/started\"",
            "ended() { echo \"$1 $(date +%s)\" > \"$job_folder/exit-status.tmp\" && mv -f \"$job_folder/exit-status.tmp\" \"$job_folder/exit-status\"; }",
            "trap 'ended \"signal TERM\"; exit 143' TERM",
            "trap 'ended \"signal INT\"; exit 130' INT",
            changeDirectory,
        ]
        lines += launcher.environment(for: job).sorted { $0.key < $1.key }.map { "export \($0.key)=\(Self.quote($0.value))" }
        lines += [
            launcher.commandLine(for: job).map(Self.quote).joined(separator: " "),
            "status=$?",
            "ended \"exit $status\"",
            "exit $status",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    /// Throws `invalidJob`, naming the value and its bad character, unless every value of `job`
    /// can go into a script of `launcher`: the queue and account (`JobScriptValue.nameProblem`),
    /// the paths, the `mpirun` and its options and the environment (one line each, variables
    /// named as bash allows), the job's output path in the directives (also without `refused`,
    /// the characters this batch system's directive cannot hold) and `extraDirectives`.
    static func check(_ job: CoupledJob, launcher: MPILauncher, extraDirectives: [String],
                      outputPathRefusing refused: Set<Character>) throws(BackendError) {
        if let queue = job.resources.queue { try JobScriptValue.checkName(queue, option: "queue") }
        if let account = job.resources.account { try JobScriptValue.checkName(account, option: "account") }
        var lines = [("the run directory", job.runDirectory), ("the namelist", job.namelist), ("the executable", job.executable),
                     ("the mpirun", launcher.mpirun)]
        lines += job.pathsFrom.map { [("the folder of --paths-from", $0)] } ?? []
        lines += launcher.options.map { ("the mpirun option", $0) } + extraDirectives.map { ("the extra directive", $0) }
        for (name, variable) in launcher.environment(for: job).sorted(by: { $0.key < $1.key }) {
            guard JobScriptValue.isVariableName(name) else {
                throw .invalidJob("the environment variable name '\(JobScriptValue.displayed(name))' is not a name bash can export "
                    + "(a letter or '_', then letters, digits and '_')")
            }
            lines.append(("the value of \(name)", variable))
        }
        for (what, value) in lines {
            if let problem = JobScriptValue.lineProblem(value) { throw .invalidJob("\(what) '\(JobScriptValue.displayed(value))' \(problem)") }
        }
        let output = JobFolder(job).output
        if let problem = JobScriptValue.directivePathProblem(output, refusing: refused) {
            throw .invalidJob("the job's output file '\(JobScriptValue.displayed(output))' \(problem); choose another run directory")
        }
    }

    /// `text` in single quotes for bash.
    static func quote(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// The job's name with every character a batch system might refuse replaced by `_`.
    static func safeName(_ name: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.")
        let safe = String(name.map { allowed.contains($0) ? $0 : "_" })
        return safe.first?.isLetter == true ? safe : "j" + safe
    }
}
