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
/// A member whose job fails, times out or loses its node is submitted again, up to the
/// definition's `retries` times, continuing from its last restart set when it has written one
/// (`start_type = 'continue'`, stopping at its own stop date). A member that fails for good is
/// a result like any other: the ensemble goes on. The status of every member is kept in
/// `ensemble.json` at each change. Cancelling the task (or leaving the `for` loop) cancels the
/// members' jobs and marks them `interrupted`; a runner made with `resuming:` runs again every
/// member that had not completed, and gives the completed ones' results first.
public struct EnsembleRunner: Sendable {
    /// The ensemble being run.
    public let ensemble: Ensemble
    /// Where its members' jobs go (started by the caller: see `ExecutionBackend.withStarted`).
    public let backend: any ExecutionBackend
    private let previous: EnsembleStatus?
    private let onChange: @Sendable (EnsembleStatus) -> Void

    /// A runner of `ensemble` on `backend`, continuing the run `previous` describes if given;
    /// `onChange` is called with the whole status after each change (a state, a retry, a new
    /// model date), for a live display.
    public init(ensemble: Ensemble, backend: any ExecutionBackend, resuming previous: EnsembleStatus? = nil,
                onChange: @escaping @Sendable (EnsembleStatus) -> Void = { _ in }) {
        self.ensemble = ensemble
        self.backend = backend
        self.previous = previous
        self.onChange = onChange
    }

    /// Each member's result, in the order the members end. Iterating starts the ensemble;
    /// the sequence throws only when the ensemble cannot go on (its status cannot be written,
    /// the backend stops answering).
    public var results: AsyncThrowingStream<MemberResult, Error> {
        AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    _ = try await run { continuation.yield($0) }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    /// Runs every member that has not completed, calls `deliver` with each result as it comes,
    /// and returns the final status (also in `ensemble.json`).
    public func run(deliver: @escaping @Sendable (MemberResult) -> Void = { _ in }) async throws -> EnsembleStatus {
        if let previous { await endLeftovers(of: previous) }
        var start = previous ?? EnsembleStatus(ensemble: ensemble, backend: nil)
        start.backend = backend.name
        start.definition = ensemble.definition
        for index in start.members.indices where start.members[index].state != .completed {
            // A run that finished while no ensemble watched it (its job ended as the ensemble
            // was stopped or killed) is not run again.
            let finished = previous != nil && MemberProgress.read(runDirectory: start.members[index].member.runDirectory)?.finished == true
            start.members[index].state = finished ? .completed : .waiting
        }
        let ledger = try EnsembleLedger(status: start, onChange: onChange)
        for member in start.members where member.state == .completed {
            deliver(MemberResult(member: member.member, status: .completed, attempts: member.attempts, retries: member.retries))
        }
        let open = start.members.indices.filter { start.members[$0].state != .completed }
        let limit = ensemble.definition.maxParallel
        try await withThrowingTaskGroup(of: MemberResult.self) { group in
            var next = open.makeIterator()
            for _ in 0 ..< limit {
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

    /// Ends the jobs a killed ensemble process left behind (it could not cancel them), so that no
    /// old job writes into a run directory beside the new one: the latest job of every member
    /// that had not ended, as its record in the run directory names it.
    private func endLeftovers(of previous: EnsembleStatus) async {
        for member in previous.members where !member.state.isFinal && member.job != nil {
            guard let record = try? JobRecord.read(from: JobFolder(runDirectory: member.member.runDirectory).record) else { continue }
            await backend.endLeftover(record)
        }
    }

    /// Runs member `index` until it completes, fails for good or is cancelled by someone else.
    private func runMember(_ index: Int, ledger: EnsembleLedger) async throws -> MemberResult {
        let member = ensemble.members[index]
        var retriesLeft = ensemble.definition.retries
        while true {
            try Task.checkCancellation()
            let attempts = await ledger.status.members[index].attempts
            if attempts > 0 { try member.keepLogs(ofAttempt: attempts) }
            let job = try member.job(definition: ensemble.definition, continuing: member.hasRestart)
            let handle = try await backend.submit(job)
            try await ledger.update(index) {
                $0.attempts += 1
                $0.state = .pending
                $0.job = handle.id
            }
            let status: JobStatus
            do {
                status = try await follow(handle, index: index, ledger: ledger)
            } catch {
                try? await backend.cancel(handle)
                _ = try? await ledger.update(index) { $0.state = .interrupted }
                throw error
            }
            let progress = MemberProgress.read(runDirectory: member.runDirectory)
            let snapshot = try await ledger.update(index) { $0.show(progress) }
            switch status {
            case .completed:
                try await ledger.update(index) { $0.state = .completed }
                return MemberResult(member: member, status: status, attempts: snapshot.attempts, retries: snapshot.retries)
            case .cancelled where Task.isCancelled:
                _ = try? await ledger.update(index) { $0.state = .interrupted }
                throw CancellationError()
            case .cancelled:
                try await ledger.update(index) { $0.state = .cancelled }
                return MemberResult(member: member, status: status, attempts: snapshot.attempts, retries: snapshot.retries)
            case .failed, .timedOut, .pending, .running:
                guard retriesLeft > 0 else {
                    try await ledger.update(index) {
                        $0.state = .failed
                        $0.lastFailure = "\(status)"
                    }
                    return MemberResult(member: member, status: status, attempts: snapshot.attempts, retries: snapshot.retries)
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

    /// Waits for the job to end, bringing the member's state and progress up to date at each look.
    private func follow(_ handle: JobHandle, index: Int, ledger: EnsembleLedger) async throws -> JobStatus {
        let runDirectory = ensemble.members[index].runDirectory
        while true {
            let status = try await backend.status(of: handle)
            if status.isFinished { return status }
            let progress = status == .running ? MemberProgress.read(runDirectory: runDirectory) : nil
            try await ledger.update(index) { member in
                member.state = status == .running ? .running : .pending
                member.show(progress)
            }
            try await Task.sleep(for: backend.pollInterval)
        }
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
