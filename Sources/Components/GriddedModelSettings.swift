import Coupling
import Namelist

/// The settings of a built-in model on a grid it reads: one namelist group with `grid_file`.
/// These models exchange every field the standard exchange table gives their kind.
protocol GriddedModelSettings {
    /// The namelist group.
    static var group: String { get }
    /// The SCRIP grid file, relative to the namelist's folder.
    var gridFile: String { get }
    /// Reads the group from `namelist`.
    init(namelist: NamelistDocument) throws(DiagnosticList)
}

extension GriddedModelSettings {
    /// What `coupled-driver check` finds in the group in `preflight`'s namelist: the problems in
    /// its keys and values, or a grid file that is missing or not a SCRIP grid; otherwise the
    /// setup `initialize` will return.
    static func check(_ preflight: ModelPreflight) -> ModelCheck {
        let settings: Self
        do { settings = try Self(namelist: preflight.namelist) } catch { return ModelCheck(problems: error.diagnostics) }
        do {
            let grid = try preflight.scripGrid(settings.gridFile, key: "grid_file", group: group)
            return ModelCheck(setup: PlannedSetup(grid: grid.description, gridFile: grid.path,
                                                  exports: ExchangeTable.standard.exports(of: preflight.kind),
                                                  imports: ExchangeTable.standard.imports(of: preflight.kind)))
        } catch {
            return ModelCheck(problems: [error])
        }
    }
}
