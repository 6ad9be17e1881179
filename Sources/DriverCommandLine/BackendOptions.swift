import ArgumentParser
import LoadBalancing

/// The options of the commands that send jobs to an execution backend (`balance`, `ensemble`):
/// which backend, and what its jobs need — the batch queue and account, Slurm's configuration,
/// the `mpirun` that starts each job.
struct BackendOptions: ParsableArguments {
    /// The names `--backend` accepts.
    static let names = ["local", "mpirun", "slurm", "pbs"]

    @Option(name: .long, help: "Where the jobs run: local (one after another), mpirun (as many at once as the cores hold), slurm or pbs (default: mpirun).")
    var backend: String?

    @Option(name: .long, help: "The Slurm partition or PBS queue (ASCII letters, digits and _ . - @ +).")
    var queue: String?

    @Option(name: .long, help: "The account to charge (batch backends; ASCII letters, digits and _ . - @ +).")
    var account: String?

    @Option(name: .customLong("slurm-conf"), help: "The slurm.conf of the cluster (default: SLURM_CONF or Slurm's own).")
    var slurmConfiguration: String?

    @Option(name: .long, help: "The mpirun that starts each job.")
    var mpirun: String = "mpirun"

    func validate() throws {
        if let backend, !Self.names.contains(backend) {
            throw ValidationError("unknown backend '\(backend)'; the backends are " + Self.names.joined(separator: ", "))
        }
        // Refused here, before any job is made: these go into batch directives, which no quoting protects.
        for (option, value) in [("--queue", queue), ("--account", account)] {
            if let value, let problem = JobScriptValue.nameProblem(value) {
                throw ValidationError("\(option) '\(JobScriptValue.displayed(value))' \(problem)")
            }
        }
    }

    /// The backend `--backend` names, or `fallback` when it was not given.
    func make(orElse fallback: String = "mpirun") -> any ExecutionBackend {
        let launcher = MPILauncher(mpirun: mpirun)
        return switch backend ?? fallback {
        case "local": LocalBackend(launcher: launcher)
        case "slurm": SlurmBackend(launcher: launcher, configuration: slurmConfiguration)
        case "pbs": PBSBackend(launcher: launcher)
        default: MPIRunBackend(launcher: launcher)
        }
    }
}
