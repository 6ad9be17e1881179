import Driver
import Foundation
import LoadBalancing
import Testing
import TestSupport

/// The local backends run real coupled jobs under mpirun on this machine: one after another
/// (`LocalBackend`) or as many at once as the cores allow (`MPIRunBackend`), and report how each ended.
@Suite("Local and mpirun backends", .serialized)
struct LocalBackendTests {
    @Test("LocalBackend runs jobs one after another and reports a failing one as failed")
    func serialRuns() async throws {
        let folder = TemporaryDirectory("local")
        let jobs = [TestJobs.testComponent("first", in: folder, days: 200), TestJobs.failing("second", in: folder),
                    TestJobs.testComponent("third", in: folder, days: 200)]
        let records = try await LocalBackend().withStarted { backend in
            var handles = [JobHandle]()
            for job in jobs { handles.append(try await backend.submit(job)) }
            #expect(try await backend.status(of: handles[2]) == .pending, "the third job must wait for the others")
            var records = [JobRecord]()
            for handle in handles {
                _ = try await backend.wait(for: handle)
                records.append(try await backend.record(of: handle))
            }
            return records
        }
        #expect(records[0].status == .completed && TestJobs.succeeded(jobs[0]))
        #expect(records[2].status == .completed && TestJobs.succeeded(jobs[2]))
        guard case .failed(let code?, _) = records[1].status else {
            Issue.record("the failing job was reported \(records[1].status)")
            return
        }
        #expect(code != 0)
        #expect(!TestJobs.succeeded(jobs[1]))
        for (earlier, later) in zip(records, records.dropFirst()) {
            let ended = try #require(earlier.ended), started = try #require(later.started)
            #expect(started >= ended, "\(later.job.name) started before \(earlier.job.name) ended")
        }
        let output = try String(contentsOfFile: jobs[1].folder + "/output.txt", encoding: .utf8)
        #expect(output.contains("failing on purpose"), "the job's output is kept in its folder: \(output)")
    }

    @Test("MPIRunBackend runs jobs at the same time, never more than the cores allow, and reports a failing one as failed")
    func concurrentRuns() async throws {
        let folder = TemporaryDirectory("mpirun")
        let jobs = [TestJobs.testComponent("a", in: folder, days: 600), TestJobs.testComponent("b", in: folder, days: 600),
                    TestJobs.failing("c", in: folder), TestJobs.testComponent("d", in: folder, days: 600)]
        let records = try await MPIRunBackend(cores: 2).withStarted { backend in try await TestJobs.runAll(jobs, on: backend) }
        #expect(records.map(\.status.isFinished) == [true, true, true, true])
        #expect([records[0], records[1], records[3]].allSatisfy { $0.status == .completed }, "\(records.map(\.status))")
        guard case .failed(let code?, _) = records[2].status else {
            Issue.record("the failing job was reported \(records[2].status)")
            return
        }
        #expect(code != 0)
        let intervals = try records.map { (try #require($0.started), try #require($0.ended)) }
        func overlap(_ i: Int, _ j: Int) -> Bool { intervals[i].0 < intervals[j].1 && intervals[j].0 < intervals[i].1 }
        #expect(overlap(0, 1), "the first two jobs fit in two cores and must run at the same time")
        for instant in intervals.map(\.0) {
            let running = intervals.filter { $0.0 <= instant && instant < $0.1 }.count
            #expect(running <= 2, "\(running) one-rank jobs ran at once on two cores")
        }
    }

    @Test("a job past its wall time is killed with all its processes and reported timed out")
    func wallTime() async throws {
        let folder = TemporaryDirectory("walltime")
        let job = TestJobs.hanging("hang", in: folder, ranks: 2, wallTimeSeconds: 3)
        let started = ContinuousClock.now
        let status = try await MPIRunBackend().withStarted { backend in
            try await backend.wait(for: try await backend.submit(job))
        }
        let elapsed = ContinuousClock.now - started
        #expect(status == .timedOut)
        #expect(elapsed >= .seconds(3) && elapsed < .seconds(20), "the job ended after \(elapsed)")
        #expect(TestJobs.processes(mentioning: job.runDirectory).isEmpty, "processes of the killed job survive")
        let record = try JobRecord.read(from: JobRecord.path(of: job))
        #expect(record.status == .timedOut, "the record on disk holds the final status")
    }

    @Test("cancel removes a queued job before it runs and kills a running one")
    func cancel() async throws {
        let folder = TemporaryDirectory("cancel")
        let running = TestJobs.hanging("running", in: folder, wallTimeSeconds: 600)
        let queued = TestJobs.testComponent("queued", in: folder)
        try await LocalBackend().withStarted { backend in
            let first = try await backend.submit(running), second = try await backend.submit(queued)
            try await waitUntilRunning(running, first, backend)
            try await backend.cancel(second)
            #expect(try await backend.status(of: second) == .cancelled)
            try await backend.cancel(first)
            #expect(try await backend.wait(for: first) == .cancelled)
            #expect(try await backend.record(of: second).started == nil, "the cancelled queued job must never start")
        }
        #expect(!FileManager.default.fileExists(atPath: queued.runDirectory + "/cpl.log"))
        #expect(TestJobs.processes(mentioning: running.runDirectory).isEmpty)
    }

    @Test("withStarted stops the backend when its body throws: running jobs are killed and cancelled")
    func stopOnError() async throws {
        struct Abandon: Error {}
        let folder = TemporaryDirectory("stop")
        let job = TestJobs.hanging("abandoned", in: folder, wallTimeSeconds: 600)
        let backend = MPIRunBackend()
        await #expect(throws: Abandon.self) {
            try await backend.withStarted { backend in
                let handle = try await backend.submit(job)
                try await waitUntilRunning(job, handle, backend)
                throw Abandon()
            }
        }
        #expect(TestJobs.processes(mentioning: job.runDirectory).isEmpty, "stop must end the running job")
        #expect(try JobRecord.read(from: JobRecord.path(of: job)).status == .cancelled)
        await #expect(throws: BackendError.self) { try await backend.submit(job) }
    }

    @Test("a record is enough to run a job again exactly")
    func resubmit() async throws {
        let folder = TemporaryDirectory("resubmit")
        let job = TestJobs.testComponent("again", in: folder)
        try await MPIRunBackend().withStarted { backend in
            #expect(try await backend.wait(for: try await backend.submit(job)) == .completed)
            let first = try JobRecord.read(from: JobRecord.path(of: job))
            try FileManager.default.removeItem(atPath: job.runDirectory + "/cpl.log")
            let handle = try await backend.resubmit(first)
            #expect(handle.id != first.id)
            #expect(try await backend.wait(for: handle) == .completed)
            let second = try JobRecord.read(from: JobRecord.path(of: job))
            #expect(second.command == first.command && second.environment == first.environment)
            #expect(second.id == handle.id)
        }
        #expect(TestJobs.succeeded(job))
        let timing = try TimingReport.read(from: job.runDirectory)
        #expect(timing.worldSize == 1 && timing.simulatedDays == 10 && timing.components.count == 5)
    }

    @Test("jobs that cannot run are refused at submission")
    func invalidJobs() async throws {
        let folder = TemporaryDirectory("invalid")
        var noRanks = TestJobs.testComponent("none", in: folder)
        noRanks.resources.ranks = 0
        var noExecutable = TestJobs.testComponent("noexe", in: folder)
        noExecutable.executable = folder.path + "/missing"
        try await LocalBackend().withStarted { backend in
            await #expect(throws: BackendError.self) { try await backend.submit(noRanks) }
            await #expect(throws: BackendError.self) { try await backend.submit(noExecutable) }
        }
    }

    /// Waits until the test component of `job` has started running (its call record exists).
    private func waitUntilRunning(_ job: CoupledJob, _ handle: JobHandle, _ backend: some ExecutionBackend) async throws {
        let deadline = ContinuousClock.now + .seconds(30)
        while !FileManager.default.fileExists(atPath: job.runDirectory + "/calls.rank0.txt") {
            let status = try await backend.status(of: handle)
            try #require(ContinuousClock.now < deadline, "\(job.name) did not start within 30 s: \(status)")
            try await Task.sleep(for: .milliseconds(100))
        }
    }
}
