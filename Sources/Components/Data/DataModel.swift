import Coupling
import Namelist
import TimeManager

/// A data model (`datm`, `docn`, `dlnd`, `dice`, `drof`, as CESM's): it stands in for a
/// component, exporting what ``DataModelDefinition`` says, read from a forcing file and
/// interpolated in time, and imports nothing.
///
/// Settings come from the model's namelist group (``DataModelSettings``, `&datm_nml`, ...); at
/// each coupling interval it fills its exports with the forcing at the interval's mid-point,
/// and before the first (`initialExports`) with the forcing at the start. See docs/data-models.md.
public final class DataModel: Component {
    /// The model this is.
    let definition: DataModelDefinition
    private var forcing: ForcingStream?
    private var exports: DataExports?

    /// A data model of kind `definition`, not yet initialised.
    init(definition: DataModelDefinition) {
        self.definition = definition
    }

    /// Reads the model's namelist group as `initialize` does and checks that the grid and
    /// forcing files exist and that `variables` names fields of the model: the problems, or the
    /// setup (the grid file's header, the exports `variables` gives).
    public func check(_ preflight: ModelPreflight) -> ModelCheck {
        let definition = definition
        let read = preflight.settings(group: definition.group) { DataModelSettings(reading: $0, defaults: definition.defaults) }
        let settings: DataModelSettings
        switch read {
        case .success(let read): settings = read
        case .failure(let problems): return ModelCheck(problems: problems.diagnostics)
        }
        var problems = [Diagnostic]()
        var grid: ScripGrid?
        do { grid = try preflight.scripGrid(settings.gridFile, key: "grid_file", group: definition.group) } catch { problems.append(error) }
        if let missing = preflight.missingFile(settings.file, key: "file", group: definition.group, what: "forcing file") {
            problems.append(missing)
        }
        var exports: DataExports?
        do {
            let setting = "'variables' in &\(definition.group)"
            let fieldMap = try ForcingFieldMap(parsing: settings.variables, validFields: definition.inputFields, setting: setting)
            exports = try definition.exports(fieldMap.fields, setting)
        } catch {
            problems.append(Diagnostic("\(error)", at: preflight.location(of: "variables", in: definition.group)))
        }
        guard problems.isEmpty, let grid, let exports else { return ModelCheck(problems: problems) }
        return ModelCheck(setup: PlannedSetup(grid: grid.description, gridFile: grid.path, exports: exports.fields, imports: []))
    }

    /// Reads the settings, the grid and the forcing file's header, checks that the run's first and
    /// last coupling intervals fall in the file's time axis, and writes what it uses to the log.
    public func initialize(context: ComponentContext) throws -> ComponentSetup {
        let definition = definition
        let settings = try context.settings(group: definition.group) { DataModelSettings(reading: $0, defaults: definition.defaults) }
        let setting = "'variables' in &\(definition.group)"
        let fieldMap = try ForcingFieldMap(parsing: settings.variables, validFields: definition.inputFields, setting: setting)
        let exports = try definition.exports(fieldMap.fields, setting)
        let domain = try context.blockDomain(gridFile: settings.gridFile)
        let path = context.resolvePath(settings.file)
        let file = try ForcingFile(path: path, timeVariable: settings.timeVariable, variables: fieldMap.entries.map(\.variable),
                                   grid: domain.grid, decomposition: domain.decomposition, runCalendar: context.calendar)
        try file.checkTemperatureUnits(of: fieldMap)
        let cycle = try settings.cycle(over: file.timeAxis, group: definition.group)
        let timing: ForcingTimeInterpolation
        do {
            timing = try ForcingTimeInterpolation(axis: file.timeAxis, runCalendar: context.calendar, offset: settings.offset, cycle: cycle)
            _ = try timing.bracket(at: context.startTime)
            _ = try timing.bracket(from: ModelTime(seconds: context.stopTime.seconds - context.couplingInterval), until: context.stopTime)
        } catch {
            throw error.located(file: path, variable: settings.timeVariable)
        }
        forcing = ForcingStream(file: file, timing: timing, fieldMap: fieldMap, log: context.log, logPrefix: "\(definition.name): ")
        self.exports = exports
        log(settings: settings, timing: timing, fieldMap: fieldMap, exports: exports, path: path, domain: domain, context: context)
        return ComponentSetup(domain: domain, exports: exports.fields, imports: [])
    }

    /// The exports at the start time.
    public func initialExports(_ exports: inout FieldBundle, context: ComponentContext) throws {
        try fill(&exports, at: context.startTime)
    }

    /// The exports at the mid-point of the interval `start ..< end`.
    public func run(from start: ModelTime, until end: ModelTime, imports: FieldBundle, exports: inout FieldBundle,
                    context: ComponentContext) throws {
        try fill(&exports, at: ForcingTimeInterpolation.midpoint(from: start, until: end))
    }

    /// Fills `bundle` with the exports at model time `time`.
    private func fill(_ bundle: inout FieldBundle, at time: ModelTime) throws {
        guard let forcing, let exports else { preconditionFailure("\(definition.name) used before initialize") }
        exports.fill(&bundle, from: try forcing.values(at: time))
    }

    /// Lets go of the forcing file.
    public func finalize(context: ComponentContext) {
        forcing = nil
        context.log.write("\(definition.name): finished")
    }

    private func log(settings: DataModelSettings, timing: ForcingTimeInterpolation, fieldMap: ForcingFieldMap, exports: DataExports,
                     path: String, domain: Domain, context: ComponentContext) {
        let name = definition.name, axis = timing.axis
        context.log.write("\(name): grid \(domain.grid) from \(context.resolvePath(settings.gridFile)), "
            + "\(domain.localSize) points on this task of \(context.communicator.size)")
        context.log.write("\(name): forcing \(path), time variable '\(settings.timeVariable)': \(axis.rangeText), calendar \(axis.calendar.cfName)")
        if axis.calendar != context.calendar {
            context.log.write("\(name): the run's \(context.calendar.rawValue) dates are looked up as the same dates of the file's "
                + "\(axis.calendar.cfName) calendar (29 February reads 28 February)")
        }
        if let cycle = timing.cycle {
            context.log.write(cycle.yearCount == 1 ? "\(name): every model year reads data year \(cycle.firstYear) (a climatology)"
                : "\(name): cycling data years \(cycle.firstYear)–\(cycle.lastYear), model year \(cycle.alignYear) reads \(cycle.firstYear)")
        }
        if timing.offset != 0 { context.log.write("\(name): offset \(timing.offset) s added to model time") }
        context.log.write("\(name): linear in time between the records bracketing the mid-point of each coupling interval")
        for entry in fieldMap.entries { context.log.write("\(name):   \(entry.field) <- '\(entry.variable)'") }
        for line in exports.summary { context.log.write("\(name):   export \(line)") }
    }
}
