import Coupling
import Namelist
import TimeManager

/// What `coupled-driver check` verifies beyond the driver's own namelist groups, before any job
/// is submitted and without MPI: each model's settings and the files they name
/// (`Component.check(_:)`); with the grids and fields the models foresee, the coupling the run
/// would set up (every field it needs has a source, every map it needs is set) and each weights
/// file against the grids it maps between (`WeightsFileCheck`); the history period against the
/// coupling intervals; the run directory (writable, file paths not too long for MPI-IO) and, for
/// `start_type = 'continue'`, the restart the run would read from it.
public struct CaseCheck {
    /// Errors and warnings, in the order found.
    public private(set) var findings: [Diagnostic] = []
    /// What could not be checked before the run, and why.
    public private(set) var notes: [String] = []

    /// Checks the case `configuration` describes (read as far as it could be), with the models of
    /// `registry`, for a run in `runDirectory`. When the driver's own settings had problems
    /// (`driverSettingsValid` false), what depends on the clock (the periods, the run's file
    /// names and its restart) is left until they are mended.
    public init(configuration: DriverConfiguration, registry: ComponentRegistry, runDirectory: String, driverSettingsValid: Bool) {
        let setups = checkModels(configuration, registry: registry)
        let running = configuration.componentsRunningModels
        let unforeseen = running.filter { setups[$0] == nil }
        if unforeseen.isEmpty {
            checkCoupling(configuration, setups: setups)
        } else if findings.isEmpty {
            let which = unforeseen.map { "\($0.rawValue) ('\(configuration.models[$0]!)')" }.joined(separator: ", ")
            notes.append("the grid and fields of \(which) are known only when \(unforeseen.count == 1 ? "it starts" : "they start"): "
                + "the coupling and the maps are checked at the start of the run")
        }
        guard driverSettingsValid else { return }
        checkHistoryPeriod(configuration.time, running: running, namelist: configuration.namelist)
        if let problem = runDirectoryWriteProblem(runDirectory, creating: false) ?? configuration.fileNameProblem(runDirectory: runDirectory) {
            findings.append(Diagnostic(problem, at: nil))
        } else if configuration.run.startType == "continue" {
            checkRestart(configuration, runDirectory: runDirectory)
        }
    }

    /// Each running model's own check: its problems are findings; returns the setups foreseen.
    private mutating func checkModels(_ configuration: DriverConfiguration, registry: ComponentRegistry) -> [ComponentKind: PlannedSetup] {
        var setups = [ComponentKind: PlannedSetup]()
        var seen = Set<Diagnostic>()
        for kind in configuration.componentsRunningModels {
            guard let entry = registry.entry(named: configuration.models[kind]!) else { continue }
            let preflight = ModelPreflight(kind: kind, namelist: configuration.namelist, namelistDirectory: configuration.namelistDirectory,
                                           inputdata: configuration.inputdata)
            let check = entry.make(kind).check(preflight)
            // Models of one family read one group for several kinds: each problem once.
            for problem in check.problems where seen.insert(problem).inserted { findings.append(problem) }
            setups[kind] = check.setup
        }
        return setups
    }

    /// The coupling the run would set up from the foreseen `setups`, and the maps it would read.
    private mutating func checkCoupling(_ configuration: DriverConfiguration, setups: [ComponentKind: PlannedSetup]) {
        var summaries = [ComponentKind: ComponentSummary]()
        for kind in ComponentKind.models {
            summaries[kind] = setups[kind].map { ComponentSummary(kind: kind, modelName: configuration.models[kind]!, planned: $0) }
                ?? ComponentSummary(kind: kind, modelName: ComponentRegistry.stub, setup: .absent)
        }
        let table: ExchangeTable
        do {
            table = try ExchangeTable.standard.adding(fieldsDeclaredBy: summaries.mapValues(\.fields))
        } catch {
            findings += error.problems.map { Diagnostic($0, at: nil) }
            return
        }
        let plan = CouplingPlan(components: summaries, table: table, fluxGrid: configuration.run.fluxGrid)
        findings += plan.problems(maps: configuration.maps, bitForBit: configuration.run.bitForBit).map { Diagnostic($0, at: nil) }
        var grids = GridFileCache()
        for name in plan.maps.keys.sorted() {
            let path = configuration.maps[name]
            let (sourceGrid, destinationGrid) = (plan.grid(of: name.from), plan.grid(of: name.to))
            guard !path.isEmpty, path != MapSettings.identity, let source = plan.owner(of: sourceGrid),
                  let destination = plan.owner(of: destinationGrid), let from = setups[source], let to = setups[destination] else { continue }
            let check = WeightsFileCheck(name: name, path: path, location: configuration.maps.locations[name],
                                         source: (source, sourceGrid, from), destination: (destination, destinationGrid, to), grids: &grids)
            findings += check.findings
        }
    }

    /// A warning for each component whose coupling interval does not divide the history period.
    private mutating func checkHistoryPeriod(_ time: TimeSettings, running: [ComponentKind], namelist: NamelistDocument) {
        guard let alarm = try? Alarm(name: "history", setting: time.history, reference: time.calendar.time(of: time.start),
                                     stepSeconds: time.driverStep, calendar: time.calendar, stopTime: nil),
              let period = alarm.periodSeconds else { return }
        let location = namelist.location(of: "history_n", in: "seq_timemgr_inparm")
            ?? namelist.location(of: "history_option", in: "seq_timemgr_inparm")
        for kind in running where period % time.couplingIntervals[kind]! != 0 {
            let interval = time.couplingIntervals[kind]!
            findings.append(.warning("history every \(period) s is not a whole number of \(kind.rawValue)_cpl_dt (\(interval) s): "
                + "\(kind.rawValue)'s history between two of its coupling times shows its fields as of the last one", at: location))
        }
    }

    /// The restart set `rpointer.drv` in `runDirectory` names: present, complete and written by a
    /// run like this one.
    private mutating func checkRestart(_ configuration: DriverConfiguration, runDirectory: String) {
        do {
            _ = try RestartContext.read(directory: runDirectory, configuration: configuration)
        } catch {
            findings.append(Diagnostic("start_type = 'continue': \(error)",
                                       at: configuration.namelist.location(of: "start_type", in: "seq_infodata_inparm")))
        }
    }
}
