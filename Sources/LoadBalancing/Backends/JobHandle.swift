/// A submitted job: the backend's id for it and what was submitted. Ask the backend that
/// returned it for its status, to wait for it or to cancel it.
public struct JobHandle: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The backend's id: a Slurm or PBS job id, or a local sequence number.
    public let id: String
    /// The backend's name (`local`, `mpirun`, `slurm`, `pbs`).
    public let backend: String
    /// The job as it was submitted.
    public let job: CoupledJob

    /// A handle for job `id` of `backend`.
    public init(id: String, backend: String, job: CoupledJob) {
        self.id = id
        self.backend = backend
        self.job = job
    }

    /// `<backend> job <id> '<name>'`, for logs.
    public var description: String { "\(backend) job \(id) '\(job.name)'" }
}
