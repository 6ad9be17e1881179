import Coupling
import FaultInjection
import MPI
import TimeManager
#if canImport(Glibc)
import Glibc
#endif

/// One coupled run on this rank: the components this rank runs, the clock and the run
/// sequence. Every rank walks the same sequence and skips the components it does not run.
///
/// Life cycle: `init` (clock, logs), `initializeComponents()`, `setUpCoupling()`,
/// `runToStop()`, `finalizeComponents()`. A failing component surfaces as a `RunFailure`.
final class CoupledRun {
    let configuration: DriverConfiguration
    let groups: ProcessorGroups
    let runDirectory: String
    /// Set when the run continues from a restart.
    let restart: RestartContext?
    /// The driver clock.
    private(set) var clock: ModelClock
    /// `cpl.log`, open on the coupler's first task only.
    let couplerLog: ComponentLog
    var instances: [ComponentKind: ComponentInstance] = [:]
    /// The coupler, once `setUpCoupling()` has built it.
    var coupler: Coupler?
    /// What the coupler does, once `setUpCoupling()` has decided it.
    var plan: CouplingPlan?
    /// What each driver step does, once `setUpCoupling()` knows which components take part.
    var sequence: RunSequence?
    /// This rank's timers.
    let timers = Timers()
    var budgets: BudgetPeriods
    /// Ends the job when a stretch of the run takes too long (nil when `hang_timeout = 0`).
    let watchdog: HangWatchdog?
    /// Records a few coupling intervals for `timing/timeline.svg`.
    let timeline: TimelineRecorder
    /// The driver steps this run makes.
    let totalSteps: Int
    /// The model time this run starts at (the restart time on a continued run).
    let runStart: ModelTime

    /// Prepares the run: the clock, `cpl.log` on the coupler's first task, and the component
    /// objects this rank runs. `watchdog` is told what the run is doing. First refuses, on every
    /// rank alike, a run directory and case name whose file paths MPI-IO cannot take
    /// (`DriverConfiguration.fileNameProblem`).
    init(configuration: DriverConfiguration, registry: ComponentRegistry, groups: ProcessorGroups,
         runDirectory: String, restart: RestartContext?, watchdog: HangWatchdog?) throws(RunFailure) {
        if let problem = configuration.fileNameProblem(runDirectory: runDirectory, resumingAt: restart?.time) {
            throw RunFailure(what: "the driver", phase: "start-up", worldRank: groups.world.rank, modelTime: nil, reason: problem,
                             sharedByAllRanks: true)
        }
        self.configuration = configuration
        self.groups = groups
        self.runDirectory = runDirectory
        self.restart = restart
        let worldRank = groups.world.rank
        budgets = BudgetPeriods(settings: configuration.run)
        self.watchdog = watchdog
        do {
            clock = try restart.map { r throws(TimeError) in try configuration.time.makeClock(resumingAt: r.time) } ?? configuration.time.makeClock()
            try clock.addAlarm(named: DriverAlarm.history.rawValue, setting: configuration.time.history)
            try clock.addAlarm(named: DriverAlarm.restart.rawValue, setting: configuration.time.restart)
            try clock.addAlarm(named: DriverAlarm.historyAverage.rawValue, setting: configuration.time.historyAverage)
        } catch {
            throw RunFailure(what: "the driver", phase: "clock set-up", worldRank: worldRank, modelTime: nil, reason: "\(error)",
                             sharedByAllRanks: true)
        }
        totalSteps = Int(clock.remainingSteps)
        runStart = clock.currentTime
        let longest = configuration.layout.models.map { configuration.time.couplingIntervals[$0]! }.max() ?? clock.stepSeconds
        timeline = TimelineRecorder(steps: totalSteps, stepsPerLongestInterval: Int(longest / clock.stepSeconds), rank: worldRank,
                                    roots: Set(configuration.layout.components.filter { configuration.layout[$0].rootRank == worldRank }))
        timers.observer = { [timeline] name, start, end in timeline.record(name, start: start, end: end) }
        let append = restart != nil
        let isCouplerRoot = groups.communicator(of: .cpl)?.isRoot ?? false
        couplerLog = ComponentLog(file: isCouplerRoot ? try Self.openLog(RunFileNames.log(of: .cpl, instance: configuration.instance), in: runDirectory, append: append, worldRank: worldRank) : nil)
        logHeader()
        do {
            for line in try ThreadPlacement(layout: configuration.layout, world: groups.world).warnings { couplerLog.write(line) }
        } catch {
            throw RunFailure(what: "the driver", phase: "start-up", worldRank: worldRank, modelTime: nil, reason: "\(error)",
                             sharedByAllRanks: false)
        }
        if let restart {
            couplerLog.write("continuing from the restart set of \(clock.currentDate) named by \(restart.set.pointerName): \(restart.set.files.joined(separator: ", "))")
        }
        for kind in configuration.layout.models {
            guard let communicator = groups.communicator(of: kind) else { continue }
            let modelName = configuration.models[kind]!
            guard let entry = registry.entry(named: modelName) else {
                throw RunFailure(what: kind.rawValue, phase: "set-up", worldRank: worldRank, modelTime: nil,
                                 reason: "model '\(modelName)' is not registered")
            }
            let log = ComponentLog(file: communicator.isRoot ? try Self.openLog(RunFileNames.log(of: kind, instance: configuration.instance), in: runDirectory, append: append, worldRank: worldRank) : nil)
            let context = ComponentContext(
                kind: kind, modelName: modelName, communicator: communicator,
                threads: ThreadTeam(count: configuration.layout[kind].nthreads),
                namelist: configuration.namelist, namelistDirectory: configuration.namelistDirectory,
                calendar: clock.calendar, startTime: clock.currentTime,
                couplingInterval: configuration.time.couplingIntervals[kind]!, stopTime: clock.stopTime,
                runDirectory: runDirectory, caseName: configuration.run.caseName, log: log, inputdata: configuration.inputdata)
            instances[kind] = ComponentInstance(kind: kind, model: entry.make(kind), context: context)
        }
    }

    /// Opens log `name` in `directory`: extended on a continued run; on a new run, an earlier
    /// run's log is first renamed to `NAME.YYYY-MM-DD-hhmmss` (its last change) so it is kept.
    private static func openLog(_ name: String, in directory: String, append: Bool, worldRank: Int) throws(RunFailure) -> LogFile {
        let path = resolve(name, against: directory)
        do {
            if !append { try keepEarlierLog(path) }
            return try LogFile(path: path, append: append)
        } catch {
            throw RunFailure(what: "the driver", phase: "opening logs", worldRank: worldRank, modelTime: nil, reason: "\(error)")
        }
    }

    /// Renames an existing log at `path` to `path.<its modification time>` (plus `.1`, `.2`, ...
    /// if taken).
    private static func keepEarlierLog(_ path: String) throws(FileError) {
        var status = stat()
        guard stat(path, &status) == 0 else { return }
        var modified = status.st_mtim.tv_sec
        var parts = tm()
        localtime_r(&modified, &parts)
        var buffer = [CChar](repeating: 0, count: 32)
        let length = strftime(&buffer, buffer.count, "%Y-%m-%d-%H%M%S", &parts)
        var kept = path + "." + String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var suffix = 0
        while fileExists(kept + (suffix == 0 ? "" : ".\(suffix)")) { suffix += 1 }
        if suffix > 0 { kept += ".\(suffix)" }
        if rename(path, kept) != 0 { throw FileError(path: path, reason: "cannot be renamed to \(kept): \(String(cString: strerror(errno)))") }
    }

    private func logHeader() {
        let c = configuration
        couplerLog.write("coupled-driver: case '\(c.run.caseName)', namelist \(c.namelistPath), \(groups.world.size) MPI ranks")
        for line in c.ignoredSettingsReport { couplerLog.write(line) }
        couplerLog.write("processor layout:")
        for line in c.layout.groupDescriptions() { couplerLog.write("  " + line) }
        for kind in c.layout.models {
            couplerLog.write("  \(kind.rawValue) runs model '\(c.models[kind]!)' every \(c.time.couplingIntervals[kind]!) s")
        }
        couplerLog.write("clock: calendar \(clock.calendar.rawValue), start \(clock.calendar.date(of: clock.startTime)), "
            + "stop \(clock.calendar.date(of: clock.stopTime)), driver step \(clock.stepSeconds) s, "
            + "\(clock.remainingSteps) steps")
    }

    // MARK: Phases

    /// Initialises every component this rank runs, in `ComponentKind.all` order, and takes
    /// their initial exports.
    public func initializeComponents() throws(RunFailure) {
        watchdog?.begin("initialisation", phase: .startup)
        defer { watchdog?.end() }
        for kind in configuration.layout.models {
            couplerLog.write("initializing \(kind.rawValue) (model '\(configuration.models[kind]!)') on world ranks \(configuration.layout[kind].rankSummary)")
            guard let instance = instances[kind] else { continue }
            watchdog?.doing("initializing \(instance.label)")
            try timers.time("\(kind.rawValue) init") { () throws(RunFailure) in try call(instance, phase: "initialize") {
                let setup = try instance.model.initialize(context: instance.context)
                if let problem = setup.fields.lazy.compactMap({ $0.problem(declaredBy: kind) }).first { throw FieldDeclarationError(problem) }
                instance.setup = setup
                instance.imports = FieldBundle(fields: setup.imports, pointCount: setup.domain.localSize)
                instance.exports = FieldBundle(fields: setup.exports, pointCount: setup.domain.localSize)
                if let restart, let file = restart.set.components[kind] {
                    let reader = try RestartReader(path: resolve(file, against: restart.directory), communicator: instance.context.communicator,
                                                   domain: setup.domain)
                    try instance.model.readRestart(reader, context: instance.context)
                    try reader.close()
                } else if let restart, setup.isPresent {
                    throw RestartError(path: restart.set.pointerName, "names no restart file for \(kind.rawValue), which is '\(instance.context.modelName)' in this run")
                }
                try instance.model.initialExports(&instance.exports, context: instance.context)
            } }
        }
    }

    /// Tells every rank what each component exchanges, checks the coupling can be done, and
    /// builds the coupler (routers, maps, fractions). Problems every rank sees alike end the
    /// job on every rank with one message.
    public func setUpCoupling() throws(RunFailure) {
        let world = groups.world
        watchdog?.begin("the coupler's set-up", phase: .startup)
        watchdog?.doing("setting up the coupling (exchanging component summaries, routers, maps and fractions) with every rank")
        defer { watchdog?.end() }
        do {
            var local = [ComponentKind: ComponentSummary]()
            for (kind, instance) in instances { local[kind] = ComponentSummary(kind: kind, modelName: instance.context.modelName, setup: instance.setup) }
            let summaries = try ComponentSummary.shareAll(local, layout: configuration.layout, world: world)
            let table: ExchangeTable
            do {
                table = try ExchangeTable.standard.adding(fieldsDeclaredBy: summaries.mapValues(\.fields))
            } catch {
                throw RunFailure(what: "the coupling set-up", phase: "initialization", worldRank: world.rank, modelTime: nil,
                                 reason: "\n  " + error.problems.joined(separator: "\n  "), sharedByAllRanks: true)
            }
            let plan = CouplingPlan(components: summaries, table: table, fluxGrid: configuration.run.fluxGrid)
            let problems = plan.problems(maps: configuration.maps, bitForBit: configuration.run.bitForBit)
            if !problems.isEmpty {
                throw RunFailure(what: "the coupling set-up", phase: "initialization", worldRank: world.rank, modelTime: nil,
                                 reason: "\n  " + problems.joined(separator: "\n  "), sharedByAllRanks: true)
            }
            for line in describe(plan) { couplerLog.write(line) }
            self.plan = plan
            let sequence = try makeSequence(plan)
            for line in sequence.lines { couplerLog.write(line) }
            self.sequence = sequence
            if let restart {
                let differences = restart.metadata.differences(from: RestartMetadata(configuration: configuration, plan: plan))
                if !differences.isEmpty {
                    throw RunFailure(what: "continuing from \(restart.set.coupler)", phase: "initialization", worldRank: world.rank, modelTime: nil,
                                     reason: "the restart does not match the namelist:\n  " + differences.joined(separator: "\n  "),
                                     sharedByAllRanks: true)
                }
            }
            coupler = try timers.time("cpl init") {
                let coupler = try Coupler(plan: plan, groups: groups, configuration: configuration, timers: timers, instances: instances)
                if budgets.isActive { coupler.keepLedger(in: budgets.day) }
                if let restart {
                    try coupler.restore(fromRestartAt: resolve(restart.set.coupler, against: restart.directory), budgets: &budgets)
                }
                if budgets.isActive, !coupler.budgetTermsLeftOut.isEmpty {
                    couplerLog.write("budget terms left out (a component does not export what they read): "
                        + coupler.budgetTermsLeftOut.joined(separator: "; "))
                }
                return coupler
            }
        } catch let failure as RunFailure {
            throw failure
        } catch {
            throw RunFailure(what: "the coupling set-up", phase: "initialization", worldRank: world.rank, modelTime: nil, reason: "\(error)")
        }
    }

    /// The run sequence of `cpl_seq_option` for the components `plan` found.
    private func makeSequence(_ plan: CouplingPlan) throws(RunFailure) -> RunSequence {
        var roles = [ComponentKind: CouplingRole]()
        for kind in ComponentKind.models {
            roles[kind] = plan.summary(kind).map { $0.imports.isEmpty ? .exportsOnly : .importsAndExports } ?? .absent
        }
        do {
            return try RunSequence(option: configuration.run.sequenceOption, intervals: configuration.time.couplingIntervals, roles: roles,
                                   budgets: budgets.isActive, averagedHistory: configuration.time.writesAveragedHistory)
        } catch {
            throw RunFailure(what: "the run sequence", phase: "initialization", worldRank: groups.world.rank, modelTime: nil,
                             reason: "\(error)", sharedByAllRanks: true)
        }
    }

    private func describe(_ plan: CouplingPlan) -> [String] {
        var lines = ["coupling:"]
        for kind in configuration.layout.models {
            guard let s = plan.summary(kind) else { lines.append("  \(kind.rawValue): absent"); continue }
            lines.append("  \(kind.rawValue): grid \(s.grid), exports \(s.exports.count) fields, imports \(s.imports.count) fields")
            for field in s.fields {
                lines.append("    declares \(field.name) (\(field.description.longName), \(field.description.units), \(field.description.kind)): \(field.route)")
            }
        }
        let maps = configuration.maps, bitForBit = configuration.run.bitForBit
        var partialSums = false
        for pair in Set(plan.maps.keys.map { MapPair(from: $0.from, to: $0.to) }).sorted() {
            func described(_ fields: FieldKind) -> String {
                let name = pair.name(for: fields), file = maps[name]
                guard !file.isEmpty else { return "(none)" }
                guard plan.maps[name] != nil, file != MapSettings.identity, !bitForBit, maps.type(of: name) == .y else { return file }
                partialSums = true
                return file + " (type 'Y')"
            }
            lines.append("  \(pair) maps: fluxes \(described(.flux)), states \(described(.state))")
        }
        if plan.computesOceanFluxes {
            let grid = configuration.run.fluxGrid
            let place = switch grid {
            case .ocean: "on the ocean grid"
            case .atmosphere: "on the atmosphere grid, then mapped to the ocean grid"
            case .exchange: "on the exchange grid (the overlaps of \(MapPair(from: .atm, to: .ocn).name(for: .flux))), averaged to the ocean grid"
            }
            lines.append("  atmosphere–ocean fluxes (aoflux_grid = '\(grid.rawValue)'): \(place); the atmosphere receives the ocean grid's, mapped back")
        }
        if partialSums {
            lines.append("  maps of type 'Y' add partial sums in source-rank order: a run repeats itself and restarts exactly, but its "
                + "answers are not bit-for-bit across processor layouts (bfbflag = .true. makes every map type 'X')")
        } else if bitForBit, maps.types.values.contains(.y) {
            lines.append("  bfbflag = .true.: every map is of type 'X', bit-for-bit on any processor layout")
        }
        return lines
    }

    /// Runs driver steps until the stop time.
    public func runToStop() throws(RunFailure) {
        var progress = ProgressMeter(clock: clock)
        couplerLog.write("run start: model date \(clock.currentDate)")
        let started = MPIRuntime.wallTime()
        while !clock.isAtStop {
            try step()
            if let line = progress.lineIfNewDay(clock: clock) { couplerLog.write(line) }
        }
        timers.add("run loop", seconds: MPIRuntime.wallTime() - started)
        couplerLog.write("run end: model date \(clock.currentDate), \(clock.stepCount) driver steps")
    }

    /// One driver step: the entries of the run sequence whose gates are open, in order. Every
    /// rank walks them all and does only what its groups take part in; on the ranks that are the
    /// root of a group, the timeline records what this rank took part in.
    private func step() throws(RunFailure) {
        let start = clock.currentTime
        let stepIndex = Int((start - clock.startTime) / clock.stepSeconds)
        let startDate = clock.currentDate
        let time = "\(startDate)"
        let coupler = self.coupler!, sequence = self.sequence!
        watchdog?.begin("the driver step at model time \(time)", phase: .step)
        defer { watchdog?.end() }
        do {
            try FailureNotices.poll(during: "the driver step")
            try timeline.stepBegins(world: groups.world)
        } catch {
            throw RunFailure(what: "the driver", phase: "the start of a driver step", worldRank: groups.world.rank, modelTime: time,
                             reason: "\(error)")
        }
        for entry in sequence.entries where sequence.isOpen(entry.gate, atStep: stepIndex, ringing: { clock.isRinging($0.rawValue) }) {
            let event = entry.event
            switch event {
            case .send(let kind):
                try coupling("\(event)", time, with: kind) { try coupler.send(to: kind, instance: instances[kind], time: time) }
            case .run(let kind):
                try run(kind, from: start)
            case .receive(let kind):
                try coupling("\(event)", time, with: kind) { try coupler.receive(from: kind, instance: instances[kind], time: time) }
            case .coupler(.budgets):
                try coupling("\(event)", time, with: nil) {
                    for line in try coupler.recordBudgets(&budgets, start: startDate, end: clock.currentDate, runEnds: clock.isAtStop) { couplerLog.write(line) }
                }
            case .coupler(.accumulateHistory):
                coupler.accumulateHistory(stepStart: start)
            case .coupler(let phase):
                try coupling("\(event)", time, with: nil) { try coupler.perform(phase) }
            case .advanceClock:
                clock.advance()
            case .history:
                try writeHistory()
            case .averagedHistory:
                try writeAveragedHistory(lastStepStart: startDate)
            case .restart:
                try writeRestartSet()
            }
            if coupler.takesPart(in: event, instances: instances) { timeline.record(event, atStep: stepIndex) }
        }
    }

    /// Runs component `kind` through its coupling interval starting at `start`, on its ranks.
    private func run(_ kind: ComponentKind, from start: ModelTime) throws(RunFailure) {
        guard let instance = instances[kind] else { return }
        let end = start + configuration.time.couplingIntervals[kind]!
        if configuration.run.runBarriers {
            watchdog?.doing("in the barrier of \(kind.rawValue)'s ranks (world ranks \(configuration.layout[kind].rankSummary)) before its run")
            try timers.time("\(kind.rawValue) run barrier") { () throws(RunFailure) in
                do { try instance.context.communicator.barrier() } catch {
                    throw RunFailure(what: instance.label, phase: "run barrier", worldRank: groups.world.rank,
                                     modelTime: "\(clock.currentDate)", reason: "\(error)")
                }
            }
        }
        watchdog?.doing("running \(instance.label) from \(clock.calendar.date(of: start)) to \(clock.calendar.date(of: end))")
        try timers.time("\(kind.rawValue) run") { () throws(RunFailure) in
            try call(instance, phase: "run") {
                try instance.model.run(from: start, until: end, imports: instance.imports, exports: &instance.exports, context: instance.context)
                if FaultInjection.failure(at: "\(kind.rawValue).run-nan") != nil, instance.exports.pointCount > 0, let field = instance.exports.fieldNames.first {
                    var values = instance.exports.values(of: field)
                    values[0] = .nan
                    instance.exports.setValues(values, of: field)
                }
            }
        }
    }

    /// Runs a coupler phase — an exchange with component `kind`, or work of the coupler alone when
    /// nil — turning an error into a `RunFailure` naming the phase and time.
    private func coupling(_ phase: String, _ time: String, with kind: ComponentKind?, _ body: () throws -> Void) throws(RunFailure) {
        let coupler = "the coupler (world ranks \(configuration.layout[.cpl].rankSummary))"
        watchdog?.doing("in the coupler phase '\(phase)': " + (kind.map {
            "\(coupler) exchanging fields with \($0.rawValue) (world ranks \(configuration.layout[$0].rankSummary))"
        } ?? "\(coupler) working together"))
        do {
            try body()
        } catch {
            throw RunFailure(what: "the coupler", phase: phase, worldRank: groups.world.rank, modelTime: time, reason: "\(error)")
        }
    }

    /// Finalises every component this rank runs.
    public func finalizeComponents() throws(RunFailure) {
        watchdog?.begin("finalisation", phase: .ending)
        defer { watchdog?.end() }
        for kind in ComponentKind.models {
            guard let instance = instances[kind] else { continue }
            watchdog?.doing("finalizing \(instance.label)")
            try call(instance, phase: "finalize") { try instance.model.finalize(context: instance.context) }
        }
        watchdog?.doing("waiting in the final barrier for every rank to finish")
        // Only when every rank has finished is the run a success.
        do {
            try groups.world.barrier()
        } catch {
            throw RunFailure(what: "the driver", phase: "finalize", worldRank: groups.world.rank, modelTime: "\(clock.currentDate)",
                             reason: "\(error)")
        }
        couplerLog.write("\(CouplerLogLines.successfulTermination) at model date \(clock.currentDate)")
    }

    /// Gathers every rank's timers and writes `timing/summary.txt` and `timing/timing.json`
    /// (rank 0). Collective. A timing file that cannot be written is reported in `cpl.log`, not fatal.
    public func writeTiming() throws(RunFailure) {
        watchdog?.begin("the timing report", phase: .ending)
        watchdog?.doing("gathering every rank's timers and writing timing/")
        defer { watchdog?.end() }
        do {
            let report = try TimingReport.gather(timers: timers, timeline: timeline, totalSteps: totalSteps, world: groups.world,
                                                 configuration: configuration, plan: plan, sequence: sequence,
                                                 simulatedSeconds: clock.currentTime - runStart)
            if let report {
                do { try report.write(into: resolve(RunFileNames.timingFolder(instance: configuration.instance), against: runDirectory)) } catch {
                    LogFile.append("warning: timing files not written: \(error)\n", toFileAt: resolve(RunFileNames.log(of: .cpl, instance: configuration.instance), against: runDirectory))
                }
            }
        } catch {
            throw RunFailure(what: "the driver", phase: "timing report", worldRank: groups.world.rank, modelTime: nil, reason: "\(error)")
        }
    }

    /// Runs `body` for `instance`, turning any error into a `RunFailure` that says where and when.
    /// Each call is a fault-injection site, `<kind>.<phase>` (`atm.run`, `ocn.restart-write`).
    func call(_ instance: ComponentInstance, phase: String, _ body: () throws -> Void) throws(RunFailure) {
        do {
            if let injected = FaultInjection.failure(at: "\(instance.kind.rawValue).\(phase.split(separator: " ").joined(separator: "-"))") {
                throw InjectedFailure(injected)
            }
            try body()
        } catch {
            throw RunFailure(what: instance.label, phase: phase, worldRank: groups.world.rank,
                             modelTime: "\(clock.currentDate)", reason: "\(error)")
        }
    }
}
