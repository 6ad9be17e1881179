import Foundation
import Testing
import TestSupport

/// The commands that submit jobs — `coupled-driver balance` and `coupled-driver ensemble` —
/// against a real Slurm started on this machine, once for both.
@Suite("coupled-driver balance and ensemble on a real local Slurm", .serialized, .localSlurm)
struct CommandsOnSlurmTests {
    @Test("balance: the test runs are Slurm jobs, and a layout is proposed")
    func balance() throws {
        let configuration = try #require(LocalSlurmCluster.configuration)
        let output = TemporaryDirectory("balance-slurm")
        let result = BalanceCommandTests.balance(["--total-tasks", "2", "--backend", "slurm", "--slurm-conf", configuration,
                                                  "--days", "1", "--wall-time", "5"], output: output)
        try BalanceCommandTests.expectProposal(in: output, tasks: 2, runs: 2, result: result)
        for run in ["run01-1ranks", "run02-2ranks"] {
            let record = try #require(output.read("runs/\(run)/job/record.json"), "no job record for \(run)")
            #expect(record.contains("\"backend\" : \"slurm\"") || record.contains("\"backend\":\"slurm\""), "\(record)")
            #expect(output.exists("runs/\(run)/job/job.sh"), "the Slurm script is kept with the job")
        }
    }

    @Test("ensemble: each member is a Slurm job; one fails once and is retried from its restart")
    func ensemble() throws {
        let configuration = try #require(LocalSlurmCluster.configuration)
        try EnsembleCommandTests.expectRetriedFromRestart(backend: ["--backend", "slurm", "--slurm-conf", configuration, "--wall-time", "5"])
    }
}
