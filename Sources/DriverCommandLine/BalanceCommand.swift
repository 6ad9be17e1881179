import ArgumentParser
import Coupling
import Driver
import Foundation
import LoadBalancing
import Namelist

/// `coupled-driver balance NAMELIST --total-tasks N`: test runs, cost fits and a proposed layout.
struct BalanceCommand: RegistryCommand {
    static let configuration = CommandConfiguration(
        commandName: "balance",
        abstract: "Find a faster processor layout from short test runs (load balancing).",
        discussion: """
        Runs the namelist's configuration for a few simulated days with every component at \
        several task counts, through the chosen backend (local: one run after another; mpirun: \
        as many at once as this machine has cores; slurm or pbs: batch jobs), fits each \
        component's cost per simulated day against its task count, and searches all layouts of \
        --total-tasks tasks for the least predicted time per simulated day. Writes \
        proposed.nml, report.txt, costs.svg and predicted-timeline.svg into --output; with \
        --verify, also runs the searched layout and prints predicted against measured time. \
        proposed.nml holds the searched layout unless a layout that ran measured faster.
        """)

    @Argument(help: "The namelist of the configuration to balance.")
    var namelist: String

    @Option(name: .customLong("total-tasks"), help: "The MPI task count to find a layout for.")
    var totalTasks: Int

    @Option(name: .long, help: "Simulated days of each test run.")
    var days: Int = 1

    @Option(name: .long, parsing: .upToNextOption,
            help: "Task counts to measure a component at, e.g. atm=4,8,16 ocn=2,4 (default: 1, 2, 4, ... up to the total).")
    var sizes: [String] = []

    @Option(name: .long, help: "Where the test runs, the report and the proposed namelist go.")
    var output: String = "balance"

    @Option(name: .customLong("wall-time"), help: "The wall-time limit of each test run, minutes.")
    var wallTimeMinutes: Int = 30

    @OptionGroup var jobs: BackendOptions

    @Flag(name: .long, help: "Also run the searched layout and compare its time with the prediction.")
    var verify = false

    func validate() throws {
        guard totalTasks >= 1 else { throw ValidationError("--total-tasks must be at least 1") }
        guard days >= 1 else { throw ValidationError("--days must be at least 1") }
        guard wallTimeMinutes >= 1 else { throw ValidationError("--wall-time must be at least 1 minute") }
        _ = try requestedSizes()
    }

    func run(registry: ComponentRegistry) async throws {
        let request: BalanceRequest
        do { request = try makeRequest(registry: registry) } catch {
            printToStandardError("\(error)")
            throw ExitCode.failure
        }
        let chosen = jobs.choice().make()
        do {
            let outcome = try await chosen.withStarted { backend in
                try await LoadBalancer(request: request).run(on: backend) { line in
                    print(line)
                    fflush(nil)  // test runs take minutes: show each line as it comes, also into a pipe
                }
            }
            print("")
            print(outcome.report, terminator: "")
            print("\nWritten: \(outcome.proposedNamelist), \(outcome.reportPath), \(outcome.costsPicture), \(outcome.timelinePicture)")
        } catch {
            printToStandardError("error: \(error)")
            throw ExitCode.failure
        }
    }

    /// The namelist checked with the models of `registry` for a job of `--total-tasks` ranks (its
    /// own layout replaced by every component on every rank, keeping its threads), and what the
    /// balancer needs from it.
    private func makeRequest(registry: ComponentRegistry) throws -> BalanceRequest {
        let path = absolute(namelist)
        let text: String
        do { text = try readTextFile(path) } catch { throw BalanceCommandError("error: cannot read namelist \(error)") }
        let given = DriverConfiguration.layoutIgnoringProblems(text: text, path: path, worldSize: totalTasks)
        let components = given?.components ?? ComponentKind.all
        var threads = [ComponentKind: Int]()
        for kind in components { threads[kind] = max(1, given?[kind].nthreads ?? 1) }
        let everywhere = ProcessorLayout(sets: Dictionary(uniqueKeysWithValues: components.map {
            ($0, ProcessorSet(ntasks: totalTasks, nthreads: threads[$0]!))
        }))
        var editor = NamelistEditor(text: text, file: path)
        let configuration: DriverConfiguration
        do {
            _ = try NamelistDocument.parseFile(text, file: path)  // binary or empty: one clear line, before the layout is replaced
            try editor.replaceGroup("cime_pes", with: everywhere.cimePesGroup)
            configuration = try DriverConfiguration.load(text: editor.text, path: path, worldSize: totalTasks, registry: registry)
        } catch {
            throw BalanceCommandError("\(error)")
        }
        // The components laid out whose model is the stub (the coupler always runs).
        let absent = Set(components.filter { $0 != .cpl }).subtracting(configuration.componentsRunningModels)
        return BalanceRequest(
            namelistPath: path, namelistText: text, pathsFrom: configuration.namelistDirectory,
            executable: CommandLine.executablePath, totalTasks: totalTasks, days: days, sizes: try requestedSizes(),
            threads: threads, components: components, absent: absent,
            output: absolute(output), wallTimeSeconds: wallTimeMinutes * 60,
            queue: jobs.queue, account: jobs.account, verify: verify)
    }

    /// `--sizes atm=4,8,16 ocn=2,4` as task counts per component.
    private func requestedSizes() throws -> [ComponentKind: [Int]] {
        var result = [ComponentKind: [Int]]()
        for item in sizes {
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let kind = ComponentKind(rawValue: parts[0]) else {
                throw ValidationError("--sizes \(item): write COMPONENT=N,N,... with a component of atm, lnd, ice, ocn, cpl")
            }
            let counts = parts[1].split(separator: ",").map { Int($0) }
            guard !counts.isEmpty, counts.allSatisfy({ ($0 ?? 0) >= 1 }) else {
                throw ValidationError("--sizes \(item): the task counts must be whole numbers of at least 1")
            }
            result[kind] = counts.map { $0! }.sorted()
        }
        return result
    }

    private func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }
}

/// A balance request that cannot be made; the message is printed as is.
struct BalanceCommandError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
