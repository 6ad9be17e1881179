import Coupling
import MPI

/// One coupled run on this rank: the components this rank runs, the clock and the run
/// sequence. Every rank walks the same sequence and skips the components it does not run.
///
/// Life cycle: `init` (clock, logs), `initializeComponents()`, `runToStop()`,
/// `finalizeComponents()`. A failing component surfaces as a `RunFailure`.
public final class CoupledRun {
    public let configuration: DriverConfiguration
    public let groups: ProcessorGroups
    public let runDirectory: String
    /// The driver clock.
    public private(set) var clock: ModelClock
    /// `cpl.log`, open on the coupler's first task only.
    let couplerLog: ComponentLog
    private var instances: [ComponentKind: ComponentInstance] = [:]

    /// The order in which model components start their coupling intervals within a driver
    /// step: the ocean first (it runs on lagged inputs, so on its own ranks it runs alongside
    /// the others), then land and sea ice, then the atmosphere.
    static let runOrder: [ComponentKind] = [.ocn, .lnd, .ice, .atm]

    /// Prepares the run: the clock, `cpl.log` on the coupler's first task, and the component
    /// objects this rank runs.
    public init(configuration: DriverConfiguration, registry: ComponentRegistry, groups: ProcessorGroups,
                runDirectory: String) throws(RunFailure) {
        self.configuration = configuration
        self.groups = groups
        self.runDirectory = runDirectory
        let worldRank = groups.world.rank
        do {
            clock = try configuration.time.makeClock()
        } catch {
            throw RunFailure(what: "the driver", phase: "clock set-up", worldRank: worldRank, modelTime: nil, reason: "\(error)")
        }
        let isCouplerRoot = groups.communicator(of: .cpl)?.isRoot ?? false
        couplerLog = ComponentLog(file: isCouplerRoot ? try Self.openLog("cpl.log", in: runDirectory, worldRank: worldRank) : nil)
        logHeader()
        for kind in ComponentKind.models {
            guard let communicator = groups.communicator(of: kind) else { continue }
            let modelName = configuration.models[kind]!
            guard let entry = registry.entry(named: modelName) else {
                throw RunFailure(what: kind.rawValue, phase: "set-up", worldRank: worldRank, modelTime: nil,
                                 reason: "model '\(modelName)' is not registered")
            }
            let log = ComponentLog(file: communicator.isRoot ? try Self.openLog("\(kind.rawValue).log", in: runDirectory, worldRank: worldRank) : nil)
            let context = ComponentContext(
                kind: kind, modelName: modelName, communicator: communicator,
                threads: ThreadTeam(count: configuration.layout[kind].nthreads),
                namelist: configuration.namelist, namelistDirectory: configuration.namelistDirectory,
                calendar: clock.calendar, startTime: clock.startTime,
                couplingInterval: configuration.time.couplingIntervals[kind]!, stopTime: clock.stopTime,
                runDirectory: runDirectory, caseName: configuration.run.caseName, log: log)
            instances[kind] = ComponentInstance(kind: kind, model: entry.make(), context: context)
        }
    }

    private static func openLog(_ name: String, in directory: String, worldRank: Int) throws(RunFailure) -> LogFile {
        do {
            return try LogFile(path: resolve(name, against: directory))
        } catch {
            throw RunFailure(what: "the driver", phase: "opening logs", worldRank: worldRank, modelTime: nil, reason: "\(error)")
        }
    }

    private func logHeader() {
        let c = configuration
        couplerLog.write("coupled-driver: case '\(c.run.caseName)', namelist \(c.namelistPath), \(groups.world.size) MPI ranks")
        couplerLog.write("processor layout:")
        for line in c.layout.groupDescriptions() { couplerLog.write("  " + line) }
        for kind in ComponentKind.models {
            couplerLog.write("  \(kind.rawValue) runs model '\(c.models[kind]!)' every \(c.time.couplingIntervals[kind]!) s")
        }
        couplerLog.write("clock: calendar \(clock.calendar.rawValue), start \(clock.calendar.date(of: clock.startTime)), "
            + "stop \(clock.calendar.date(of: clock.stopTime)), driver step \(clock.stepSeconds) s, "
            + "\(clock.remainingSteps) steps")
    }

    // MARK: Phases

    /// Initialises every component this rank runs, in `ComponentKind.models` order.
    public func initializeComponents() throws(RunFailure) {
        for kind in ComponentKind.models {
            couplerLog.write("initializing \(kind.rawValue) (model '\(configuration.models[kind]!)') on world ranks \(configuration.layout[kind].rankSummary)")
            guard let instance = instances[kind] else { continue }
            try call(instance, phase: "initialize") {
                let setup = try instance.model.initialize(context: instance.context)
                instance.setup = setup
                instance.imports = FieldBundle(fields: setup.imports, pointCount: setup.domain.localSize)
                instance.exports = FieldBundle(fields: setup.exports, pointCount: setup.domain.localSize)
            }
        }
    }

    /// Runs driver steps until the stop time.
    public func runToStop() throws(RunFailure) {
        var progress = ProgressMeter(clock: clock)
        couplerLog.write("run start: model date \(clock.currentDate)")
        while !clock.isAtStop {
            try step()
            if let line = progress.lineIfNewDay(clock: clock) { couplerLog.write(line) }
        }
        couplerLog.write("run end: model date \(clock.currentDate), \(clock.stepCount) driver steps")
    }

    /// One driver step: each component whose coupling interval starts now runs through it.
    private func step() throws(RunFailure) {
        let start = clock.currentTime
        for kind in Self.runOrder where startsInterval(kind, at: start) {
            guard let instance = instances[kind] else { continue }
            let end = start + configuration.time.couplingIntervals[kind]!
            try call(instance, phase: "run") {
                try instance.model.run(from: start, until: end, imports: instance.imports, exports: &instance.exports,
                                       context: instance.context)
            }
        }
        clock.advance()
    }

    /// Whether component `kind` starts a coupling interval at `time`.
    private func startsInterval(_ kind: ComponentKind, at time: ModelTime) -> Bool {
        (time - clock.startTime) % configuration.time.couplingIntervals[kind]! == 0
    }

    /// Finalises every component this rank runs.
    public func finalizeComponents() throws(RunFailure) {
        for kind in ComponentKind.models {
            guard let instance = instances[kind] else { continue }
            try call(instance, phase: "finalize") { try instance.model.finalize(context: instance.context) }
        }
        // Only when every rank has finished is the run a success.
        do {
            try groups.world.barrier()
        } catch {
            throw RunFailure(what: "the driver", phase: "finalize", worldRank: groups.world.rank, modelTime: "\(clock.currentDate)",
                             reason: "\(error)")
        }
        couplerLog.write("SUCCESSFUL TERMINATION of coupled-driver at model date \(clock.currentDate)")
    }

    /// Runs `body` for `instance`, turning any error into a `RunFailure` that says where and when.
    private func call(_ instance: ComponentInstance, phase: String, _ body: () throws -> Void) throws(RunFailure) {
        do {
            try body()
        } catch {
            throw RunFailure(what: instance.label, phase: phase, worldRank: groups.world.rank,
                             modelTime: "\(clock.currentDate)", reason: "\(error)")
        }
    }
}
