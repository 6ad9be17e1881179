/// Every coupling field declared once, as CMEPS's `esmFldsExchange` does: its name, meaning,
/// units and kind, where it comes from (`FieldOrigin`), and for each component that imports
/// it, how the coupler forms the import (`ImportRule`).
///
/// Everything else about fields is derived from the table: each component's standard export
/// and import lists, the coupler's merges, what the coupler needs each present component to
/// export, the long names and units in history files. `standard` is cpl7's table.
public struct ExchangeTable: Sendable {
    /// The rows, in the order lists derived from them keep.
    public let declarations: [FieldDeclaration]
    /// The components whose imports the coupler accumulates every driver step and averages over
    /// the component's coupling interval (the ocean's and the river's, as in cpl7); others get
    /// each step's.
    public let averagedImporters: Set<ComponentKind>
    /// The atmosphere's and the ocean's fields the coupler's bulk formulas read, in the order
    /// `OceanSurfaceFluxes` takes them.
    public let atmosphereOceanFluxInputs: [String]
    /// The terms of the heat and water budgets, in the order the budget keeps them.
    public let budgetTerms: [BudgetTerm]
    /// The terms of the ledger: the water and heat each component gains and loses, run by run.
    public let ledgerTerms: [LedgerTerm]
    /// The exports in which components report the water and heat they hold (none of them is
    /// imported).
    public let ledgerStores: [LedgerStore]

    private let rows: [String: Int]
    private let exportLists: [ComponentKind: [String]]
    private let importLists: [ComponentKind: [String]]

    /// A table of `declarations`, checked: names are unique, and every field a rule, a sum or
    /// the bulk formulas or a budget term read is declared and comes from somewhere.
    public init(declarations: [FieldDeclaration], averagedImporters: Set<ComponentKind>, atmosphereOceanFluxInputs: [String],
                budgetTerms: [BudgetTerm] = [], ledgerTerms: [LedgerTerm] = [], ledgerStores: [LedgerStore] = []) throws(ExchangeTableError) {
        var rows = [String: Int]()
        var problems = [String]()
        for (index, row) in declarations.enumerated() {
            if rows[row.name] != nil { problems.append("'\(row.name)' is declared twice") }
            rows[row.name] = index
        }
        func origin(of field: String) -> FieldOrigin? { rows[field].map { declarations[$0].origin } }
        for row in declarations {
            if case .sum(let parts) = row.origin {
                let sources = Set(parts.compactMap { part -> ComponentKind? in
                    if case .component(let kind) = origin(of: part) { return kind }
                    return nil
                })
                if sources.count != 1 || parts.contains(where: { origin(of: $0) == nil }) {
                    problems.append("'\(row.name)' sums \(parts.map { "'\($0)'" }.joined(separator: ", ")), which are not all exports of one component")
                }
            }
            for (importer, rule) in row.importers.sorted(by: { $0.key < $1.key }) {
                let entry = "the entry '\(row.name)' imported by \(importer)"
                switch rule {
                case .copy(let fallback):
                    if row.origin == .importOnly { problems.append("\(entry) copies a field nothing provides: give it an origin or a merge") }
                    if fallback != nil, row.origin.component == nil {
                        problems.append("\(entry) has a fallback, but only a field a component exports can be missing")
                    }
                case .fraction:
                    break
                case .merge(let terms):
                    for term in terms {
                        switch origin(of: term.field) {
                        case nil: problems.append("\(entry) merges '\(term.field)', which the table does not declare")
                        case .importOnly: problems.append("\(entry) merges '\(term.field)', which nothing provides")
                        default: break
                        }
                    }
                }
            }
        }
        for field in atmosphereOceanFluxInputs where origin(of: field)?.component == nil {
            problems.append("the bulk formulas read '\(field)', which is not declared as a component's export")
        }
        for term in budgetTerms {
            for field in term.fields where origin(of: field) == nil {
                problems.append("the budget term \(term.row) of \(term.column) reads '\(field)', which the table does not declare")
            }
        }
        for term in ledgerTerms {
            var read = term.fields
            if case .exported(let field) = term.weight { read.append(field) }
            for field in read where origin(of: field) == nil {
                problems.append("the \(term.quantity) ledger's term of \(term.column) reads '\(field)', which the table does not declare")
            }
        }
        for store in ledgerStores where origin(of: store.field) != .component(store.column) {
            problems.append("the \(store.quantity) store '\(store.field)' is not declared as an export of \(store.column)")
        }
        guard problems.isEmpty else { throw ExchangeTableError(problems: problems) }
        self.budgetTerms = budgetTerms
        self.ledgerTerms = ledgerTerms
        self.ledgerStores = ledgerStores
        self.declarations = declarations
        self.averagedImporters = averagedImporters
        self.atmosphereOceanFluxInputs = atmosphereOceanFluxInputs
        self.rows = rows
        var exports = [ComponentKind: [String]](), imports = [ComponentKind: [String]]()
        for row in declarations {
            if let kind = row.origin.component { exports[kind, default: []].append(row.name) }
            for kind in row.importers.keys { imports[kind, default: []].append(row.name) }
        }
        exportLists = exports
        importLists = imports
        atmosphereOceanFluxes = declarations.filter { $0.origin == .atmosphereOceanFlux }.map(\.name)
    }

    /// The row of `name`, if the table declares it.
    public func declaration(of name: String) -> FieldDeclaration? { rows[name].map { declarations[$0] } }

    /// The name, meaning, units and kind of `name`, if the table declares it.
    public func description(of name: String) -> FieldDescription? { declaration(of: name)?.description }

    /// What a component of `kind` exports, in table order (a2x, l2x, i2x, o2x).
    public func exports(of kind: ComponentKind) -> [String] { exportLists[kind] ?? [] }

    /// The export in which `kind` reports the `quantity` it holds, if the table has one.
    public func store(of quantity: LedgerQuantity, for kind: ComponentKind) -> LedgerStore? {
        ledgerStores.first { $0.quantity == quantity && $0.column == kind }
    }

    /// `kind`'s exports but its stores: what a data model, which holds no water or heat of its
    /// own, prescribes.
    public func exportsWithoutStores(of kind: ComponentKind) -> [String] {
        let stores = Set(ledgerStores.filter { $0.column == kind }.map(\.field))
        return exports(of: kind).filter { !stores.contains($0) }
    }

    /// What the coupler can give a component of `kind`, in table order (x2a, x2l, x2i, x2o).
    public func imports(of kind: ComponentKind) -> [String] { importLists[kind] ?? [] }

    /// How the coupler forms `field` for a component of `kind`, or `nil` if it does not give it one.
    public func rule(for field: String, importedBy kind: ComponentKind) -> ImportRule? { declaration(of: field)?.importers[kind] }

    /// What the coupler's bulk formulas compute over open ocean (xao), in table order.
    public let atmosphereOceanFluxes: [String]

    /// The sums the coupler makes of `kind`'s exports (`Faxa_rain`), with their parts.
    public func sums(ofExportsOf kind: ComponentKind) -> [(field: String, parts: [String])] {
        declarations.compactMap { row in
            guard case .sum(let parts) = row.origin, let first = parts.first, declaration(of: first)?.origin == .component(kind) else { return nil }
            return (row.name, parts)
        }
    }

    /// The fields the coupler reads to form `field` for a component of `kind` (the field itself
    /// for a copy, each term's field for a merge, none for a fraction).
    public func sources(of field: String, importedBy kind: ComponentKind) -> [String] {
        switch rule(for: field, importedBy: kind) {
        case .copy?: [field]
        case .merge(let terms)?: terms.map(\.field)
        case .fraction?, nil: []
        }
    }
}

extension FieldOrigin {
    /// The component that exports the field (for a sum, the component whose exports it adds
    /// is found through the table), or `nil`.
    public var component: ComponentKind? {
        if case .component(let kind) = self { return kind }
        return nil
    }
}
