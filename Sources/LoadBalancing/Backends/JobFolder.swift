import Foundation

/// The files of one job in its folder (`RUNDIR/job`): the record, the batch script, the job's
/// output, and the two markers a batch script writes itself — `started` (the epoch second it
/// began) and `exit-status` (`exit CODE EPOCH` or `signal NAME EPOCH`, written on every end
/// the shell survives, also when `mpirun` fails).
struct JobFolder: Sendable {
    let path: String

    init(_ job: CoupledJob) { path = job.folder }

    /// The job folder of a run in `runDirectory`.
    init(runDirectory: String) { path = CoupledJob.folder(ofRunDirectory: runDirectory) }

    var record: String { path + "/record.json" }
    var script: String { path + "/job.sh" }
    var output: String { path + "/output.txt" }
    var startedMarker: String { path + "/started" }
    var exitMarker: String { path + "/exit-status" }

    /// Makes the folder (and the run directory) and removes the markers of an earlier attempt.
    func prepare() throws(BackendError) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw .invalidJob("cannot make the job folder \(path): \(error.localizedDescription)")
        }
        for marker in [startedMarker, exitMarker] { try? FileManager.default.removeItem(atPath: marker) }
    }

    /// What the job wrote about its end, or `nil` if it wrote nothing (yet).
    func readExitMarker() -> ExitMarker? {
        guard let text = try? String(contentsOfFile: exitMarker, encoding: .utf8) else { return nil }
        return ExitMarker(text)
    }

    /// When the job script started, or `nil` if it has not (or wrote nothing).
    func readStartTime() -> Date? {
        guard let text = try? String(contentsOfFile: startedMarker, encoding: .utf8),
              let seconds = TimeInterval(text.trimmingCharacters(in: .whitespacesAndNewlines)) else { return nil }
        return Date(timeIntervalSince1970: seconds)
    }
}

/// How a job script says it ended, read from its `exit-status` file: `exit CODE EPOCH` or
/// `signal NAME EPOCH`.
public struct ExitMarker: Sendable, Equatable {
    /// How the script ended.
    public enum Ending: Sendable, Equatable {
        /// `mpirun` returned this status and the script exited with it.
        case exited(Int32)
        /// The script was sent this signal (`TERM`, `INT`) and ended because of it.
        case signalled(String)
    }

    /// Whether the script exited (with which status) or was signalled.
    public let ending: Ending
    /// When the script wrote the marker.
    public let time: Date?

    /// Reads a marker; `nil` for anything else (a partial write).
    public init?(_ text: String) {
        let words = text.split(whereSeparator: \.isWhitespace)
        guard words.count >= 2 else { return nil }
        switch words[0] {
        case "exit":
            guard let code = Int32(words[1]) else { return nil }
            ending = .exited(code)
        case "signal":
            ending = .signalled(String(words[1]))
        default:
            return nil
        }
        time = words.count > 2 ? Double(words[2]).map { Date(timeIntervalSince1970: $0) } : nil
    }
}
