/// The execution backends, by the name they go by on the command line (`--backend`), in job
/// handles and in job records.
public enum BackendName: String, CaseIterable, Sendable {
    case local, mpirun, slurm, pbs

    /// Whether the backend's jobs are processes of this machine (`LocalJobQueue` runs them).
    public var runsOnThisMachine: Bool { self == .local || self == .mpirun }
}
