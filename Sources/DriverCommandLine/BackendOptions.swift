import ArgumentParser
import Foundation
import LoadBalancing

/// The options of the commands that send jobs to an execution backend (`balance`, `ensemble`):
/// which backend, and what its jobs need — the batch queue and account, Slurm's configuration,
/// the `mpirun` that starts each job.
struct BackendOptions: ParsableArguments {
    /// The names `--backend` accepts.
    static let names = BackendName.allCases.map(\.rawValue)

    @Option(name: .long, help: "Where the jobs run: local (one after another), mpirun (as many at once as the cores hold), slurm or pbs (default: mpirun).")
    var backend: String?

    @Option(name: .long, help: "The Slurm partition or PBS queue (ASCII letters, digits and _ . - @ +).")
    var queue: String?

    @Option(name: .long, help: "The account to charge (batch backends; ASCII letters, digits and _ . - @ +).")
    var account: String?

    @Option(name: .customLong("slurm-conf"), help: "The slurm.conf of the cluster (default: SLURM_CONF or Slurm's own).")
    var slurmConfiguration: String?

    @Option(name: .long, help: "The mpirun that starts each job (default: mpirun).")
    var mpirun: String?

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

    /// The backend to use: what the options give, else what `earlier` (the choice of an earlier
    /// run, for `ensemble --resume`) says, else the defaults.
    func choice(over earlier: Choice? = nil) -> Choice {
        Choice(backend: backend ?? earlier?.backend ?? BackendName.mpirun.rawValue, mpirun: mpirun ?? earlier?.mpirun ?? "mpirun",
               slurmConfiguration: slurmConfiguration ?? earlier?.slurmConfiguration)
    }

    /// A backend and how it starts its jobs, as chosen; kept by `ensemble` in its folder
    /// (`backend.json`) so that `--resume` needs no option again.
    struct Choice: Codable, Equatable {
        var backend: String
        var mpirun: String
        var slurmConfiguration: String?

        /// The backend this choice names.
        func make() -> any ExecutionBackend {
            let launcher = MPILauncher(mpirun: mpirun)
            return switch BackendName(rawValue: backend) ?? .mpirun {
            case .local: LocalBackend(launcher: launcher)
            case .mpirun: MPIRunBackend(launcher: launcher)
            case .slurm: SlurmBackend(launcher: launcher, configuration: slurmConfiguration)
            case .pbs: PBSBackend(launcher: launcher)
            }
        }

        /// The choice kept in `folder`, if any.
        static func read(from folder: String) -> Choice? {
            (try? Data(contentsOf: URL(fileURLWithPath: folder + "/backend.json"))).flatMap { try? JSONDecoder().decode(Choice.self, from: $0) }
        }

        /// Keeps this choice in `folder`.
        func write(to folder: String) throws {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            try encoder.encode(self).write(to: URL(fileURLWithPath: folder + "/backend.json"), options: .atomic)
        }
    }
}
