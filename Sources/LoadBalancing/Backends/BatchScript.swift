/// A batch job script: the batch system's directives, then a body that runs the job's `mpirun`
/// and records in the job's folder when it started (`started`) and how it ended (`exit-status`:
/// `exit CODE EPOCH`, or `signal NAME EPOCH` when the shell is sent SIGTERM or SIGINT, as batch
/// systems do on cancellation and at the time limit). The marker is written also when `mpirun`
/// fails, so a failed job is seen as failed without the batch system's accounting.
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
        var lines = ["#!/bin/bash"] + directives + comment.map { "# " + $0 }
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
