import Foundation

/// The engine of the batch backends: writes each job's script into its folder, submits it,
/// asks the batch system about all unfinished jobs at once (at most once per poll interval,
/// however many tasks are waiting), judges each job with `BatchStatusDecision`, keeps the
/// records up to date, and cancels what is left on `stop`. A batch system that does not answer
/// a few times in a row (a busy controller) leaves the statuses as they were; only when it keeps
/// failing is the error passed on. After submission, records are rewritten on a best-effort
/// basis: the record in memory answers `record(of:)`, and a full disk must not stop the
/// bookkeeping of jobs that are running.
actor BatchJobTracker<Scheduler: BatchScheduler> {
    private struct Entry {
        var record: JobRecord
        var cancelRequested = false
        /// When the job was first seen ended (or forgotten) without an exit marker.
        var markerAwaitedSince: Date?
    }

    private let scheduler: Scheduler
    private let pollInterval: Duration
    private let markerGrace: Duration
    private let stopTimeout: Duration
    private var isStarted = false
    private var entries: [String: Entry] = [:]
    private var lastPoll: ContinuousClock.Instant?
    /// Questions to the batch system that failed since the last answer.
    private var failedPolls = 0
    /// How many failed questions in a row are borne before the error is passed on.
    private let toleratedFailures = 5
    private var poll: Task<[String: SchedulerState], Error>?

    init(scheduler: Scheduler, pollInterval: Duration, markerGrace: Duration, stopTimeout: Duration) {
        self.scheduler = scheduler
        self.pollInterval = pollInterval
        self.markerGrace = markerGrace
        self.stopTimeout = stopTimeout
    }

    func start() async throws(BackendError) {
        try await scheduler.checkAvailable()
        isStarted = true
    }

    /// Cancels the unfinished jobs and waits up to `stopTimeout` for the batch system to end them.
    func stop() async {
        guard isStarted else { return }
        isStarted = false
        let open = unfinished
        guard !open.isEmpty else { return }
        for id in open { entries[id]?.cancelRequested = true }
        try? await scheduler.cancel(open)
        let deadline = ContinuousClock.now + stopTimeout
        while !unfinished.isEmpty, ContinuousClock.now < deadline {
            await Pause.uncancellable(pollInterval)
            try? await refresh(force: true)
        }
    }

    func submit(_ job: CoupledJob) async throws(BackendError) -> JobHandle {
        try job.validate()
        return try await submit(job, script: scheduler.script(for: job))
    }

    func resubmit(_ record: JobRecord) async throws(BackendError) -> JobHandle {
        guard let script = record.script else {
            throw .invalidJob("the record of '\(record.job.name)' holds no script: it is not a batch job's record")
        }
        return try await submit(record.job, script: script)
    }

    func record(of handle: JobHandle) async throws(BackendError) -> JobRecord {
        guard handle.backend == scheduler.name, entries[handle.id] != nil else {
            throw .unknownJob(id: handle.id, backend: scheduler.name)
        }
        if entries[handle.id]?.record.status.isFinished == false { try await refresh(force: false) }
        return entries[handle.id]!.record
    }

    func cancel(_ handle: JobHandle) async throws(BackendError) {
        guard handle.backend == scheduler.name, let entry = entries[handle.id] else {
            throw .unknownJob(id: handle.id, backend: scheduler.name)
        }
        guard !entry.record.status.isFinished else { return }
        entries[handle.id]?.cancelRequested = true
        try await scheduler.cancel([handle.id])
    }

    /// Cancels job `record.id` of an earlier process, if it is a job of this batch system that
    /// has not ended, and waits up to `stopTimeout` until the batch system says it has ended — so
    /// that its script writes no marker into the folder a new job of the run directory uses.
    func endLeftover(_ record: JobRecord) async {
        guard record.backend == scheduler.name, !record.status.isFinished else { return }
        try? await scheduler.cancel([record.id])
        let deadline = ContinuousClock.now + stopTimeout
        while ContinuousClock.now < deadline {
            let state = (try? await scheduler.states(of: [record.id]))?[record.id]
            if state != .pending, state != .running { return }
            await Pause.uncancellable(pollInterval)
        }
    }

    private var unfinished: [String] { entries.filter { !$0.value.record.status.isFinished }.map(\.key).sorted() }

    private func submit(_ job: CoupledJob, script: String) async throws(BackendError) -> JobHandle {
        guard isStarted else { throw .notStarted(backend: scheduler.name) }
        try job.validate()
        let folder = JobFolder(job)
        try folder.prepare()
        do {
            try script.write(toFile: folder.script, atomically: true, encoding: .utf8)
        } catch {
            throw .file(path: folder.script, reason: "\(error)")
        }
        let submitted = Date()
        let id = try await scheduler.submit(scriptAt: folder.script, for: job)
        let record = JobRecord(job: job, backend: scheduler.name, id: id, script: script, command: nil, environment: nil,
                               submitted: submitted, started: nil, ended: nil, status: .pending)
        entries[id] = Entry(record: record)
        try record.write()
        return record.handle
    }

    /// Asks the batch system about the unfinished jobs — unless it was asked less than half a
    /// poll interval ago (and `force` is false) — and updates their records. Concurrent callers
    /// share one question. Throws only after more than `toleratedFailures` failed questions in a row.
    private func refresh(force: Bool) async throws(BackendError) {
        if let poll {
            // The caller that started the question updates the records, or reports its failure.
            _ = try? await poll.value
            return
        }
        if !force, let lastPoll, ContinuousClock.now - lastPoll < pollInterval / 2 { return }
        let ids = unfinished
        guard !ids.isEmpty else { return }
        let scheduler = self.scheduler
        let task = Task { () throws -> [String: SchedulerState] in try await scheduler.states(of: ids) }
        poll = task
        let states: [String: SchedulerState]
        do {
            states = try await task.value
        } catch {
            poll = nil
            lastPoll = .now
            failedPolls += 1
            guard failedPolls > toleratedFailures else { return }
            throw error as? BackendError ?? .unavailable(backend: scheduler.name, reason: "\(error)")
        }
        poll = nil
        lastPoll = .now
        failedPolls = 0
        let now = Date()
        for id in ids { update(id, state: states[id] ?? .unknown, now: now) }
    }

    private func update(_ id: String, state: SchedulerState, now: Date) {
        guard var entry = entries[id] else { return }
        let folder = JobFolder(entry.record.job)
        let marker = folder.readExitMarker()
        let started = folder.readStartTime()
        var awaited: TimeInterval = 0
        if marker == nil, state != .pending, state != .running {
            let since = entry.markerAwaitedSince ?? now
            entry.markerAwaitedSince = since
            awaited = now.timeIntervalSince(since)
        }
        let decision = BatchStatusDecision(state: state, marker: marker, started: started, cancelRequested: entry.cancelRequested,
                                           wallTimeSeconds: entry.record.job.resources.wallTimeSeconds, waitedForMarker: awaited,
                                           markerGrace: Self.seconds(markerGrace))
        let status = decision.status(now: now)
        var record = entry.record
        if record.started == nil, let started, status != .pending { record.started = started }
        if status != record.status {
            record.status = status
            if status.isFinished { record.ended = marker?.time ?? now }
        }
        if record != entry.record { try? record.write() }
        entry.record = record
        entries[id] = entry
    }

    private static func seconds(_ duration: Duration) -> TimeInterval {
        let parts = duration.components
        return TimeInterval(parts.seconds) + TimeInterval(parts.attoseconds) * 1e-18
    }
}
