import Coupling
import Driver
import Foundation
import Namelist

/// What `coupled-driver check` found, as it prints it with `--json`: one object with the verdict,
/// every finding (errors and warnings, each with its file, line and column when it has one),
/// the CESM settings accepted without being acted on, the maps-file entries not used, what is
/// left to the start of the run, and the processor layout.
struct CheckReport: Encodable {
    /// One error or warning.
    struct Finding: Encodable {
        let severity: String
        let message: String
        let file: String?
        let line: Int?
        let column: Int?

        init(_ diagnostic: Diagnostic) {
            severity = diagnostic.severity.rawValue
            message = diagnostic.message
            file = diagnostic.location?.file
            line = diagnostic.location?.line
            column = diagnostic.location?.column
        }
    }

    /// A setting accepted without being acted on.
    struct Setting: Encodable {
        let scope: String
        let key: String?
        let note: String?
        let file: String?
        let line: Int?

        init(_ setting: IgnoredSetting) {
            scope = setting.scope
            key = setting.key
            note = setting.note
            file = setting.location?.file
            line = setting.location?.line
        }
    }

    /// Where one component runs.
    struct Placement: Encodable {
        let model: String
        let ntasks: Int
        let nthreads: Int
        let rootpe: Int
        let pestride: Int
    }

    let namelist: String
    let ranks: Int
    let valid: Bool
    let findings: [Finding]
    let ignored: [Setting]
    let unused: [Setting]
    let notes: [String]
    let layout: [String: Placement]
    /// The findings as diagnostics, for the text report.
    let diagnostics: [Diagnostic]

    /// The report of `findings` in `namelist`, for a job of `ranks` ranks; with the settings and
    /// layout of `configuration` when it could be read.
    init(namelist: String, ranks: Int, findings: [Diagnostic], configuration: DriverConfiguration? = nil, notes: [String] = []) {
        self.namelist = namelist
        self.ranks = ranks
        diagnostics = findings
        self.findings = findings.map(Finding.init)
        valid = !findings.contains { $0.severity == .error }
        ignored = configuration?.ignoredSettings.map(Setting.init) ?? []
        unused = configuration?.unusedSettings.map(Setting.init) ?? []
        self.notes = notes
        var layout = [String: Placement]()
        if let configuration {
            for kind in configuration.layout.components {
                let set = configuration.layout[kind]
                layout[kind.rawValue] = Placement(model: configuration.modelNames[kind] ?? ComponentRegistry.stub, ntasks: set.ntasks,
                                                  nthreads: set.nthreads, rootpe: set.rootRank, pestride: set.stride)
            }
        }
        self.layout = layout
    }

    enum CodingKeys: String, CodingKey {
        case namelist, ranks, valid, findings, ignored, unused, notes, layout
    }

    /// Whether a finding is an error.
    var hasErrors: Bool { !valid }

    /// The report as pretty-printed JSON with sorted keys.
    var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(self) else { preconditionFailure("a check report always encodes") }
        return String(decoding: data, as: UTF8.self)
    }
}
