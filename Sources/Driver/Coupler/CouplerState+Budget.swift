import Coupling
import MPI

/// This step's budget terms (`ExchangeTable.budgetTerms`), from the fields the coupler passed.
extension CouplerState {
    /// A budget term resolved to where its fields are kept.
    struct ResolvedBudgetTerm {
        /// Where the fields are: a source bundle, or what was last sent to a component.
        enum Source {
            case bundle(SourceBundle)
            case sent(ComponentKind)
        }
        let term: BudgetTerm
        /// The term's column in the budget table.
        let column: Int
        let source: Source
        /// The fields' positions in the source.
        let fields: [Int]
    }

    /// The budget terms resolved once, and a line for each one left out because what it reads
    /// is not there (a component that does not export one of its fields).
    static func budgetTerms(plan: CouplingPlan) -> (resolved: [ResolvedBudgetTerm], leftOut: [String]) {
        let table = plan.table
        var resolved = [ResolvedBudgetTerm](), leftOut = [String]()
        for term in table.budgetTerms {
            guard let column = BudgetTable.columns.firstIndex(of: term.column.rawValue) else { continue }
            // Fields only imported are read where they were sent: the importer on the column's grid.
            let sentTo = term.fields.first.flatMap { field in
                table.declaration(of: field)?.importers.keys.sorted().first { plan.grid(of: $0) == plan.grid(of: term.column) }
            }
            let source: ResolvedBudgetTerm.Source?
            let available: [String]
            if let field = term.fields.first, table.declaration(of: field)?.origin == .importOnly, let sentTo {
                source = .sent(sentTo)
                available = plan.summary(sentTo)?.imports ?? []
            } else if let first = term.fields.first, let bundle = plan.source(of: first, for: term.column) {
                source = .bundle(bundle)
                available = plan.fields(of: bundle)
            } else {
                source = nil
                available = []
            }
            let positions = term.fields.compactMap { available.firstIndex(of: $0) }
            let weighable = term.fraction.map { SurfaceFractions.kept(on: plan.grid(of: term.column)).contains($0) } ?? true
            guard let source, positions.count == term.fields.count, weighable else {
                let present = term.fields.compactMap { table.declaration(of: $0)?.origin.component }.allSatisfy { plan.summary($0) != nil }
                if present { leftOut.append("\(term.row) of \(term.column) (\(term.fields.joined(separator: " + ")))") }
                continue
            }
            resolved.append(ResolvedBudgetTerm(term: term, column: column, source: source, fields: positions))
        }
        return (resolved, leftOut)
    }

    /// Adds the area-weighted terms of this step's transfers, point by point, to `budget`.
    func addBudgetTerms(to budget: BudgetAccumulator) {
        for resolved in budgetPlan {
            let term = resolved.term
            let surface = plan.grid(of: term.column)
            guard term.requires.allSatisfy({ received[$0] != nil }), let grid = domain(of: surface) else { continue }
            let bundle: FieldBundle?
            switch resolved.source {
            case .bundle(let source): bundle = self.bundle(source)
            case .sent(let kind): bundle = sent[kind]
            }
            guard let bundle else { continue }
            let area = mapArea(of: surface) ?? grid.area
            let fraction = term.fraction.map { fractions.on(surface)!.values(of: $0.rawValue) }
            let indices = resolved.fields, k = bundle.fieldCount, sign = term.sign
            bundle.storage.withUnsafeBufferPointer { s in
                budget.add(row: term.row, column: resolved.column, grid: surface.rawValue, count: area.count) { p in
                    var value = 0.0
                    for f in indices { value += s[p * k + f] }
                    return sign * area[p] * (fraction?[p] ?? 1) * value
                }
            }
        }
        budget.endStep()
    }
}
