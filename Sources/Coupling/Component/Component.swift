import Namelist
import TimeManager
/// A model the driver couples: an atmosphere, land, sea-ice or ocean model, built in
/// or plugged in.
///
/// The driver calls a component only on the ranks of its processor group, in this order:
/// `initialize` once, `readRestart` when the run continues from a restart, `initialExports`
/// once, then `run(from:until:...)` once per coupling interval (with `historyVariables` and
/// `writeRestart` at the history and restart alarms), then `finalize` once. Each call gets the component's context (its communicator, threads,
/// namelist, clock and log). A thrown error ends the whole job with a message naming the
/// component, the rank, the phase and the model time.
public protocol Component: AnyObject {
    /// Reads settings, builds the grid and decomposition, and names the fields the
    /// component exports to the coupler and imports from it.
    func initialize(context: ComponentContext) throws -> ComponentSetup

    /// Fills `exports` (the fields named in the setup, over the local points) with the
    /// component's state at the start time, before any run: the coupler's first exchanges
    /// use them. The default leaves them zero.
    func initialExports(_ exports: inout FieldBundle, context: ComponentContext) throws

    /// Advances the model from `start` to `end` (one coupling interval), reading the
    /// coupler's `imports` and filling `exports`; both are over the local points of the
    /// component's decomposition, with the fields named in its setup.
    func run(from start: ModelTime, until end: ModelTime, imports: FieldBundle, exports: inout FieldBundle,
             context: ComponentContext) throws

    /// Saves everything the component needs to continue exactly as if it had not stopped:
    /// its state at the end of its last run, as fields over its grid and numbers. The driver
    /// writes the file (`CASE.<kind>.r.YYYY-MM-DD-SSSSS.nc`) in global index order, so it can be
    /// read on any layout. The default saves nothing (a stateless model).
    func writeRestart(_ writer: RestartWriter, context: ComponentContext) throws

    /// Restores the state `writeRestart` saved, for this task's points (the layout may differ
    /// from the one that wrote it). Called after `initialize` when a run continues.
    func readRestart(_ reader: RestartReader, context: ComponentContext) throws

    /// The model's own variables for its history file, over the local points (each array has
    /// one value per point of the setup's domain). At each history time the driver writes
    /// `CASE.<kind>.h.YYYY-MM-DD-SSSSS.nc` with the component's imports, exports and these, in
    /// global index order. The default adds none.
    func historyVariables(context: ComponentContext) throws -> [HistoryVariable]

    /// Ends the run: closes files, writes final diagnostics.
    func finalize(context: ComponentContext) throws

    /// What `coupled-driver check` can learn of the model before any run, without MPI and
    /// without initialising it: the problems in its own settings (its namelist groups read as
    /// `initialize` reads them: unknown keys, wrong types, values out of range; and the files
    /// they name that do not exist), each naming the file, line and key; and, when the settings
    /// decide them, the grid and fields `initialize` will set up (`PlannedSetup`), against which
    /// the driver checks the maps and the coupling. The default finds nothing and foresees
    /// nothing.
    func check(_ preflight: ModelPreflight) -> ModelCheck
}

extension Component {
    /// Leaves the exports zero: for a model whose first exports do not matter to the coupler.
    public func initialExports(_ exports: inout FieldBundle, context: ComponentContext) throws {}
    /// Saves nothing: for a stateless model.
    public func writeRestart(_ writer: RestartWriter, context: ComponentContext) throws {}
    /// Reads nothing: for a stateless model.
    public func readRestart(_ reader: RestartReader, context: ComponentContext) throws {}
    /// Adds no variables of the model's own to its history file.
    public func historyVariables(context: ComponentContext) throws -> [HistoryVariable] { [] }
    /// Finds nothing and foresees nothing: for a model without settings of its own.
    public func check(_ preflight: ModelPreflight) -> ModelCheck { ModelCheck() }
}

/// One of a model's own variables in its history file: a value per local point.
public struct HistoryVariable: Sendable {
    /// The variable's name in the file.
    public let name: String
    /// Its `long_name` attribute.
    public let longName: String
    /// Its `units` attribute (UDUNITS spelling, e.g. `W m-2`).
    public let units: String
    /// One value per local point of the component's domain.
    public let values: [Double]

    /// A variable `name` with the given attributes and one value per local point.
    public init(name: String, longName: String, units: String, values: [Double]) {
        self.name = name
        self.longName = longName
        self.units = units
        self.values = values
    }
}

/// What a component tells the driver at initialisation.
public struct ComponentSetup: Sendable {
    /// The component's grid as this rank sees it.
    public var domain: Domain
    /// The fields the component sends to the coupler (cpl7 names, e.g. `Sa_tbot`).
    public var exports: [String]
    /// The fields the component receives from the coupler (e.g. `Sx_t`).
    public var imports: [String]
    /// Fields the component adds to the exchange table: ones the standard table does not have,
    /// which it exports (and says who imports them) or imports (and says how they are formed).
    /// Every rank learns them at start-up; they are mapped, merged and written to history like
    /// the standard fields (`ExchangeTable.adding(fieldsDeclaredBy:)`).
    public var fields: [FieldDeclaration]

    /// A setup on `domain` exporting and importing the fields named (cpl7 names, as
    /// `ExchangeTable.standard` or `fields` declares them; each name once per list).
    public init(domain: Domain, exports: [String], imports: [String], fields: [FieldDeclaration] = []) {
        self.domain = domain
        self.exports = exports
        self.imports = imports
        self.fields = fields
    }

    /// The setup of an absent component: no grid, no fields. The driver skips its exchanges.
    public static let absent = ComponentSetup(domain: .empty, exports: [], imports: [])

    /// Whether the component takes part in coupling (it has a grid).
    public var isPresent: Bool { domain.grid.size > 0 }
}
