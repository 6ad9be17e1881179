/// How a job starts its ranks: the `mpirun` to use, its options, and the environment Open MPI
/// needs. Every backend builds the job's command line from it (the batch backends write it into
/// the job script), so a job runs the same way under any backend.
public struct MPILauncher: Sendable, Hashable, Codable {
    /// The `mpirun` executable (a path, or a name looked up on the `PATH`).
    public var mpirun: String
    /// Options before `-n RANKS`.
    public var options: [String]
    /// Variables set for the job.
    public var environment: [String: String]

    /// The settings of `scripts/environment.sh`: Open MPI may run as root (containers, CI),
    /// may oversubscribe cores, and uses shared memory only (`btl self,vader`, `pml ob1`).
    public static let sharedMemoryEnvironment: [String: String] = [
        "OMPI_ALLOW_RUN_AS_ROOT": "1",
        "OMPI_ALLOW_RUN_AS_ROOT_CONFIRM": "1",
        "OMPI_MCA_rmaps_base_oversubscribe": "1",
        "OMPI_MCA_btl": "self,vader",
        "OMPI_MCA_btl_vader_single_copy_mechanism": "none",
        "OMPI_MCA_pml": "ob1",
    ]

    /// A launcher; by default `mpirun --oversubscribe` with `sharedMemoryEnvironment` (one node).
    /// On a cluster with a fast network, pass an environment without the `btl`/`pml` settings.
    public init(mpirun: String = "mpirun", options: [String] = ["--oversubscribe"],
                environment: [String: String] = MPILauncher.sharedMemoryEnvironment) {
        self.mpirun = mpirun
        self.options = options
        self.environment = environment
    }

    /// `mpirun OPTIONS -n RANKS EXECUTABLE run NAMELIST --rundir RUNDIR [--paths-from DIR]`.
    func commandLine(for job: CoupledJob) -> [String] {
        [mpirun] + options + ["-n", "\(job.resources.ranks)", job.executable] + job.driverArguments
    }

    /// The variables the job gets: the launcher's and `OMP_NUM_THREADS`.
    func environment(for job: CoupledJob) -> [String: String] {
        environment.merging(["OMP_NUM_THREADS": "\(job.resources.threadsPerRank)"]) { _, threads in threads }
    }
}
