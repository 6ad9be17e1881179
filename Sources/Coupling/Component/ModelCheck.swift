import Namelist

/// What `coupled-driver check` learns of a model before any run (`Component.check(_:)`): the
/// problems in its own settings, and, when its settings tell, the grid it will run on and the
/// fields it will exchange, so that the maps and the coupling can be checked too.
public struct ModelCheck: Sendable {
    /// What is wrong in the model's settings and the files they name.
    public var problems: [Diagnostic]
    /// What `initialize` will set up, or `nil` when it is known only once the model runs (a
    /// plug-in chooses its grid in `cdc_initialize`) or the settings are wrong.
    public var setup: PlannedSetup?

    /// A check that found `problems` and foresees `setup`.
    public init(problems: [Diagnostic] = [], setup: PlannedSetup? = nil) {
        self.problems = problems
        self.setup = setup
    }
}

/// The part of a model's `ComponentSetup` its settings decide: the grid, and the fields it
/// exchanges and declares.
public struct PlannedSetup: Sendable {
    /// The global shape of the grid (named after the component's kind, as `initialize` names it).
    public var grid: GridDescription
    /// The SCRIP grid file the grid comes from, as a path the check can open; `nil` for a grid
    /// the model makes itself.
    public var gridFile: String?
    /// The fields it will export and import, and those it will declare (as in `ComponentSetup`).
    public var exports: [String]
    public var imports: [String]
    public var fields: [FieldDeclaration]

    /// A setup on `grid` (read from `gridFile`, when it is) with these fields.
    public init(grid: GridDescription, gridFile: String?, exports: [String], imports: [String], fields: [FieldDeclaration] = []) {
        self.grid = grid
        self.gridFile = gridFile
        self.exports = exports
        self.imports = imports
        self.fields = fields
    }
}
