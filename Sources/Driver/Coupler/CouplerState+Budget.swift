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

    /// The budget terms read from one source on one grid, added in one pass over its points.
    struct BudgetGroup {
        let source: ResolvedBudgetTerm.Source
        let surface: CouplerGrid
        /// The terms, in the table's order.
        let terms: [ResolvedBudgetTerm]
    }

    /// The budget terms resolved and grouped by source once, and a line for each one left out
    /// because what it reads is not there (a component that does not export one of its fields).
    static func budgetTerms(plan: CouplingPlan) -> (groups: [BudgetGroup], leftOut: [String]) {
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
        var groups = [BudgetGroup]()
        for term in resolved where !groups.contains(where: { $0.source == term.source }) {
            groups.append(BudgetGroup(source: term.source, surface: plan.grid(of: term.term.column),
                                      terms: resolved.filter { $0.source == term.source }))
        }
        return (groups, leftOut)
    }

    /// Adds the area-weighted terms of this step's transfers, point by point, to `budget`: one
    /// pass over the points of each source.
    func addBudgetTerms(to budget: BudgetAccumulator) {
        for group in budgetPlan {
            let terms = group.terms.filter { $0.term.requires.allSatisfy { received[$0] != nil } }
            let bundle: FieldBundle?
            switch group.source {
            case .bundle(let source): bundle = self.bundle(source)
            case .sent(let kind): bundle = sent[kind]
            }
            guard !terms.isEmpty, let bundle, let grid = domain(of: group.surface) else { continue }
            addBudgetTerms(terms, from: bundle, area: mapArea(of: group.surface) ?? grid.area, fractions: fractions.on(group.surface),
                           to: budget)
        }
        budget.endStep()
    }

    /// A term resolved to addresses for the pass: its fields are
    /// `fields[firstField ..< endField]` of the pass's list; its sum is at `sum`.
    private struct BudgetKernelTerm {
        let sum: Int
        let sign: Double
        let firstField: Int
        let endField: Int
    }

    /// The terms of a pass weighted by one fraction (its position in the fractions bundle;
    /// `nil` for the whole cell): `terms[firstTerm ..< endTerm]` of the pass's list.
    private struct BudgetWeightClass {
        let fraction: Int?
        let firstTerm: Int
        let endTerm: Int
    }

    /// Adds `terms`, read from `bundle` on `surface`, to `budget`, in one pass over the points:
    /// at each point sign × area × fraction × the sum of the fields, in that order, read from the
    /// point's fields together (a bundle holds its fields point by point). A point where a
    /// fraction is 0 adds nothing to that fraction's terms, and is skipped.
    private func addBudgetTerms(_ terms: [ResolvedBudgetTerm], from bundle: FieldBundle, area: [Double], fractions: FieldBundle?,
                                to budget: BudgetAccumulator) {
        let n = area.count, k = bundle.fieldCount, kf = fractions?.fieldCount ?? 0
        var classes = [BudgetWeightClass](), kernelTerms = [BudgetKernelTerm](), fieldList = [Int]()
        let weights = terms.map { $0.term.fraction.map { fractions!.index(of: $0.rawValue)! } }
        var distinctWeights = [Int?]()
        for weight in weights where !distinctWeights.contains(weight) { distinctWeights.append(weight) }
        for weight in distinctWeights {
            let first = kernelTerms.count
            for (resolved, _) in zip(terms, weights).filter({ $0.1 == weight }) {
                let sum = budget.position(row: resolved.term.row, column: resolved.column)
                kernelTerms.append(BudgetKernelTerm(sum: sum, sign: resolved.term.sign, firstField: fieldList.count,
                                                    endField: fieldList.count + resolved.fields.count))
                fieldList += resolved.fields
            }
            classes.append(BudgetWeightClass(fraction: weight, firstTerm: first, endTerm: kernelTerms.count))
        }
        let fractionStorage = fractions?.storage ?? []
        bundle.storage.withUnsafeBufferPointer { s in
            fractionStorage.withUnsafeBufferPointer { f in
                area.withUnsafeBufferPointer { a in
                    classes.withUnsafeBufferPointer { classes in
                        kernelTerms.withUnsafeBufferPointer { kernelTerms in
                            fieldList.withUnsafeBufferPointer { fieldList in
                                budget.add { sums in
                                    for p in 0 ..< n {
                                        let row = s.baseAddress! + p * k
                                        for weightClass in classes {
                                            var weight = 1.0
                                            if let fraction = weightClass.fraction {
                                                weight = f[p * kf + fraction]
                                                if weight == 0 { continue }
                                            }
                                            for term in kernelTerms[weightClass.firstTerm ..< weightClass.endTerm] {
                                                var value = row[fieldList[term.firstField]]
                                                for j in term.firstField + 1 ..< term.endField { value += row[fieldList[j]] }
                                                // × 1 for the whole cell changes no bit.
                                                let weighted = term.sign * a[p] * weight * value
                                                if weighted != 0 { sums[term.sum].add(weighted) }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
