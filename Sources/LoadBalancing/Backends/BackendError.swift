/// Why a backend could not do what it was asked. How a job *ended* is never an error: that is
/// its `JobStatus`.
public enum BackendError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The job's description cannot be run (no ranks, a relative path, ...).
    case invalidJob(String)
    /// The backend is not started (or already stopped): call `start()` or use `withStarted`.
    case notStarted(backend: String)
    /// The backend cannot work here: a command is missing, the batch system does not answer.
    case unavailable(backend: String, reason: String)
    /// A command the backend ran (sbatch, qsub, ...) failed.
    case commandFailed(command: String, exitCode: Int32, output: String)
    /// A command answered something the backend cannot read.
    case unexpectedOutput(command: String, output: String)
    /// The handle names no job of this backend.
    case unknownJob(id: String, backend: String)
    /// A job's file (its record, its timing report) could not be read or written.
    case file(path: String, reason: String)

    /// The error in one line, for logs and the command line.
    public var description: String {
        switch self {
        case .invalidJob(let reason): "invalid job: \(reason)"
        case .notStarted(let backend): "the \(backend) backend is not started"
        case .unavailable(let backend, let reason): "the \(backend) backend cannot run jobs here: \(reason)"
        case .commandFailed(let command, let code, let output):
            "'\(command)' failed with exit code \(code)" + (output.isEmpty ? "" : ": \(output)")
        case .unexpectedOutput(let command, let output): "'\(command)' answered something unexpected: '\(output)'"
        case .unknownJob(let id, let backend): "the \(backend) backend has no job '\(id)'"
        case .file(let path, let reason): "\(path): \(reason)"
        }
    }
}
