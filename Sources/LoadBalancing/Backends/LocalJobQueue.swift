import Foundation

/// The engine of the local backends: a first-in, first-out queue of jobs run as `mpirun`
/// processes on this machine, as many at once as a number of cores allows. A job is killed
/// (SIGTERM to `mpirun`'s process group and to its ranks; SIGKILL to all its processes after a
/// grace period) when its wall time is up or it is cancelled; its status comes from how its
/// process ended. After submission, records are rewritten on a best-effort
/// basis: the record in memory answers `record(of:)`, and a full disk must not stop the
/// bookkeeping of jobs that are running.
actor LocalJobQueue {
    /// Why the queue ended a job itself.
    private enum EndRequest {
        case cancel
        case wallTime
    }

    private struct Entry {
        var record: JobRecord
        /// Cores the job holds while it runs.
        let cost: Int
        var process: Process?
        var output: FileHandle?
        var endRequest: EndRequest?
        var wallClock: Task<Void, Never>?
    }

    private let backend: String
    private let launcher: MPILauncher
    /// Cores the running jobs may use together (a job larger than that runs alone).
    private let capacity: Int
    /// Whether a job costs its cores (`true`) or the whole capacity (`false`: one job at a time).
    private let sharesCores: Bool
    private let killGrace: Duration
    /// The launcher with `mpirun` resolved to a path, once started.
    private var startedLauncher: MPILauncher?
    private var entries: [String: Entry] = [:]
    private var queue: [String] = []
    private var coresInUse = 0
    private var nextNumber = 1
    /// Makes the ids of this queue's jobs differ from another queue's: `INSTANCE-NUMBER`.
    private let instance = String(UInt16.random(in: .min ... .max), radix: 16)
    private var drained: [CheckedContinuation<Void, Never>] = []

    /// A queue for `backend` running `capacity` cores' worth of jobs at once, or one job at a
    /// time when `sharesCores` is false; killed jobs get `killGrace` between SIGTERM and SIGKILL.
    init(backend: String, launcher: MPILauncher, capacity: Int, sharesCores: Bool, killGrace: Duration) {
        self.backend = backend
        self.launcher = launcher
        self.capacity = max(capacity, 1)
        self.sharesCores = sharesCores
        self.killGrace = killGrace
    }

    func start() throws(BackendError) {
        guard let path = ProcessEnvironment.locate(launcher.mpirun, in: ProcessInfo.processInfo.environment) else {
            throw .unavailable(backend: backend, reason: "'\(launcher.mpirun)' is not an executable on the PATH")
        }
        var resolved = launcher
        resolved.mpirun = path
        startedLauncher = resolved
    }

    /// Cancels the queued jobs, ends the running ones and returns when all have ended.
    func stop() async {
        startedLauncher = nil
        for id in queue { finish(id, as: .cancelled) }
        queue.removeAll()
        for (id, entry) in entries where entry.process != nil { end(id, because: .cancel) }
        if coresInUse > 0 { await withCheckedContinuation { drained.append($0) } }
    }

    func submit(_ job: CoupledJob) throws(BackendError) -> JobHandle {
        guard let launcher = startedLauncher else { throw .notStarted(backend: backend) }
        return try enqueue(job, command: launcher.commandLine(for: job), environment: launcher.environment(for: job))
    }

    func resubmit(_ record: JobRecord) throws(BackendError) -> JobHandle {
        guard let command = record.command, !command.isEmpty else {
            throw .invalidJob("the record of '\(record.job.name)' holds no command line: it is not a local job's record")
        }
        return try enqueue(record.job, command: command, environment: record.environment ?? [:])
    }

    func record(of handle: JobHandle) throws(BackendError) -> JobRecord {
        try entry(of: handle).record
    }

    func cancel(_ handle: JobHandle) throws(BackendError) {
        let entry = try self.entry(of: handle), id = handle.id
        if entry.process != nil {
            end(id, because: .cancel)
        } else if !entry.record.status.isFinished {
            queue.removeAll { $0 == id }
            finish(id, as: .cancelled)
        }
    }

    private func entry(of handle: JobHandle) throws(BackendError) -> Entry {
        guard handle.backend == backend, let entry = entries[handle.id] else { throw .unknownJob(id: handle.id, backend: backend) }
        return entry
    }

    private func enqueue(_ job: CoupledJob, command: [String], environment: [String: String]) throws(BackendError) -> JobHandle {
        guard startedLauncher != nil else { throw .notStarted(backend: backend) }
        try job.validate()
        try JobFolder(job).prepare()
        let id = "\(instance)-\(nextNumber)"
        nextNumber += 1
        let record = JobRecord(job: job, backend: backend, id: id, script: nil, command: command, environment: environment,
                               submitted: Date(), started: nil, ended: nil, status: .pending)
        try record.write()
        entries[id] = Entry(record: record, cost: sharesCores ? min(job.resources.cores, capacity) : capacity)
        queue.append(id)
        startQueuedJobs()
        return record.handle
    }

    /// Starts jobs from the head of the queue while they fit in the free cores.
    private func startQueuedJobs() {
        while let id = queue.first, let entry = entries[id], coresInUse == 0 || coresInUse + entry.cost <= capacity {
            queue.removeFirst()
            launch(id)
        }
    }

    /// Starts the process of job `id` in a process group of its own. No suspension point here:
    /// the termination handler's report cannot overtake the bookkeeping.
    private func launch(_ id: String) {
        guard var entry = entries[id], let command = entry.record.command, !command.isEmpty else { return }
        let job = entry.record.job
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst())
        process.environment = ProcessEnvironment.inherited(removing: ProcessEnvironment.mpiJobPrefixes)
            .merging(entry.record.environment ?? [:]) { _, job in job }
        process.currentDirectoryURL = URL(fileURLWithPath: job.runDirectory)
        process.standardInput = FileHandle.nullDevice
        let outputPath = JobFolder(job).output
        _ = FileManager.default.createFile(atPath: outputPath, contents: nil)
        let output = FileHandle(forWritingAtPath: outputPath)
        process.standardOutput = output
        process.standardError = output
        process.terminationHandler = { [weak self] finished in
            let code = finished.terminationStatus, signalled = finished.terminationReason == .uncaughtSignal
            Task { await self?.processEnded(id, code: code, signalled: signalled) }
        }
        do {
            try process.runWithSignalsUnblocked()
        } catch {
            try? output?.close()
            entries[id] = entry
            finish(id, as: .failed(exitCode: nil, reason: "cannot start \(command[0]): \(error)"))
            return
        }
        entry.process = process
        entry.output = output
        entry.record.started = Date()
        entry.record.status = .running
        entry.record.processID = process.processIdentifier
        let wallTime = Duration.seconds(job.resources.wallTimeSeconds)
        entry.wallClock = Task { [weak self] in
            guard (try? await Task.sleep(for: wallTime)) != nil else { return }
            await self?.end(id, because: .wallTime)
        }
        entries[id] = entry
        coresInUse += entry.cost
        try? entry.record.write()
    }

    /// Kills the processes of a local job an earlier process started and left running — if its
    /// `mpirun` is still alive and still runs that job (its command line names the job's run
    /// directory): SIGTERM to its process group and its ranks, SIGKILL to all its processes after
    /// the grace period. Returns when they have ended.
    func endLeftover(_ record: JobRecord) async {
        guard BackendName(rawValue: record.backend)?.runsOnThisMachine == true, !record.status.isFinished, let group = record.processID,
              ProcessTree.commandLine(of: group).contains(record.job.runDirectory) else { return }
        // Its ranks now: they are no longer `mpirun`'s descendants once it has died.
        let ranks = ProcessTree.descendants(of: group)
        send(SIGTERM, toJobLedBy: group)
        let deadline = ContinuousClock.now + killGrace
        while ProcessTree.isRunning(group), ContinuousClock.now < deadline { await Pause.uncancellable(.milliseconds(50)) }
        for pid in ranks { kill(pid, SIGKILL) }
        send(SIGKILL, toJobLedBy: group)
    }

    /// Asks the running job `id` to end: SIGTERM to its process group and its ranks now (`mpirun`
    /// passes a SIGTERM on to its ranks only after seconds, while they go on writing), SIGKILL
    /// after the grace period.
    private func end(_ id: String, because request: EndRequest) {
        guard var entry = entries[id], let process = entry.process, entry.endRequest == nil else { return }
        entry.endRequest = request
        entries[id] = entry
        let group = process.processIdentifier
        send(SIGTERM, toJobLedBy: group)
        let grace = killGrace
        Task { [weak self] in
            await Pause.uncancellable(grace)
            await self?.forceEnd(id, group: group)
        }
    }

    /// SIGKILL for the job's processes — its ranks (in groups of their own) and `mpirun`'s
    /// group — if that job is still running.
    private func forceEnd(_ id: String, group: Int32) {
        guard entries[id]?.process?.processIdentifier == group else { return }
        send(SIGKILL, toJobLedBy: group)
    }

    /// Signals every process of the job whose `mpirun` leads process group `group`: its ranks
    /// (each in a process group of its own) and that group, or `mpirun` alone if it leads none.
    private func send(_ signal: Int32, toJobLedBy group: Int32) {
        for pid in ProcessTree.descendants(of: group) { kill(pid, signal) }
        if kill(-group, signal) != 0 { kill(group, signal) }
    }

    /// The job's process has ended: its status follows from why and how.
    private func processEnded(_ id: String, code: Int32, signalled: Bool) {
        guard var entry = entries[id], entry.process != nil else { return }
        entry.wallClock?.cancel()
        try? entry.output?.close()
        entry.process = nil
        entry.output = nil
        entries[id] = entry
        coresInUse -= entry.cost
        let status: JobStatus = switch (entry.endRequest, code, signalled) {
        case (_, 0, false): .completed  // it ended well before the request took effect
        case (.wallTime, _, _): .timedOut
        case (.cancel, _, _): .cancelled
        case (nil, _, true): .failed(exitCode: nil, reason: "mpirun was killed by signal \(code)")
        case (nil, _, false): .failed(exitCode: code, reason: "mpirun exited with status \(code)")
        }
        finish(id, as: status)
        if startedLauncher != nil { startQueuedJobs() }
        if coresInUse == 0 {
            for waiter in drained { waiter.resume() }
            drained.removeAll()
        }
    }

    private func finish(_ id: String, as status: JobStatus) {
        guard var entry = entries[id] else { return }
        entry.record.status = status
        entry.record.ended = Date()
        entries[id] = entry
        try? entry.record.write()
    }
}
