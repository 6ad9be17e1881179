import Coupling
import Namelist

/// Everything the driver reads from the namelist, checked: the processor layout, the
/// clock, general run settings and the model of each component.
public struct DriverConfiguration: Sendable {
    /// The namelist file's path as given.
    public let namelistPath: String
    /// The parsed namelist (components read their own groups from it).
    public let namelist: NamelistDocument
    /// Where each component runs (`&cime_pes`).
    public let layout: ProcessorLayout
    /// The calendar, start date, coupling intervals and alarms (`&seq_timemgr_inparm`).
    public let time: TimeSettings
    /// General run settings (`&seq_infodata_inparm`).
    public let run: RunSettings
    /// The registered model name of each model component (`stub` when absent).
    public let models: [ComponentKind: String]
    /// The mapping-weight files.
    public let maps: MapSettings
    /// The CESM settings the namelist gives that coupled-driver accepts without acting on them:
    /// keys of its groups it does not implement and whole CESM groups (see
    /// `CESMDriverVocabulary`), in the order found; then those of the `seq_maps.rc` file. Each
    /// has a note on why, where there is more to say than that it is not implemented.
    public let ignoredSettings: [IgnoredSetting]
    /// The entries of the `seq_maps.rc` file for components that run no model.
    public let unusedSettings: [IgnoredSetting]
    /// The CESM `seq_maps.rc` file read, if any.
    public let mapsFile: String?
    /// The local CESM inputdata tree (`--inputdata`, else `din_loc_root`), if given.
    public let inputdata: InputdataRoot?
    /// Which of the job's coupled systems this is (`&cime_driver_inst`): `.only` unless
    /// `ninst_driver` > 1.
    public let instance: DriverInstance

    /// The groups the driver itself reads (`&ccsm_pes`, CESM 1's name, is read as `&cime_pes`).
    public static let driverGroups = ["cime_pes", "ccsm_pes", "cime_driver_inst", "seq_timemgr_inparm", "seq_infodata_inparm",
                                      "components", "seq_maps"]

    /// The folder relative paths in the namelist resolve against: the namelist's own folder
    /// unless the run says otherwise (`--paths-from`).
    public let namelistDirectory: String

    /// Parses and checks namelist `text` (from file `path`) for a job of `worldSize` ranks.
    /// Relative paths in it resolve against `pathsFrom`, or the namelist's folder when nil.
    /// With `ninst_driver = N` > 1 the layout is checked within a member's share of the job
    /// (`worldSize / N`, which must be whole), and `member` is read: the namelist with the keys of
    /// its `&member_000k` group and, if given, of its own file `memberFile` (a namelist whose
    /// groups set only what differs) replacing the namelist's.
    /// Throws every problem found, each with its file, line and column; contents that are not
    /// text, or hold no group, are one problem (see `NamelistDocument.parseFile`). CESM settings
    /// coupled-driver does not implement are accepted and listed in `ignoredSettings`; with
    /// `strict`, each is a problem instead. `inputdata`, when given, is the local CESM inputdata
    /// tree (it replaces `din_loc_root`). The models' own settings are left to the models
    /// (`CaseCheck` checks them before a run).
    public static func load(text: String, path: String, worldSize: Int, registry: ComponentRegistry,
                            pathsFrom: String? = nil, strict: Bool = false, inputdata: String? = nil,
                            member: Int? = nil, memberFile: NamelistText? = nil) throws(DiagnosticList) -> DriverConfiguration {
        let (configuration, problems) = try read(text: text, path: path, worldSize: worldSize, registry: registry, pathsFrom: pathsFrom,
                                                 strict: strict, inputdata: inputdata, member: member, memberFile: memberFile)
        if !problems.isEmpty { throw DiagnosticList(problems) }
        return configuration
    }

    /// Reads namelist `text` as `load` does, but returns the configuration as far as it could be
    /// read (defaults where a setting is wrong) beside the problems found, so that `check` can go
    /// on to the models and maps. Throws only when the text does not parse as a namelist.
    public static func read(text: String, path: String, worldSize: Int, registry: ComponentRegistry, pathsFrom: String? = nil,
                            strict: Bool = false, inputdata: String? = nil, member: Int? = nil, memberFile: NamelistText? = nil)
        throws(DiagnosticList) -> (configuration: DriverConfiguration, problems: [Diagnostic]) {
        let namelistDirectory = pathsFrom ?? directory(of: path)
        let collector = DiagnosticCollector()
        let (document, instance) = try memberNamelist(text: text, path: path, member: member, memberFile: memberFile, collector: collector)
        // Whole CESM groups coupled-driver does not read are ignored; other unknown groups are errors.
        var ignored = document.groups.filter { CESMDriverVocabulary.groups.contains($0.name) && !driverGroups.contains($0.name) }
            .map { IgnoredSetting(group: $0.spelledName, key: nil, location: $0.location) }
        let ignoredPlaces = Set(ignored.compactMap(\.location))
        for diagnostic in unknownGroupDiagnostics(in: document, known: driverGroups + registry.namelistGroups)
        where !ignoredPlaces.contains(where: { $0 == diagnostic.location }) {
            collector.report(diagnostic)
        }
        func reader(_ group: String) -> NamelistGroupReader {
            NamelistGroupReader(group: document.group(named: group), name: group, file: path, collector: collector)
        }
        // Each driver group: the getters, then the CESM keys it does not implement, then unknown keys.
        func finish(_ reader: NamelistGroupReader, vocabulary group: String) {
            ignored += reader.accept(CESMDriverVocabulary.keys[group] ?? [])
            reader.finish()
        }
        let componentsReader = reader("components")
        let models = readModelSelection(componentsReader, registry: registry, directory: namelistDirectory, collector: collector)
        componentsReader.finish()
        let pes = reader(layoutGroup(in: document, collector: collector))
        let running = Set(runningComponents(models))
        let instances = reader("cime_driver_inst")
        let memberSize = readDriverInstances(instances, worldSize: worldSize, expected: instance.count, collector: collector)
        finish(instances, vocabulary: "cime_driver_inst")
        let layout = readLayout(pes, worldSize: memberSize, running: running, file: path, collector: collector)
        finish(pes, vocabulary: "cime_pes")
        let timeReader = reader("seq_timemgr_inparm")
        let time = readTimeSettings(timeReader, running: running, collector: collector)
        finish(timeReader, vocabulary: "seq_timemgr_inparm")
        let infoReader = reader("seq_infodata_inparm")
        let run = readRunSettings(infoReader)
        let localInputdata = inputdata ?? infoReader.string("din_loc_root", default: "").trimmingBlanks()
        let inputdataRoot = localInputdata.isEmpty ? nil : InputdataRoot(directory: resolve(localInputdata, against: namelistDirectory))
        finish(infoReader, vocabulary: "seq_infodata_inparm")
        let mapsReader = reader("seq_maps")
        let maps = MapSettingsReader(group: mapsReader, directory: namelistDirectory, inputdata: inputdataRoot, running: running,
                                     collector: collector).read()
        finish(mapsReader, vocabulary: "seq_maps")
        ignored += maps.ignored
        if strict {
            for setting in ignored {
                collector.report(Diagnostic("\(setting.subject) is a CESM setting coupled-driver does not implement (refused under --strict)",
                                            at: setting.location))
            }
        }
        let configuration = DriverConfiguration(namelistPath: path, namelist: document, layout: layout, time: time, run: run, models: models,
                                                maps: maps.settings,
                                                ignoredSettings: ignored.map { $0.noted($0.note ?? CESMDriverVocabulary.note(on: $0)) },
                                                unusedSettings: maps.unused,
                                                mapsFile: maps.resourceFile, inputdata: inputdataRoot, instance: instance,
                                                namelistDirectory: namelistDirectory)
        return (configuration, collector.diagnostics)
    }

    /// The group that holds the processor layout: `&cime_pes`, or CESM 1's `&ccsm_pes` when the
    /// namelist has only that one (both is a problem).
    static func layoutGroup(in document: NamelistDocument, collector: DiagnosticCollector) -> String {
        guard let old = document.group(named: "ccsm_pes") else { return "cime_pes" }
        guard document.group(named: "cime_pes") != nil else { return "ccsm_pes" }
        collector.report(Diagnostic("&ccsm_pes (CESM 1) and &cime_pes both give the processor layout; keep one", at: old.location))
        return "cime_pes"
    }

    /// The lines that tell the user which CESM settings are ignored, and which entries of the
    /// `seq_maps.rc` file this run does not use (none when there are none).
    public var ignoredSettingsReport: [String] {
        var lines = [String]()
        if !ignoredSettings.isEmpty {
            lines.append("warning: \(ignoredSettings.count) CESM setting\(ignoredSettings.count == 1 ? "" : "s") ignored "
                + "(accepted, not implemented by coupled-driver; --strict refuses them):")
            lines += ignoredSettings.map { "  \($0)" }
        }
        if !unusedSettings.isEmpty {
            lines.append("note: \(unusedSettings.count) entr\(unusedSettings.count == 1 ? "y" : "ies") of \(mapsFile ?? "the maps file") "
                + "not used by this run:")
            lines += unusedSettings.map { "  \($0)" }
        }
        return lines
    }

    /// The components that run a model (not the stub), in `ComponentKind.models` order.
    public var componentsRunningModels: [ComponentKind] { runningComponents(models) }

    /// The model names by component, with `cpl` for the coupler, for tables.
    public var modelNames: [ComponentKind: String] {
        var names = models
        names[.cpl] = "cpl"
        return names
    }
}

extension DriverConfiguration {
    /// The layout `&cime_pes` describes, even if it is invalid (for drawing it), or `nil`
    /// if the namelist does not parse (or is not text, or holds no group).
    public static func layoutIgnoringProblems(text: String, path: String, worldSize: Int) -> ProcessorLayout? {
        guard let document = try? NamelistDocument.parseFile(text, file: path) else { return nil }
        let collector = DiagnosticCollector()
        func reader(_ group: String) -> NamelistGroupReader {
            NamelistGroupReader(group: document.group(named: group), name: group, file: path, collector: collector)
        }
        let components = reader("components")
        let models = Dictionary(uniqueKeysWithValues: ComponentKind.models.map {
            ($0, components.string($0.rawValue, default: ComponentRegistry.stub).lowercased())
        })
        return readLayout(reader(layoutGroup(in: document, collector: collector)), worldSize: worldSize,
                          running: Set(runningComponents(models)), file: path, collector: collector)
    }
}

/// Reads `&cime_driver_inst`: how many coupled systems the job runs (`ninst_driver`), which
/// must divide the job's `worldSize` ranks and be the same in every member's namelist
/// (`expected`). Returns the ranks of one member.
private func readDriverInstances(_ reader: NamelistGroupReader, worldSize: Int, expected: Int, collector: DiagnosticCollector) -> Int {
    let count = reader.integer("ninst_driver", default: 1, range: 1 ... 100_000)
    if count != expected {
        collector.report(Diagnostic("ninst_driver = \(count) in &cime_driver_inst differs from the main namelist's \(expected): "
            + "every member runs in a job of the same members", at: reader.location(of: "ninst_driver")))
        return worldSize
    }
    guard worldSize % count == 0 else {
        collector.report(Diagnostic("ninst_driver = \(count) in &cime_driver_inst does not divide the job's \(worldSize) ranks: "
            + "each member runs on an equal share; use a multiple of \(count) ranks", at: reader.location(of: "ninst_driver")))
        return worldSize
    }
    return worldSize / count
}

/// The folder part of `path` (`.` when there is none).
func directory(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    return slash == path.startIndex ? "/" : String(path[..<slash])
}
