import Coupling
import FaultInjection
import MPI

/// Runs a coupled run from a namelist, as `mpirun -n N coupled-driver NAMELIST` does.
///
/// MPI is initialised (FUNNELED) here and finalised on every normal return. Problems every
/// rank sees alike (an unreadable or invalid namelist, an impossible layout, an unusable
/// run directory) are printed once, by rank 0, and every rank returns 1. A failure during the
/// run, on any ranks, ends every rank through `JobEnding`: one message, from the lowest rank
/// that failed, and exit code 1 everywhere, never a hang.
public enum DriverLaunch {
    /// Runs the namelist at `namelistPath` with the models of `registry`, writing into
    /// `runDirectory`; relative paths in the namelist resolve against `pathsFrom` (default:
    /// the namelist's folder). CESM settings coupled-driver does not implement are listed by rank
    /// 0 (and in `cpl.log`), or refused with `strict`. `inputdata` is the local CESM inputdata
    /// tree, if given. Returns the process exit code.
    public static func run(namelistPath: String, runDirectory: String, registry: ComponentRegistry, pathsFrom: String? = nil,
                           strict: Bool = false, inputdata: String? = nil) -> Int32 {
        do {
            try MPIRuntime.initialize(threadLevel: .funneled)
        } catch {
            printToStandardError("error: \(error)")
            return 1
        }
        defer { MPIRuntime.finalize() }
        if let problem = FaultInjection.arm(worldRank: (try? Communicator.world().rank) ?? 0) {
            printToStandardError("error: \(problem)")
            return 1
        }
        defer { FaultInjection.writeRecord() }
        do {
            return try launch(namelistPath: namelistPath, runDirectory: runDirectory, registry: registry, pathsFrom: pathsFrom, strict: strict,
                              inputdata: inputdata)
        } catch {
            printToStandardError("error: MPI failed on rank \((try? Communicator.world().rank) ?? -1): \(error)")
            MPIRuntime.abort(code: 1)
        }
    }

    private static func launch(namelistPath: String, runDirectory: String, registry: ComponentRegistry, pathsFrom: String?,
                               strict: Bool, inputdata: String?) throws(MPIError) -> Int32 {
        let world = try Communicator.world()
        let isRoot = world.rank == 0
        try FailureNotices.open(world: world)

        // Rank 0 reads the namelist and sends it to all: one file read, whatever the job size.
        var text = "", problem = ""
        if isRoot {
            do { text = try readTextFile(namelistPath) } catch { problem = "cannot read namelist \(error)" }
        }
        problem = try world.broadcast(problem, root: 0)
        if !problem.isEmpty {
            if isRoot { printToStandardError("error: \(problem)") }
            return 1
        }
        text = try world.broadcast(text, root: 0)

        // Every rank checks the same text, so every rank reaches the same verdict.
        var configuration: DriverConfiguration
        do {
            configuration = try DriverConfiguration.load(text: text, path: namelistPath, worldSize: world.size, registry: registry,
                                                         pathsFrom: pathsFrom, strict: strict, inputdata: inputdata)
        } catch {
            if isRoot { printToStandardError(error.description) }
            return 1
        }
        if isRoot { for line in configuration.ignoredSettingsReport { printToStandardError(line) } }

        if isRoot { problem = runDirectoryWriteProblem(runDirectory, creating: true) ?? "" }
        problem = try world.broadcast(problem, root: 0)
        if !problem.isEmpty {
            if isRoot { printToStandardError("error: \(problem)") }
            return 1
        }

        // With ninst_driver = N, the job's ranks form N coupled systems, each on an equal share.
        let memberRanks = world.size / configuration.instance.count
        let system = configuration.instance.count == 1 ? world : try world.split(color: world.rank / memberRanks, key: world.rank)!
        if configuration.instance.count > 1 {
            guard let member = try memberConfiguration(number: world.rank / memberRanks + 1, of: configuration, text: text, namelistPath: namelistPath,
                                                       world: world, system: system, registry: registry, pathsFrom: pathsFrom, strict: strict,
                                                       inputdata: inputdata) else { return 1 }
            configuration = member
        }
        let firstJobRank = world.rank - system.rank

        // A continued run reads rpointer.drv and the coupler restart's identity (the system's first rank reads, all get them).
        var restart: RestartContext? = nil
        if configuration.run.startType == "continue" {
            var reason = ""
            do {
                restart = try RestartContext.load(directory: runDirectory, world: system, configuration: configuration)
            } catch {
                reason = "\(configuration.instance.count > 1 ? "\(configuration.instance): " : "")start_type = 'continue': \(error)"
            }
            if try world.any(!reason.isEmpty) {
                if !reason.isEmpty, system.rank == 0 { printToStandardError("error: \(reason)") }
                return 1
            }
        }
        let groups = try ProcessorGroups(layout: configuration.layout, world: system)
        let watchdog = HangWatchdog(timeout: configuration.run.hangTimeout, worldRank: world.rank, worldSize: world.size,
                                    logPath: resolve(RunFileNames.log(of: .cpl, instance: configuration.instance), against: runDirectory))
        defer { watchdog?.stop() }
        do throws(RunFailure) {
            let run = try CoupledRun(configuration: configuration, registry: registry, groups: groups, runDirectory: runDirectory,
                                     restart: restart, watchdog: watchdog)
            try run.initializeComponents()
            try run.setUpCoupling()
            try run.runToStop()
            try run.finalizeComponents()
            try run.writeTiming()
            if configuration.instance.count > 1 {
                // A member that finished waits for the others: if one of them fails, this wait is
                // interrupted and the member joins the job's ending instead of leaving it.
                watchdog?.doing("waiting for the job's other members to finish")
                do { try world.barrier() } catch {
                    throw RunFailure(what: "the driver", phase: "the end of the job", worldRank: system.rank, modelTime: nil, reason: "\(error)")
                }
            }
        } catch {
            watchdog?.begin("the end of the failed run", phase: .ending)
            watchdog?.doing("agreeing with the other ranks on how the job ends")
            return JobEnding.end(after: error, worldRank: world.rank, runDirectory: runDirectory, instance: configuration.instance,
                                 memberRanks: firstJobRank ... firstJobRank + system.size - 1)
        }
        return 0
    }

    /// Member `number`'s configuration: the main namelist with the keys of its `&member_000k`
    /// group and of its own file (`NAMELIST_000k`, read by the member's first rank, if there is
    /// one) in place. When any member's is wrong, the first rank of each such member prints
    /// why, naming it, and every rank of the job gets `nil`.
    private static func memberConfiguration(number: Int, of main: DriverConfiguration, text: String, namelistPath: String,
                                            world: Communicator, system: Communicator, registry: ComponentRegistry, pathsFrom: String?,
                                            strict: Bool, inputdata: String?) throws(MPIError) -> DriverConfiguration? {
        let instance = DriverInstance(number: number, count: main.instance.count)
        let filePath = instance.overrideFile(besides: namelistPath)
        // The member's first rank reads its file; `fileText` is empty when there is none.
        var fileText = "", problem = "", hasFile = 0
        if system.rank == 0 {
            do {
                if let file = try NamelistText.memberFile(of: instance, besides: namelistPath) { (fileText, hasFile) = (file.text, 1) }
            } catch {
                problem = "error: cannot read \(error)"
            }
        }
        problem = try system.broadcast(problem, root: 0)
        hasFile = try system.broadcast(hasFile, root: 0)
        fileText = try system.broadcast(fileText, root: 0)
        var configuration: DriverConfiguration? = nil
        if problem.isEmpty {
            do {
                configuration = try DriverConfiguration.load(text: text, path: namelistPath, worldSize: world.size, registry: registry,
                                                             pathsFrom: pathsFrom, strict: strict, inputdata: inputdata, member: number,
                                                             memberFile: hasFile == 1 ? NamelistText(text: fileText, path: filePath) : nil)
            } catch {
                problem = error.description
            }
        }
        guard try world.any(!problem.isEmpty) else { return configuration }
        if !problem.isEmpty, system.rank == 0 {
            printToStandardError("error: \(instance) of the job (&\(instance.overrideGroup), \(filePath)) cannot run:\n\(problem)")
        }
        return nil
    }
}
