import ArgumentParser
import Coupling
import Driver
import Foundation
import LoadBalancing

/// `coupled-driver ensemble NAMELIST --members N --set KEY=V1,... --perturb KEY=DIST ...`: an
/// ensemble of runs, each member a job of its own through an execution backend, with retries
/// and a live status; `--status DIR` shows an ensemble's status, `--resume DIR` runs it on.
struct EnsembleCommand: RegistryCommand {
    static let configuration = CommandConfiguration(
        commandName: "ensemble",
        abstract: "Run an ensemble: each member a job of its own, with retries and a live status.",
        discussion: """
        Makes one run directory per member in --output (member_0001, ...) holding the namelist \
        with the member's values written in (--set gives each member's value in turn, --perturb \
        draws them from a distribution with --seed), checks every member's namelist, and submits \
        the members through the backend, at most --max-parallel at once. A member that fails, \
        times out or loses its node is submitted again up to --retries times, continuing from its \
        last restart set. The status of every member goes to OUTPUT/ensemble.json; \
        `--status DIR` prints it, `--resume DIR` runs on every member that has not completed \
        (through the ensemble's backend unless --backend is given). \
        Several coupled systems in one job are the other way to run an ensemble: \
        &cime_driver_inst ninst_driver (docs/ensembles.md).
        """)

    @Argument(help: "The namelist every member starts from (not with --status or --resume).")
    var namelist: String?

    @Option(name: .long, help: "The number of members (default: the number of values of --set).")
    var members: Int?

    @Option(name: .customLong("set"), help: ArgumentHelp("Each member's value of a key, in turn (repeatable).", valueName: "key=v1,v2,..."))
    var values: [String] = []

    @Option(name: .long, help: ArgumentHelp("A key's distribution: uniform(LOW,HIGH), normal(MEAN,SD), lognormal(MU,SIGMA) or list(V1,V2,...) (repeatable).",
                                            valueName: "key=dist"))
    var perturb: [String] = []

    @Option(name: .long, help: "The seed of the drawn values: the same seed draws the same values (default: 1).")
    var seed: UInt64?

    @Option(name: .customLong("max-parallel"), help: "Members submitted at once, at most (default: all; with --resume, the ensemble's).")
    var maxParallel: Int?

    @Option(name: .long, help: "How often a member that fails, times out or loses its node is submitted again (default 0; with --resume, the ensemble's).")
    var retries: Int?

    @Option(name: .long, help: "The ensemble's folder: ensemble.json and one run directory per member (default: ensemble).")
    var output: String?

    @Option(name: .long, help: "MPI ranks of each member (default: the ranks the namelist's layout spans).")
    var ranks: Int?

    @Option(name: .customLong("wall-time"), help: "The wall-time limit of each member's job, minutes (default: 60; with --resume, the ensemble's).")
    var wallTimeMinutes: Int?

    @OptionGroup var jobs: BackendOptions

    @Option(name: .long, help: ArgumentHelp("Print the status of the ensemble in this folder and exit.", valueName: "dir"))
    var status: String?

    @Option(name: .long, help: ArgumentHelp("Run on the ensemble in this folder: every member that has not completed.", valueName: "dir"))
    var resume: String?

    func validate() throws {
        let modes = [namelist != nil, status != nil, resume != nil].filter { $0 }.count
        guard modes == 1 else { throw ValidationError("give a NAMELIST, or --status DIR, or --resume DIR (one of them)") }
        if namelist == nil, let option = [("--members", members != nil), ("--set", !values.isEmpty), ("--perturb", !perturb.isEmpty),
                                          ("--ranks", ranks != nil), ("--seed", seed != nil), ("--output", output != nil)].first(where: \.1)?.0 {
            throw ValidationError("\(option) describes a new ensemble: give it with a NAMELIST, not with --status or --resume")
        }
        if let wallTimeMinutes, wallTimeMinutes < 1 { throw ValidationError("--wall-time must be at least 1 minute") }
        if let ranks, ranks < 1 { throw ValidationError("--ranks must be at least 1") }
    }

    func run(registry: ComponentRegistry) async throws {
        if let status {
            let current: EnsembleStatus
            do { current = try Ensemble.open(status).status } catch {
                printToStandardError("error: \(error)")
                throw ExitCode.failure
            }
            for line in current.table { print(line) }
            print(current.summary)
            return
        }
        let ensemble: Ensemble, previous: EnsembleStatus?
        do {
            if let resume {
                let opened = try Ensemble.open(resume)
                let changed = try opened.ensemble.changing(maxRetries: retries, maxParallel: maxParallel,
                                                           wallTimeSeconds: wallTimeMinutes.map { $0 * 60 }, queue: jobs.queue, account: jobs.account)
                (ensemble, previous) = (changed, opened.status)
            } else {
                ensemble = try Ensemble.create(try definition(), in: output ?? "ensemble", registry: registry)
                previous = nil
                for warning in ensemble.warnings { printToStandardError("warning: \(warning)") }
            }
        } catch {
            printToStandardError("error: \(error)")
            throw ExitCode.failure
        }
        let display = EnsembleDisplay(terminal: isatty(STDOUT_FILENO) == 1)
        // --resume goes on with the ensemble's own backend and launcher unless told otherwise.
        let choice = jobs.choice(over: BackendOptions.Choice.read(from: ensemble.folder))
        do { try choice.write(to: ensemble.folder) } catch {
            printToStandardError("error: \(ensemble.folder)/backend.json: \(error.localizedDescription)")
            throw ExitCode.failure
        }
        let chosen = choice.make()
        let work = Task {
            try await chosen.withStarted { backend in
                try await EnsembleRunner(ensemble: ensemble, backend: backend, resuming: previous) { display.show($0) }.run()
            }
        }
        let interruption = InterruptionHandler { work.cancel() }
        defer { interruption.release() }
        let final: EnsembleStatus
        do {
            final = try await work.value
        } catch is CancellationError {
            display.finish(try? Ensemble.open(ensemble.folder).status)
            printToStandardError("interrupted: the members still running were cancelled; run on with "
                + "`coupled-driver ensemble --resume \(ensemble.folder)`")
            throw ExitCode(128 + (interruption.received ?? SIGINT))
        } catch {
            printToStandardError("error: \(error)")
            throw ExitCode.failure
        }
        display.finish(final)
        if final.members.contains(where: { $0.state != .completed }) { throw ExitCode.failure }
    }

    /// The definition the command line gives.
    private func definition() throws -> EnsembleDefinition {
        guard let namelist else { throw ValidationError("no namelist") }
        let settings = try values.map { text throws(EnsembleError) in try EnsembleSetting(values: text) }
            + perturb.map { text throws(EnsembleError) in try EnsembleSetting(perturbation: text) }
        let count = members ?? settings.compactMap(\.memberCount).first
        guard let count else { throw EnsembleError.invalidSetting("give --members N (no --set gives the number of members)") }
        let path = URL(fileURLWithPath: namelist).standardizedFileURL.path
        let text = try Ensemble.readNamelist(path)
        let layout = DriverConfiguration.layoutIgnoringProblems(text: text, path: path, worldSize: ranks ?? 1)
        let threads = layout.map { l in l.components.map { l[$0].nthreads }.max() ?? 1 } ?? 1
        let resources = JobResources(ranks: ranks ?? layout?.requiredWorldSize ?? 1, threadsPerRank: max(threads, 1),
                                     wallTimeSeconds: (wallTimeMinutes ?? 60) * 60, queue: jobs.queue, account: jobs.account)
        return EnsembleDefinition(namelist: path, memberCount: count, settings: settings, seed: seed ?? 1,
                                  executable: CommandLine.executablePath, resources: resources, maxRetries: retries ?? 0, maxParallel: maxParallel)
    }
}
