import Coupling
import Driver
import Foundation
import Namelist
import TimeManager

/// An ensemble made on disk: its folder (`ensemble.json` and one run directory per member),
/// its definition and its members. Make one with `create`, or `open` one made before.
public struct Ensemble: Sendable {
    /// The ensemble's folder.
    public let folder: String
    /// What the ensemble is.
    public let definition: EnsembleDefinition
    /// The members, member 1 first.
    public let members: [EnsembleMember]
    /// What the user should know before the members run (made by `create`; none after `open`):
    /// members that write no restart set, so that a retry starts over.
    public private(set) var warnings: [String] = []

    /// The path of the status file in `folder`: `ensemble.json`.
    public static func statusPath(in folder: String) -> String { folder + "/ensemble.json" }

    /// Makes the ensemble `definition` describes in `folder`: a run directory per member holding
    /// the namelist with the member's values written in, each namelist checked as
    /// `coupled-driver check` does (driver settings, models, maps, run directory) with the models
    /// of `registry`. Writes `ensemble.json` with every member waiting. Throws, before anything
    /// is submitted, on a setting that cannot be applied or a member's namelist with problems;
    /// refuses a folder that already holds an ensemble.
    public static func create(_ definition: EnsembleDefinition, in folder: String, registry: ComponentRegistry) throws -> Ensemble {
        try definition.validate()
        let folder = URL(fileURLWithPath: folder).standardizedFileURL.path
        guard !FileManager.default.fileExists(atPath: statusPath(in: folder)) else {
            throw EnsembleError.file(path: folder, reason: "it holds an ensemble already; continue it with --resume \(folder), or choose another folder")
        }
        let text = try readNamelist(definition.namelist)
        let document = try NamelistDocument.parseFile(text, file: definition.namelist)
        if DriverConfiguration.instanceCount(text: text, path: definition.namelist) > 1 {
            throw EnsembleError.invalidSetting("\(definition.namelist): ninst_driver > 1 runs several systems in one job; "
                + "an ensemble of jobs runs one system per member: remove &cime_driver_inst")
        }
        let groups = try definition.settings.map { setting throws(EnsembleError) in try setting.targetGroup(in: document) }
        let targets = zip(definition.settings, groups).map { $0.target(in: $1) }
        if let repeated = targets.first(where: { target in targets.filter { $0 == target }.count > 1 }) {
            throw EnsembleError.invalidSetting("\(repeated) is given more than once; give each key once")
        }
        let fileName = URL(fileURLWithPath: definition.namelist).lastPathComponent
        var members = [EnsembleMember]()
        var withoutRestarts = [String]()
        for number in 1 ... definition.memberCount {
            let runDirectory = folder + "/" + EnsembleMember.name(number)
            try FileManager.default.createDirectory(atPath: runDirectory, withIntermediateDirectories: true)
            let path = runDirectory + "/" + fileName
            var editor = NamelistEditor(text: text, file: path)
            var values = [String: String]()
            for (setting, group) in zip(definition.settings, groups) {
                let value = setting.value(forMember: number, seed: definition.seed, in: group)
                try editor.set(setting.key, to: value, in: group)
                values[setting.target(in: group)] = value
            }
            let memberText = "! \(EnsembleMember.name(number)) of the ensemble in \(folder): \(definition.namelist) with "
                + (values.isEmpty ? "no key changed" : values.sorted { $0.key < $1.key }.map { "\($0.key) = \($0.value)" }.joined(separator: ", "))
                + "\n" + editor.text
            try memberText.write(toFile: path, atomically: true, encoding: .utf8)
            let (stop, writesRestarts) = try check(memberText, path: path, runDirectory: runDirectory, definition: definition,
                                                   registry: registry)
            if !writesRestarts { withoutRestarts.append(EnsembleMember.name(number)) }
            members.append(EnsembleMember(number: number, runDirectory: runDirectory, namelist: path, values: values,
                                          stopYMD: stop.ymd, stopTOD: stop.tod))
        }
        var ensemble = Ensemble(folder: folder, definition: definition, members: members)
        if definition.maxRetries > 0, !withoutRestarts.isEmpty {
            let which = withoutRestarts.count == members.count ? "the members write" : withoutRestarts.joined(separator: ", ") + " write"
            ensemble.warnings.append("\(which) no restart set (restart_option 'never' or 'none'): a retry starts the run over; "
                + "set restart_option (for example 'ndays') to retry from the last restart")
        }
        try EnsembleStatus(ensemble: ensemble, backend: nil).write()
        return ensemble
    }

    /// The ensemble in `folder` and its status as last written, for `--resume` and `--status`.
    public static func open(_ folder: String) throws -> (ensemble: Ensemble, status: EnsembleStatus) {
        let folder = URL(fileURLWithPath: folder).standardizedFileURL.path
        let status = try EnsembleStatus.read(from: statusPath(in: folder))
        return (Ensemble(folder: folder, definition: status.definition, members: status.members.map(\.member)), status)
    }

    /// This ensemble with other limits for the runs still to come (`nil` keeps a value), for
    /// `--resume DIR --retries 3 --wall-time 120`; the runner keeps the new values in `ensemble.json`.
    public func changing(maxRetries: Int? = nil, maxParallel: Int? = nil, wallTimeSeconds: Int? = nil, queue: String? = nil,
                         account: String? = nil) throws(EnsembleError) -> Ensemble {
        var definition = self.definition
        definition.maxRetries = maxRetries ?? definition.maxRetries
        definition.maxParallel = maxParallel ?? definition.maxParallel
        definition.resources.wallTimeSeconds = wallTimeSeconds ?? definition.resources.wallTimeSeconds
        definition.resources.queue = queue ?? definition.resources.queue
        definition.resources.account = account ?? definition.resources.account
        try definition.validate()
        return Ensemble(folder: folder, definition: definition, members: members)
    }

    /// The text of the namelist at `path`; the error names the file.
    public static func readNamelist(_ path: String) throws(EnsembleError) -> String {
        do {
            return try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .file(path: path, reason: "cannot read the namelist: \(error.localizedDescription)")
        }
    }

    /// Checks member namelist `text` as `check` does; returns its stop date and whether it
    /// writes restart sets.
    private static func check(_ text: String, path: String, runDirectory: String, definition: EnsembleDefinition,
                              registry: ComponentRegistry) throws -> (stop: ModelDate, writesRestarts: Bool) {
        let name = URL(fileURLWithPath: runDirectory).lastPathComponent
        let configuration: DriverConfiguration
        do {
            configuration = try DriverConfiguration.load(text: text, path: path, worldSize: definition.resources.ranks, registry: registry,
                                                         pathsFrom: definition.relativePathsFolder)
        } catch {
            throw EnsembleError.invalidMember(member: name, problems: error.diagnostics.map(\.description))
        }
        let errors = CaseCheck(configuration: configuration, registry: registry, runDirectory: runDirectory, driverSettingsValid: true)
            .findings.filter { $0.severity == .error }
        guard errors.isEmpty else { throw EnsembleError.invalidMember(member: name, problems: errors.map(\.description)) }
        let clock = try configuration.time.makeClock()
        let restart = configuration.time.restart.option
        return (clock.calendar.date(of: clock.stopTime), restart != .never && restart != .none)
    }
}
