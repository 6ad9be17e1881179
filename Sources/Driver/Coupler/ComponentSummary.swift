import Coupling
import MPI

/// What every rank must know of a component to walk the run sequence in step with the
/// others: its model, its grid, the fields it exchanges and the fields it declares. The
/// component's first task makes it from the component's setup and broadcasts it to the whole job.
struct ComponentSummary: Sendable, Equatable {
    let kind: ComponentKind
    let modelName: String
    let grid: GridDescription
    let exports: [String]
    let imports: [String]
    /// The fields it adds to the exchange table.
    let fields: [FieldDeclaration]

    /// Whether the component takes part in coupling (it has a grid; stubs do not).
    var isPresent: Bool { grid.size > 0 }

    init(kind: ComponentKind, modelName: String, setup: ComponentSetup) {
        self.kind = kind
        self.modelName = modelName
        self.grid = setup.domain.grid
        self.exports = setup.exports
        self.imports = setup.imports
        self.fields = setup.fields
    }

    /// The summary of the setup a model foresees before it runs (`coupled-driver check`).
    init(kind: ComponentKind, modelName: String, planned setup: PlannedSetup) {
        self.init(kind: kind, modelName: modelName, grid: setup.grid, exports: setup.exports, imports: setup.imports, fields: setup.fields)
    }

    private init(kind: ComponentKind, modelName: String, grid: GridDescription, exports: [String], imports: [String],
                 fields: [FieldDeclaration]) {
        self.kind = kind
        self.modelName = modelName
        self.grid = grid
        self.exports = exports
        self.imports = imports
        self.fields = fields
    }

    /// `atm (model 'slab')`, for messages.
    var label: String { "\(kind.rawValue) (model '\(modelName)')" }

    /// One line per item, fields separated by commas, then one line per declared field (its
    /// declarations have been checked: `FieldDeclaration.problem(declaredBy:)`).
    var encoded: String {
        ([modelName, grid.name, grid.shape.map(String.init).joined(separator: ","), grid.dimensionNames.joined(separator: ","),
          exports.joined(separator: ","), imports.joined(separator: ",")] + fields.map(\.encoded)).joined(separator: "\n")
    }

    init(kind: ComponentKind, encoded: String) {
        let lines = encoded.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        func list(_ line: String) -> [String] { line.isEmpty ? [] : line.split(separator: ",").map(String.init) }
        self.init(kind: kind, modelName: lines[0],
                  grid: GridDescription(name: lines[1], shape: list(lines[2]).map { Int($0)! }, dimensionNames: list(lines[3])),
                  exports: list(lines[4]), imports: list(lines[5]),
                  fields: lines.dropFirst(6).map { line in
                      do { return try FieldDeclaration(encoded: line) } catch { preconditionFailure("a checked declaration did not decode: \(error)") }
                  })
    }

    /// Every component's summary on every rank: each component's first task broadcasts its own.
    /// A component the layout does not lay out is an absent stub.
    static func shareAll(_ local: [ComponentKind: ComponentSummary], layout: ProcessorLayout, world: Communicator)
        throws(MPIError) -> [ComponentKind: ComponentSummary] {
        var all = [ComponentKind: ComponentSummary]()
        for kind in ComponentKind.models {
            guard layout.isLaidOut(kind) else {
                all[kind] = ComponentSummary(kind: kind, modelName: ComponentRegistry.stub, setup: .absent)
                continue
            }
            let root = layout[kind].rootRank
            let text = try world.broadcast(world.rank == root ? local[kind]!.encoded : "", root: root)
            all[kind] = ComponentSummary(kind: kind, encoded: text)
        }
        return all
    }
}
