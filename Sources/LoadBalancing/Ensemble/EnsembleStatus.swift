import Foundation

/// Where a member of an ensemble is.
public enum MemberState: String, Sendable, Hashable, Codable, CaseIterable {
    /// Not submitted yet (waiting for a free place under `--max-parallel`).
    case waiting
    /// Submitted, waiting in the backend's queue.
    case pending
    /// Running.
    case running
    /// Its run ended successfully.
    case completed
    /// Its run failed, and the retries are used up.
    case failed
    /// Its job was cancelled by someone else (`scancel`, `qdel`): not retried.
    case cancelled
    /// The ensemble was stopped before the member ended; `--resume` runs it on.
    case interrupted

    /// Whether the member has ended for this ensemble run (`--resume` runs all but `completed` again).
    public var isFinal: Bool { self == .completed || self == .failed || self == .cancelled }
}

/// One member's line of the status: its state, tries, the job it is in, and how far it got.
public struct MemberStatus: Sendable, Hashable, Codable {
    /// The member.
    public var member: EnsembleMember
    /// Where it is.
    public var state: MemberState
    /// Jobs submitted for it, retries and resumed runs included.
    public var attempts: Int
    /// Jobs submitted again after one failed, timed out or lost its node.
    public var retries: Int
    /// The backend's id of its latest job.
    public var job: String?
    /// How its latest unsuccessful job ended (`failed (exit code 1: mpirun exited with status 1)`).
    public var lastFailure: String?
    /// The model date its run reached.
    public var modelDate: String?
    /// Its speed over its last model day, simulated years per day.
    public var yearsPerDay: Double?

    /// Takes how far the member's run has got from `progress`, where it says (keeps the rest).
    mutating func update(from progress: MemberProgress?) {
        modelDate = progress?.modelDate ?? modelDate
        yearsPerDay = progress?.yearsPerDay ?? yearsPerDay
    }

    /// A member not yet submitted.
    init(member: EnsembleMember) {
        self.member = member
        state = .waiting
        attempts = 0
        retries = 0
    }
}

/// The state of every member of an ensemble, kept as `ensemble.json` in its folder (rewritten
/// atomically at each change, so that `--status` and `--resume` read a whole file even while
/// the ensemble runs or after it was killed).
public struct EnsembleStatus: Sendable, Codable {
    /// The ensemble's folder.
    public var folder: String
    /// What the ensemble is.
    public var definition: EnsembleDefinition
    /// The backend running the members (`local`, `mpirun`, `slurm`, `pbs`); `nil` before any ran.
    public var backend: String?
    /// When the file was written.
    public var updated: Date
    /// Each member, member 1 first.
    public var members: [MemberStatus]

    /// Every member of `ensemble` waiting.
    init(ensemble: Ensemble, backend: String?) {
        folder = ensemble.folder
        definition = ensemble.definition
        self.backend = backend
        updated = Date()
        members = ensemble.members.map(MemberStatus.init)
    }

    /// Reads a status file; the error names the file.
    public static func read(from path: String) throws(EnsembleError) -> EnsembleStatus {
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            return try decoder.decode(EnsembleStatus.self, from: data)
        } catch let error as DecodingError {
            throw .file(path: path, reason: "not an ensemble status file: \(error)")
        } catch {
            throw .file(path: path, reason: "no ensemble to read: \((error as NSError).localizedDescription)")
        }
    }

    /// Writes `ensemble.json` into the folder, atomically.
    func write() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        try encoder.encode(self).write(to: URL(fileURLWithPath: Ensemble.statusPath(in: folder)), options: .atomic)
    }

    /// `4 members: 3 completed, 1 running; 1 retry`.
    public var summary: String {
        let counts = MemberState.allCases.compactMap { state -> String? in
            let n = members.filter { $0.state == state }.count
            return n == 0 ? nil : "\(n) \(state.rawValue)"
        }
        let retries = members.map(\.retries).reduce(0, +)
        return "\(members.count) member\(members.count == 1 ? "" : "s"): " + counts.joined(separator: ", ")
            + "; \(retries) retr\(retries == 1 ? "y" : "ies")"
    }

    /// One line per member — name, state, model date, speed, retries, job — under a header.
    public var table: [String] {
        func pad(_ text: String, _ width: Int) -> String { text + String(repeating: " ", count: max(1, width - text.count)) }
        var lines = [pad("member", 13) + pad("state", 13) + pad("model date", 18) + pad("SYPD", 10) + pad("retries", 9) + "job"]
        for m in members {
            let speed = m.yearsPerDay.map { String(format: "%.2f", $0) } ?? "-"
            var line = pad(m.member.name, 13) + pad(m.state.rawValue, 13) + pad(m.modelDate ?? "-", 18) + pad(speed, 10)
                + pad("\(m.retries)", 9) + (m.job.map { "\(backend ?? "") \($0)" } ?? "-")
            if m.state == .failed, let failure = m.lastFailure { line += "  " + failure }
            lines.append(line)
        }
        return lines
    }
}
