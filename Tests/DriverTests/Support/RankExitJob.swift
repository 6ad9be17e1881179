import Foundation
import TestSupport

/// A `coupled-driver` job under `mpirun` in which every rank is started through a small shell
/// wrapper that appends `RANK EXIT` to a file when the rank's process ends, so a test sees the
/// exit code of every rank, not only mpirun's. mpirun is told not to end the other ranks when
/// one exits non-zero (it would kill them before they record); a job ended by `MPI_Abort` is
/// still ended as a whole, and its killed ranks record nothing.
struct RankExitJob {
    let ranks: Int
    let result: JobResult
    /// The exit code each rank recorded, by world rank.
    let exits: [Int: Int32]

    /// Runs `coupled-driver arguments` on `ranks` ranks for at most `timeout` seconds; the exit
    /// codes are recorded in `folder/exits.txt`.
    /// `environment` is added to the job's.
    init(ranks: Int, arguments: [String], timeout: Double, recordingIn folder: String, environment extra: [String: String] = [:]) {
        self.ranks = ranks
        let record = folder + "/exits.txt"
        let script = "\"$0\" \"$@\"; c=$?; echo \"$OMPI_COMM_WORLD_RANK $c\" >> '\(record)'; exit $c"
        var environment = Job.mpiEnvironment.merging(extra) { _, new in new }
        environment["OMPI_MCA_orte_abort_on_non_zero_status"] = "0"
        result = Job.run("/usr/bin/mpirun", ["--oversubscribe", "-n", "\(ranks)", "/bin/sh", "-c", script, Job.product("coupled-driver")] + arguments,
                         timeout: timeout, environment: environment)
        var exits = [Int: Int32]()
        for line in ((try? String(contentsOfFile: record, encoding: .utf8)) ?? "").split(separator: "\n") {
            let parts = line.split(separator: " ")
            if parts.count == 2, let rank = Int(parts[0]), let code = Int32(parts[1]) { exits[rank] = code }
        }
        self.exits = exits
    }

    /// Whether the job was ended by `MPI_Abort` (the driver or Open MPI says so on standard error).
    var aborted: Bool {
        result.standardError.contains("The job is being ended on every rank (MPI_Abort)") || result.standardError.contains("MPI_ABORT was invoked")
    }

    /// Every rank recorded a non-zero exit code.
    var everyRankExitedNonZero: Bool {
        (0 ..< ranks).allSatisfy { exits[$0].map { $0 != 0 } ?? false }
    }

    /// The job failed on every rank: each rank exited non-zero, or `MPI_Abort` ended the job
    /// (mpirun exiting non-zero) and no rank exited 0.
    var failedOnEveryRank: Bool {
        everyRankExitedNonZero || (aborted && result.exitCode != 0 && !exits.values.contains(0))
    }

    /// The recorded exits as text, for messages.
    var exitSummary: String {
        (0 ..< ranks).map { "rank \($0): " + (exits[$0].map { "exit \($0)" } ?? "no exit recorded") }.joined(separator: ", ")
    }
}
