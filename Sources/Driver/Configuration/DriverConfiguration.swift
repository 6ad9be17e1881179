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

    /// The groups the driver itself reads.
    public static let driverGroups = ["cime_pes", "seq_timemgr_inparm", "seq_infodata_inparm", "components", "seq_maps"]

    /// The folder relative paths in the namelist resolve against: the namelist's own folder
    /// unless the run says otherwise (`--paths-from`).
    public let namelistDirectory: String

    /// Parses and checks namelist `text` (from file `path`) for a job of `worldSize` ranks.
    /// Relative paths in it resolve against `pathsFrom`, or the namelist's folder when nil.
    /// Throws every problem found, each with its file, line and column; contents that are not
    /// text, or hold no group, are one problem (see `NamelistDocument.parseFile`).
    public static func load(text: String, path: String, worldSize: Int, registry: ComponentRegistry,
                            pathsFrom: String? = nil) throws(DiagnosticList) -> DriverConfiguration {
        let namelistDirectory = pathsFrom ?? directory(of: path)
        let document = try NamelistDocument.parseFile(text, file: path)
        let collector = DiagnosticCollector()
        for diagnostic in unknownGroupDiagnostics(in: document, known: driverGroups + registry.namelistGroups) {
            collector.report(diagnostic)
        }
        func reader(_ group: String) -> NamelistGroupReader {
            NamelistGroupReader(group: document.group(named: group), name: group, file: path, collector: collector)
        }
        let componentsReader = reader("components")
        let models = readModelSelection(componentsReader, registry: registry, directory: namelistDirectory, collector: collector)
        componentsReader.finish()
        let pes = reader("cime_pes")
        let running = Set(runningComponents(models))
        let layout = readLayout(pes, worldSize: worldSize, running: running, file: path, collector: collector)
        pes.finish()
        let timeReader = reader("seq_timemgr_inparm")
        let time = readTimeSettings(timeReader, running: running, collector: collector)
        timeReader.finish()
        let infoReader = reader("seq_infodata_inparm")
        let run = readRunSettings(infoReader)
        infoReader.finish()
        let mapsReader = reader("seq_maps")
        let maps = readMapSettings(mapsReader, directory: namelistDirectory, collector: collector)
        mapsReader.finish()
        try collector.throwIfAny()
        return DriverConfiguration(namelistPath: path, namelist: document, layout: layout, time: time, run: run, models: models, maps: maps,
                                   namelistDirectory: namelistDirectory)
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
        return readLayout(reader("cime_pes"), worldSize: worldSize, running: Set(runningComponents(models)), file: path,
                          collector: collector)
    }
}

/// The folder part of `path` (`.` when there is none).
func directory(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    return slash == path.startIndex ? "/" : String(path[..<slash])
}
