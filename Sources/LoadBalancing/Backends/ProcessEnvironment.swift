import Foundation

/// The environment the backends start commands and jobs in: this process's, without the
/// variables that would make a child believe it is part of another job.
enum ProcessEnvironment {
    /// Variables Open MPI sets in a process that is (or was started as) an MPI rank; a child
    /// `mpirun` that inherits them takes itself for part of that job.
    static let mpiJobPrefixes = ["OMPI_", "PMIX_", "ORTE_", "OPAL_"]

    /// Variables Slurm sets inside a job or allocation and reads as options (`SLURM_*`,
    /// `SBATCH_*`, `SALLOC_*`, `SRUN_*`): a job submitted from inside another would inherit its
    /// partition, account, task counts and more.
    static let slurmJobPrefixes = ["SLURM_", "SBATCH_", "SALLOC_", "SRUN_"]

    /// This process's environment without variables starting with any of `prefixes`, except
    /// those named in `keeping` (e.g. `SLURM_CONF`, which says which cluster to talk to).
    static func inherited(removing prefixes: [String], keeping: Set<String> = []) -> [String: String] {
        ProcessInfo.processInfo.environment.filter { key, _ in
            keeping.contains(key) || !prefixes.contains { key.hasPrefix($0) }
        }
    }

    /// The full path of executable `name` (a path is returned as it is if executable), looked up
    /// on the `PATH` of `environment`; `nil` if there is none.
    static func locate(_ name: String, in environment: [String: String]) -> String? {
        if name.contains("/") { return FileManager.default.isExecutableFile(atPath: name) ? name : nil }
        let path = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
