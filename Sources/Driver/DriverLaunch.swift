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
        let configuration: DriverConfiguration
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

        // A continued run reads rpointer.drv and the coupler restart's identity (rank 0 reads, all get them).
        var restart: RestartContext? = nil
        if configuration.run.startType == "continue" {
            do {
                restart = try RestartContext.load(directory: runDirectory, world: world, configuration: configuration)
            } catch {
                if isRoot { printToStandardError("error: start_type = 'continue': \(error)") }
                return 1
            }
        }
        let groups = try ProcessorGroups(layout: configuration.layout, world: world)
        let watchdog = HangWatchdog(timeout: configuration.run.hangTimeout, worldRank: world.rank, worldSize: world.size,
                                    logPath: resolve("cpl.log", against: runDirectory))
        defer { watchdog?.stop() }
        do {
            let run = try CoupledRun(configuration: configuration, registry: registry, groups: groups, runDirectory: runDirectory,
                                     restart: restart, watchdog: watchdog)
            try run.initializeComponents()
            try run.setUpCoupling()
            try run.runToStop()
            try run.finalizeComponents()
            try run.writeTiming()
        } catch {
            watchdog?.begin("the end of the failed run", phase: .ending)
            watchdog?.doing("agreeing with the other ranks on how the job ends")
            return JobEnding.end(after: error, worldRank: world.rank, runDirectory: runDirectory)
        }
        return 0
    }
}
