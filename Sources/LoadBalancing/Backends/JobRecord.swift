import Foundation

/// Everything about one submission, kept as `record.json` in the job's folder so that it can be
/// inspected and resubmitted exactly (`ExecutionBackend.resubmit`): the job, the backend and its
/// id, what was run (the batch script, or the command line and environment of a local job),
/// when, and the last status the backend saw — the final one once the job has ended.
public struct JobRecord: Sendable, Hashable, Codable {
    /// The job as submitted.
    public var job: CoupledJob
    /// The backend's name (`local`, `mpirun`, `slurm`, `pbs`).
    public var backend: String
    /// The backend's id for the job.
    public var id: String
    /// The batch script exactly as submitted (Slurm, PBS); `nil` for the local backends.
    public var script: String?
    /// The command line a local backend ran; `nil` for batch jobs (their script holds it).
    public var command: [String]?
    /// The variables a local backend added to the environment of `command`.
    public var environment: [String: String]?
    /// The process id of a local job's `mpirun` (it leads the job's process group), once started.
    public var processID: Int32?
    /// When the job was submitted.
    public var submitted: Date
    /// When it started running, if the backend saw it start.
    public var started: Date?
    /// When the backend saw it end.
    public var ended: Date?
    /// The last status the backend saw.
    public var status: JobStatus

    /// The handle of the submission this record describes.
    public var handle: JobHandle { JobHandle(id: id, backend: backend, job: job) }

    /// The path of the record of `job`: `RUNDIR/job/record.json`.
    public static func path(of job: CoupledJob) -> String { JobFolder(job).record }

    /// Reads a record written by a backend.
    public static func read(from path: String) throws(BackendError) -> JobRecord {
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .custom { decoder in
                let text = try decoder.singleValueContainer().decode(String.self)
                return try Date(text, strategy: Self.timeFormat)
            }
            return try decoder.decode(JobRecord.self, from: data)
        } catch {
            throw .file(path: path, reason: "\(error)")
        }
    }

    /// Times in records: ISO 8601 with milliseconds, in UTC.
    private static let timeFormat = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    /// Writes the record to the job's folder (atomically: a reader never sees half a record).
    func write() throws(BackendError) {
        let path = Self.path(of: job)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(date.formatted(Self.timeFormat))
        }
        do {
            try encoder.encode(self).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw .file(path: path, reason: "\(error)")
        }
    }
}
