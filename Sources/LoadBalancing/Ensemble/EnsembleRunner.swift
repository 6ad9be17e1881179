import Foundation

/// How one member of an ensemble ended.
public struct MemberResult: Sendable {
    /// The member: its number, run directory, namelist and values.
    public let member: EnsembleMember
    /// How its last job ended: `completed`, or how it failed once the retries were used up.
    public let status: JobStatus
    /// Jobs submitted for it, retries and resumed runs included.
    public let attempts: Int
    /// Jobs submitted again after a failure.
    public let retries: Int

    /// Whether the member's run ended successfully.
    public var succeeded: Bool { status == .completed }

    /// The result of `member` as its status line says, its last job having ended as `status`.
    init(_ member: MemberStatus, status: JobStatus) {
        self.member = member.member
        self.status = status
        attempts = member.attempts
        retries = member.retries
    }
}

/// Runs the members of an ensemble through an execution backend, each member as a job of its
/// own, at most `maxParallel` at once, and gives each member's result as it ends:
///
/// ```swift
/// let ensemble = try Ensemble.create(definition, in: "ens", registry: .builtIn)
/// try await MPIRunBackend().withStarted { backend in
///     for try await result in EnsembleRunner(ensemble: ensemble, backend: backend).results {
///         print(result.member.name, result.status)
///     }
/// }
/// ```
///
/// A member whose job fails, times out, loses its node or cannot be submitted is submitted
/// again, up to the definition's `maxRetries` times in all, continuing from its last restart set
/// when it has written one before its stop date (`start_type = 'continue'`, stopping at its own
/// stop date). A member that fails for good is a result like any other: the ensemble goes on. A
/// member is finished when its job completed or its `cpl.log` says the run ended successfully.
/// The status of every member is kept in `ensemble.json` at each change, and one process at a
/// time runs an ensemble (a lock on `DIR/.lock`).
///
/// Cancelling the task that runs the ensemble (or leaving the `for` loop) cancels the members'
/// jobs and marks them `interrupted`; `ExecutionBackend.withStarted` waits for those jobs to
/// end when it stops the backend. A runner made with `resuming:` first ends the jobs a killed
/// runner left behind, then runs again every member that had not finished, and gives the
/// finished ones' results first.
public struct EnsembleRunner: Sendable {
    /// The ensemble being run.
    public let ensemble: Ensemble
    /// Where its members' jobs go (started by the caller: see `ExecutionBackend.withStarted`).
    public let backend: any ExecutionBackend
    private let previous: EnsembleStatus?
    private let onChange: @Sendable (EnsembleStatus) -> Void

    /// A runner of `ensemble` on `backend`, continuing the run `previous` describes if given;
    /// `onChange` is called with the whole status after each change (a state, a retry, a new
    /// model date), for a live display; the members' bookkeeping waits while it runs.
    public init(ensemble: Ensemble, backend: any ExecutionBackend, resuming previous: EnsembleStatus? = nil,
                onChange: @escaping @Sendable (EnsembleStatus) -> Void = { _ in }) {
        self.ensemble = ensemble
        self.backend = backend
        self.previous = previous
        self.onChange = onChange
    }

    /// Each member's result, in the order the members end. The ensemble starts when the
    /// iteration starts (each iteration runs it); the sequence throws only when the ensemble
    /// cannot go on: its status cannot be written, the backend stops answering, another
    /// process runs it.
    public var results: EnsembleResults { EnsembleResults(runner: self) }

    /// Runs every member that has not finished, calls `deliver` with each result as it comes,
    /// and returns the final status (also in `ensemble.json`).
    public func run(deliver: @escaping @Sendable (MemberResult) -> Void = { _ in }) async throws -> EnsembleStatus {
        let lock = try EnsembleLock(folder: ensemble.folder)
        defer { lock.release() }
        if let previous { await endLeftovers(of: previous) }
        var start = previous ?? EnsembleStatus(ensemble: ensemble, backend: nil)
        start.backend = backend.name
        start.definition = ensemble.definition
        for index in start.members.indices where start.members[index].state != .completed {
            // A run that finished while no runner watched it is not run again.
            let finished = previous != nil && MemberProgress.read(runDirectory: start.members[index].member.runDirectory)?.finished == true
            start.members[index].state = finished ? .completed : .waiting
        }
        let ledger = try EnsembleLedger(status: start, onChange: onChange)
        for member in start.members where member.state == .completed { deliver(MemberResult(member, status: .completed)) }
        let open = start.members.indices.filter { start.members[$0].state != .completed }
        try await withThrowingTaskGroup(of: MemberResult.self) { group in
            var next = open.makeIterator()
            for _ in 0 ..< ensemble.definition.maxParallel {
                guard let index = next.next() else { break }
                group.addTask { try await runMember(index, ledger: ledger) }
            }
            while let result = try await group.next() {
                deliver(result)
                if let index = next.next() { group.addTask { try await runMember(index, ledger: ledger) } }
            }
        }
        return await ledger.status
    }

    /// Ends the jobs a killed runner left behind (it could not cancel them), so that no old job
    /// writes into a run directory beside the new one: the latest job of every member that had
    /// not ended, as the record in its run directory names it.
    private func endLeftovers(of previous: EnsembleStatus) async {
        for member in previous.members where !member.state.isFinal {
            guard let record = try? JobRecord.read(from: JobFolder(runDirectory: member.member.runDirectory).record) else { continue }
            await backend.endLeftover(record)
        }
    }

    /// Runs member `index` until it finishes, fails for good or is cancelled by someone else.
    private func runMember(_ index: Int, ledger: EnsembleLedger) async throws -> MemberResult {
        let member = ensemble.members[index]
        let before = await ledger.status.members[index]
        var retriesLeft = max(0, ensemble.definition.maxRetries - before.retries)
        var isFirstAttempt = before.attempts == 0
        while true {
            try Task.checkCancellation()
            var status: JobStatus
            do {
                status = try await attempt(index, isFirst: isFirstAttempt, ledger: ledger)
            } catch let error as SubmissionFailure {
                status = .failed(exitCode: nil, reason: "\(error)")
            }
            isFirstAttempt = false
            let progress = MemberProgress.read(runDirectory: member.runDirectory)
            if progress?.finished == true { status = .completed }  // the run ended well, whatever its job's exit
            try await ledger.update(index) { $0.update(from: progress) }
            switch status {
            case .completed:
                return MemberResult(try await ledger.update(index) { $0.state = .completed }, status: status)
            case .cancelled:
                return MemberResult(try await ledger.update(index) { $0.state = .cancelled }, status: status)
            case .failed, .timedOut, .pending, .running:  // `attempt` returns only ended statuses
                guard retriesLeft > 0 else {
                    return MemberResult(try await ledger.update(index) {
                        $0.state = .failed
                        $0.lastFailure = "\(status)"
                    }, status: status)
                }
                retriesLeft -= 1
                try await ledger.update(index) {
                    $0.state = .waiting
                    $0.retries += 1
                    $0.lastFailure = "\(status)"
                }
            }
        }
    }

    /// One job of member `index`: prepared, submitted and followed to its end. Throws
    /// `SubmissionFailure` when the job could not be prepared or submitted (an attempt that
    /// failed), and the task's cancellation or the backend's failure to answer (the ensemble
    /// cannot go on) after cancelling the job and marking the member `interrupted`.
    private func attempt(_ index: Int, isFirst: Bool, ledger: EnsembleLedger) async throws -> JobStatus {
        let member = ensemble.members[index]
        let handle: JobHandle
        do {
            handle = try await backend.submit(member.nextJob(definition: ensemble.definition, isFirstAttempt: isFirst))
        } catch {
            if Task.isCancelled { throw CancellationError() }
            throw SubmissionFailure(reason: "\(error)")
        }
        do {
            try await ledger.update(index) {
                $0.attempts += 1
                $0.state = .pending
                $0.job = handle.id
            }
            let status = try await follow(handle, index: index, ledger: ledger)
            if status == .cancelled, Task.isCancelled { throw CancellationError() }
            return status
        } catch {
            try? await backend.cancel(handle)
            _ = try? await ledger.update(index) { $0.state = .interrupted }
            throw error
        }
    }

    /// Waits for the job to end, bringing the member's state and progress up to date at each look.
    private func follow(_ handle: JobHandle, index: Int, ledger: EnsembleLedger) async throws -> JobStatus {
        let runDirectory = ensemble.members[index].runDirectory
        while true {
            let status = try await backend.status(of: handle)
            if status.isFinished { return status }
            let progress = status == .running ? MemberProgress.read(runDirectory: runDirectory) : nil
            try await ledger.update(index) { member in
                member.state = status == .running ? .running : .pending
                member.update(from: progress)
            }
            try await Task.sleep(for: backend.pollInterval)
        }
    }
}

/// A job that could not be prepared or submitted: a failed attempt of its member.
private struct SubmissionFailure: Error, CustomStringConvertible {
    let reason: String
    var description: String { "not submitted: \(reason)" }
}

/// The results of an `EnsembleRunner`, in the order its members end: iterating runs the
/// ensemble; leaving the iteration early cancels it.
public struct EnsembleResults: AsyncSequence, Sendable {
    public typealias Element = MemberResult
    let runner: EnsembleRunner

    /// Starts the ensemble and gives its results as they come.
    public func makeAsyncIterator() -> AsyncThrowingStream<MemberResult, Error>.Iterator {
        let runner = self.runner
        return AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    _ = try await runner.run { continuation.yield($0) }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }.makeAsyncIterator()
    }
}

/// The status of a running ensemble, shared by its members' tasks: each change is written to
/// `ensemble.json` and passed to the runner's `onChange`.
private actor EnsembleLedger {
    private(set) var status: EnsembleStatus
    private let onChange: @Sendable (EnsembleStatus) -> Void

    init(status: EnsembleStatus, onChange: @escaping @Sendable (EnsembleStatus) -> Void) throws {
        self.status = status
        self.onChange = onChange
        try status.write()
        onChange(status)
    }

    /// Applies `change` to member `index`; writes and reports the status if anything changed.
    @discardableResult
    func update(_ index: Int, _ change: (inout MemberStatus) -> Void) throws -> MemberStatus {
        var member = status.members[index]
        change(&member)
        guard member != status.members[index] else { return member }
        status.members[index] = member
        status.updated = Date()
        try status.write()
        onChange(status)
        return member
    }
}
