import Foundation
import LoadBalancing
import Testing
import TestSupport

/// The job scripts of the batch backends: the directives they ask the batch system with, and a
/// body that runs the coupled job and writes its own exit status — also when it fails or is
/// killed. PBS cannot run here, so its scripts are run with bash the way a PBS node would.
@Suite("Batch job scripts", .serialized)
struct BatchScriptTests {
    private func job(in folder: TemporaryDirectory, ranks: Int, threads: Int, wallTime: Int) -> CoupledJob {
        var job = TestJobs.testComponent("script test", in: folder, ranks: ranks)
        job.resources = JobResources(ranks: ranks, threadsPerRank: threads, wallTimeSeconds: wallTime, queue: "debug",
                                     account: "climate01", memoryMiB: 2000)
        return job
    }

    private func lines(_ script: String, _ prefix: String) -> [String] {
        script.split(separator: "\n").map(String.init).filter { $0.hasPrefix(prefix) }
    }

    @Test("a Slurm script asks for tasks, CPUs per task, time, partition, account, memory and writes output to the job folder")
    func slurmDirectives() throws {
        let folder = TemporaryDirectory("slurm-script")
        let job = job(in: folder, ranks: 6, threads: 2, wallTime: 5430)
        let script = try SlurmBackend(extraDirectives: ["--overcommit"]).script(for: job)
        #expect(script.hasPrefix("#!/bin/bash\n#SBATCH "))
        #expect(lines(script, "#SBATCH") == [
            "#SBATCH --job-name=script_test",
            "#SBATCH --ntasks=6",
            "#SBATCH --cpus-per-task=2",
            "#SBATCH --time=1:30:30",
            "#SBATCH --output=\"\(job.folder)/output.txt\"",
            "#SBATCH --partition=debug",
            "#SBATCH --account=climate01",
            "#SBATCH --mem=2000M",
            "#SBATCH --overcommit",
        ])
        #expect(script.contains("cd '\(job.runDirectory)' || exit 1\n"))
        #expect(script.contains("export OMP_NUM_THREADS='2'\n"))
        #expect(script.contains("'--oversubscribe' '-n' '6' '\(job.executable)' 'run' '\(job.namelist)' '--rundir' '\(job.runDirectory)'\n"))
    }

    @Test("a PBS script asks for select chunks with ncpus, mpiprocs and ompthreads, a walltime, queue and account, and enters PBS_O_WORKDIR")
    func pbsDirectives() throws {
        let folder = TemporaryDirectory("pbs-script")
        var wide = job(in: folder, ranks: 10, threads: 2, wallTime: 3600)
        wide.runDirectory = folder.path + "/script-test"  // PBS's `-o PATH` cannot hold a blank
        let script = try PBSBackend(coresPerNode: 8).script(for: wide)
        #expect(lines(script, "#PBS") == [
            "#PBS -N script_test",
            "#PBS -l select=2:ncpus=8:mpiprocs=4:ompthreads=2:mem=2000mb+1:ncpus=4:mpiprocs=2:ompthreads=2:mem=2000mb",
            "#PBS -l walltime=1:00:00",
            "#PBS -l place=scatter",
            "#PBS -q debug",
            "#PBS -A climate01",
            "#PBS -j oe",
            "#PBS -o \(wide.folder)/output.txt",
        ])
        #expect(script.contains("cd \"$PBS_O_WORKDIR\" || exit 1\n"))
        #expect(script.contains("export OMPI_MCA_pml='ob1'\n") && script.contains("export OMP_NUM_THREADS='2'\n"))
        #expect(script.contains("'-n' '10' '\(wide.executable)' 'run'"))

        var chunked = TestJobs.testComponent("7-ranks", in: folder, ranks: 7)
        chunked.resources.wallTimeSeconds = 90
        #expect(lines(try PBSBackend().script(for: chunked), "#PBS -l") == [
            "#PBS -l select=7:ncpus=1:mpiprocs=1:ompthreads=1",
            "#PBS -l walltime=0:01:30",
        ])
        #expect(lines(try PBSBackend(coresPerNode: 8).script(for: chunked), "#PBS -l select") == ["#PBS -l select=1:ncpus=7:mpiprocs=7:ompthreads=1"])
    }

    @Test("the PBS script runs the coupled job from PBS_O_WORKDIR and writes exit 0 on success", arguments: [1, 2])
    func pbsScriptRuns(ranks: Int) throws {
        let folder = TemporaryDirectory("pbs-run")
        let job = TestJobs.testComponent("pbs-run", in: folder, ranks: ranks)
        let result = try runAsPBSWould(job)
        #expect(result.exitCode == 0, "\(result.output)")
        #expect(TestJobs.succeeded(job))
        #expect(try marker(of: job).hasPrefix("exit 0 "))
        #expect(FileManager.default.fileExists(atPath: job.folder + "/started"))
    }

    @Test("the script writes a failed run's non-zero exit status and exits with it")
    func pbsScriptFails() throws {
        let folder = TemporaryDirectory("pbs-fail")
        let job = TestJobs.failing("pbs-fail", in: folder, ranks: 2)
        let result = try runAsPBSWould(job)
        #expect(result.exitCode != 0)
        #expect(try marker(of: job).hasPrefix("exit \(result.exitCode) "), "the marker holds the exit status the script ends with")
    }

    @Test("a script sent SIGTERM, as batch systems do at the wall time or on cancellation, writes 'signal TERM'")
    func scriptTerminated() async throws {
        let folder = TemporaryDirectory("pbs-term")
        let job = TestJobs.hanging("pbs-term", in: folder, ranks: 2, wallTimeSeconds: 600)
        let path = try writeScript(try PBSBackend().script(for: job), of: job)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [path]
        process.environment = Job.mpiEnvironment.merging(["PBS_O_WORKDIR": job.runDirectory]) { _, new in new }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.runWithSignalsUnblocked()
        let deadline = ContinuousClock.now + .seconds(30)
        while !FileManager.default.fileExists(atPath: job.runDirectory + "/calls.rank0.txt"), ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(100))
        }
        kill(-process.processIdentifier, SIGTERM)
        while process.isRunning, ContinuousClock.now < deadline + .seconds(30) { try await Task.sleep(for: .milliseconds(100)) }
        if process.isRunning {
            kill(-process.processIdentifier, SIGKILL)
            Issue.record("the script did not end on SIGTERM")
            return
        }
        #expect(process.terminationStatus == 143)
        #expect(try marker(of: job).hasPrefix("signal TERM "))
        #expect(TestJobs.processes(mentioning: job.runDirectory).isEmpty)
    }

    private func writeScript(_ script: String, of job: CoupledJob) throws -> String {
        try FileManager.default.createDirectory(atPath: job.folder, withIntermediateDirectories: true)
        let path = job.folder + "/job.sh"
        try script.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Runs the job's PBS script with bash in a shell whose `PBS_O_WORKDIR` is the run directory.
    private func runAsPBSWould(_ job: CoupledJob) throws -> JobResult {
        let path = try writeScript(try PBSBackend().script(for: job), of: job)
        return Job.run("/bin/bash", [path], directory: URL(fileURLWithPath: "/"), timeout: 60,
                       environment: Job.mpiEnvironment.merging(["PBS_O_WORKDIR": job.runDirectory]) { _, new in new })
    }

    private func marker(of job: CoupledJob) throws -> String {
        try String(contentsOfFile: job.folder + "/exit-status", encoding: .utf8)
    }
}
