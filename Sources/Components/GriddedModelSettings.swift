import Coupling
import Namelist

/// The settings of a built-in model on a grid it reads: one namelist group with `grid_file`.
protocol GriddedModelSettings {
    /// The namelist group.
    static var group: String { get }
    /// The SCRIP grid file, relative to the namelist's folder.
    var gridFile: String { get }
    /// Reads the group from `namelist`.
    init(namelist: NamelistDocument) throws(DiagnosticList)
}

extension GriddedModelSettings {
    /// What `coupled-driver check` finds wrong in the group in `preflight`'s namelist: its keys
    /// and values, then a grid file that does not exist.
    static func problems(in preflight: ModelPreflight) -> [Diagnostic] {
        do {
            let settings = try Self(namelist: preflight.namelist)
            return [preflight.missingFile(settings.gridFile, key: "grid_file", group: group, what: "grid file")].compactMap { $0 }
        } catch {
            return error.diagnostics
        }
    }
}
