import Driver
import Foundation
import LoadBalancing
import Testing
import TestSupport

/// SlurmBackend against a real Slurm (slurmctld + slurmd on this machine, no accounting): real
/// coupled runs complete and leave their timing; a failing job is failed, a cancelled one
/// cancelled, one past its wall time timed out — all known from `squeue` and the job's own exit
/// marker, since this cluster has no `sacct`.
@Suite("Slurm backend on a real local Slurm", .serialized, .localSlurm)
struct SlurmBackendTests {
    private func backend() throws -> SlurmBackend {
        let configuration = try #require(LocalSlurmCluster.configuration, "no local Slurm is running")
        return SlurmBackend(configuration: configuration, pollInterval: .milliseconds(500), markerGrace: .seconds(5))
    }

    @Test("three coupled runs of the default configuration complete and their timing is collected")
    func coupledRuns() async throws {
        let folder = TemporaryDirectory("slurm-runs")
        let jobs = [try TestJobs.defaultConfiguration("one-rank", in: folder, ranks: 1),
                    try TestJobs.defaultConfiguration("two-ranks", in: folder, ranks: 2),
                    try TestJobs.defaultConfiguration("relative-paths", in: folder, ranks: 2, pathsFromRepository: true)]
        let records = try await backend().withStarted { backend in try await TestJobs.runAll(jobs, on: backend) }
        for (job, record) in zip(jobs, records) {
            #expect(record.status == .completed, "\(job.name): \(record.status)\n\(output(of: job))")
            #expect(TestJobs.succeeded(job), "\(job.name): cpl.log does not end the run")
            let timing = try TimingReport.read(from: job.runDirectory)
            #expect(timing.caseName == job.name)
            #expect(timing.worldSize == job.resources.ranks)
            #expect(timing.simulatedDays == 0.25)
            #expect(timing.runSeconds > 0 && timing.initSeconds > 0 && timing.secondsPerSimulatedDay > 0)
            #expect(timing.components.map(\.name) == ["atm", "lnd", "rof", "ice", "ocn", "cpl"])
            #expect(timing.components.allSatisfy { $0.tasks == job.resources.ranks })
            let onDisk = try JobRecord.read(from: JobRecord.path(of: job))
            #expect(onDisk.status == .completed && onDisk.id == record.id)
            #expect(onDisk.script == (try String(contentsOfFile: job.folder + "/job.sh", encoding: .utf8)),
                    "the record keeps the script exactly as submitted")
            #expect(try #require(onDisk.started) >= onDisk.submitted && onDisk.ended! >= onDisk.started!)
        }
        #expect(Set(records.map(\.id)).count == 3)
    }

    @Test("a job that exits non-zero is failed, with the exit status its script wrote")
    func failingJob() async throws {
        let folder = TemporaryDirectory("slurm-fail")
        let job = TestJobs.failing("fails", in: folder, ranks: 2)
        let status = try await backend().withStarted { backend in
            try await backend.wait(for: try await backend.submit(job))
        }
        guard case .failed(let code?, let reason) = status else {
            Issue.record("the failing job was reported \(status)\n\(output(of: job))")
            return
        }
        #expect(code != 0)
        #expect(reason.contains("FAILED"), "Slurm's own verdict is part of the reason: \(reason)")
        #expect(try String(contentsOfFile: job.folder + "/exit-status", encoding: .utf8).hasPrefix("exit \(code) "))
        #expect(output(of: job).contains("failing on purpose"), "the job's output is in its folder")
        #expect(!TestJobs.succeeded(job))
    }

    @Test("a running job cancelled through the backend is cancelled, and its processes end")
    func cancelledJob() async throws {
        let folder = TemporaryDirectory("slurm-cancel")
        let job = TestJobs.hanging("cancelled", in: folder, ranks: 2, wallTimeSeconds: 600)
        let status = try await backend().withStarted { backend in
            let handle = try await backend.submit(job)
            try await waitUntilRunning(job)
            #expect(try await backend.status(of: handle) == .running)
            try await backend.cancel(handle)
            return try await backend.wait(for: handle)
        }
        #expect(status == .cancelled)
        #expect(try String(contentsOfFile: job.folder + "/exit-status", encoding: .utf8).hasPrefix("signal TERM"),
                "the script records the signal it ended by")
        try await expectNoProcesses(of: job)
    }

    @Test("a job past its wall time is timed out (Slurm's minimum limit is one minute)", .timeLimit(.minutes(3)))
    func timedOutJob() async throws {
        let folder = TemporaryDirectory("slurm-timeout")
        let job = TestJobs.hanging("overtime", in: folder, wallTimeSeconds: 60)
        let started = ContinuousClock.now
        let status = try await backend().withStarted { backend in
            try await backend.wait(for: try await backend.submit(job))
        }
        #expect(status == .timedOut, "\(output(of: job))")
        #expect(ContinuousClock.now - started >= .seconds(60))
        #expect(try JobRecord.read(from: JobRecord.path(of: job)).status == .timedOut)
        try await expectNoProcesses(of: job)
    }

    @Test("stop cancels the backend's jobs that have not ended")
    func stopCancels() async throws {
        let folder = TemporaryDirectory("slurm-stop")
        let job = TestJobs.hanging("left-running", in: folder, wallTimeSeconds: 600)
        try await backend().withStarted { backend in
            _ = try await backend.submit(job)
            try await waitUntilRunning(job)
        }
        #expect(try JobRecord.read(from: JobRecord.path(of: job)).status == .cancelled)
        try await expectNoProcesses(of: job)
    }

    @Test("inherited SLURM_* and SBATCH_* variables do not reach sbatch, and a record is resubmitted exactly")
    func cleanEnvironmentAndResubmit() async throws {
        let folder = TemporaryDirectory("slurm-resubmit")
        let job = TestJobs.testComponent("again", in: folder, ranks: 2)
        // As if submitting from inside another job: sbatch would take these as options.
        setenv("SBATCH_PARTITION", "no-such-partition", 1)
        setenv("SLURM_NTASKS", "7", 1)
        defer {
            unsetenv("SBATCH_PARTITION")
            unsetenv("SLURM_NTASKS")
        }
        try await backend().withStarted { backend in
            #expect(try await backend.wait(for: try await backend.submit(job)) == .completed, "\(output(of: job))")
            let first = try JobRecord.read(from: JobRecord.path(of: job))
            try FileManager.default.removeItem(atPath: job.runDirectory + "/cpl.log")
            let handle = try await backend.resubmit(first)
            #expect(handle.id != first.id)
            #expect(try await backend.wait(for: handle) == .completed)
            let second = try JobRecord.read(from: JobRecord.path(of: job))
            #expect(second.id == handle.id && second.script == first.script)
            #expect(try String(contentsOfFile: job.folder + "/job.sh", encoding: .utf8) == first.script)
        }
        #expect(TestJobs.succeeded(job))
    }

    private func output(of job: CoupledJob) -> String {
        (try? String(contentsOfFile: job.folder + "/output.txt", encoding: .utf8)) ?? "(no output)"
    }

    /// Waits until the test component of `job` runs (its call record exists).
    private func waitUntilRunning(_ job: CoupledJob) async throws {
        let deadline = ContinuousClock.now + .seconds(60)
        while !FileManager.default.fileExists(atPath: job.runDirectory + "/calls.rank0.txt") {
            try #require(ContinuousClock.now < deadline, "\(job.name) did not start within 60 s:\n\(output(of: job))")
            try await Task.sleep(for: .milliseconds(200))
        }
    }

    /// Expects that no process of `job` is left within a few seconds (Slurm ends a job's steps itself).
    private func expectNoProcesses(of job: CoupledJob) async throws {
        let deadline = ContinuousClock.now + .seconds(15)
        while !TestJobs.processes(mentioning: job.runDirectory).isEmpty, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(200))
        }
        #expect(TestJobs.processes(mentioning: job.runDirectory).isEmpty, "processes of \(job.name) survive")
    }
}
