import Coupling
import MPI

/// This step's budget terms (`ExchangeTable.budgetTerms`), from the fields the coupler passed.
extension CouplerState {
    /// A budget term resolved to where its fields are kept.
    struct ResolvedBudgetTerm {
        /// Where the fields are: a source bundle, or what was last sent to a component.
        enum Source: Hashable {
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

    /// Adds the area-weighted terms of this step's transfers, point by point, to `budget`, the
    /// terms read from the same bundle together.
    func addBudgetTerms(to budget: BudgetAccumulator) {
        var sources = [ResolvedBudgetTerm.Source](), terms = [ResolvedBudgetTerm.Source: [ResolvedBudgetTerm]]()
        for resolved in budgetPlan where resolved.term.requires.allSatisfy({ received[$0] != nil }) {
            if terms[resolved.source] == nil { sources.append(resolved.source) }
            terms[resolved.source, default: []].append(resolved)
        }
        for source in sources {
            let group = terms[source]!, surface = plan.grid(of: group[0].term.column)
            let bundle: FieldBundle?
            switch source {
            case .bundle(let source): bundle = self.bundle(source)
            case .sent(let kind): bundle = sent[kind]
            }
            guard let bundle, let grid = domain(of: surface) else { continue }
            addBudgetTerms(group, from: bundle, area: mapArea(of: surface) ?? grid.area, fractions: fractions.on(surface), surface: surface,
                           to: budget)
        }
        budget.endStep()
    }

    /// Adds `group`, terms read from `bundle` on `surface`, to `budget`. The fields the terms
    /// read are first copied out of the bundle in one pass over its points (a bundle holds its
    /// fields point by point, so reading one field touches all its memory); each term is then a
    /// loop over contiguous values.
    private func addBudgetTerms(_ group: [ResolvedBudgetTerm], from bundle: FieldBundle, area: [Double], fractions: FieldBundle?,
                                surface: CouplerGrid, to budget: BudgetAccumulator) {
        let n = area.count, k = bundle.fieldCount, kf = fractions?.fieldCount ?? 0
        let needed = Array(Set(group.flatMap(\.fields))).sorted()
        let column = Dictionary(uniqueKeysWithValues: needed.enumerated().map { ($0.element, $0.offset) })
        if budgetScratch.count < needed.count * n { budgetScratch = [Double](repeating: 0, count: needed.count * n) }
        let fractionStorage = fractions?.storage ?? []
        budgetScratch.withUnsafeMutableBufferPointer { columns in
            let columns = columns.baseAddress!
            bundle.storage.withUnsafeBufferPointer { s in
                for p in 0 ..< n {
                    for (j, field) in needed.enumerated() { columns[j * n + p] = s[p * k + field] }
                }
            }
            for resolved in group {
                let offset = budget.offset(row: resolved.term.row, column: resolved.column, grid: surface.rawValue, count: n)
                let sign = resolved.term.sign, fields = resolved.fields.map { columns + column[$0]! * n }
                let fraction = resolved.term.fraction.map { fractions!.index(of: $0.rawValue)! }
                budget.add { sums in
                    fractionStorage.withUnsafeBufferPointer { f in
                        area.withUnsafeBufferPointer { a in
                            let sums = sums.baseAddress! + offset, a = a.baseAddress!
                            // sign × area × fraction × the sum of the fields, in that order.
                            let f = fraction.map { f.baseAddress! + $0 }
                            switch (f, fields.count) {
                            case (nil, 1):
                                let x = fields[0]
                                for p in 0 ..< n { sums[p] += sign * a[p] * x[p] }
                            case (let f?, 1):
                                let x = fields[0]
                                for p in 0 ..< n { sums[p] += sign * a[p] * f[p * kf] * x[p] }
                            case (nil, 2):
                                let x = fields[0], y = fields[1]
                                for p in 0 ..< n { sums[p] += sign * a[p] * (x[p] + y[p]) }
                            case (let f?, 2):
                                let x = fields[0], y = fields[1]
                                for p in 0 ..< n { sums[p] += sign * a[p] * f[p * kf] * (x[p] + y[p]) }
                            default:
                                for p in 0 ..< n {
                                    var value = 0.0
                                    for x in fields { value += x[p] }
                                    sums[p] += sign * a[p] * (f?[p * kf] ?? 1) * value
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
