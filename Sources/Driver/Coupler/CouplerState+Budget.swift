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
        /// The terms, weighted alike next to each other.
        let terms: [ResolvedBudgetTerm]
        /// The averaged importer (the ocean, the river) whose forcing reads the source on its
        /// grid, so counts the group as it is formed (`countBudgetWhileForming`).
        let countedWhileForming: ComponentKind?
    }

    /// The budget terms resolved and grouped by source once, and a line for each one left out
    /// because what it reads is not there (a component that does not export one of its fields).
    static func budgetTerms(plan: CouplingPlan, importPlans: [ComponentKind: ImportPlan]) -> (groups: [BudgetGroup], leftOut: [String]) {
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
        // A group's terms weighted alike go together (the order the sums are kept and saved in).
        var groups = [BudgetGroup]()
        for term in resolved where !groups.contains(where: { $0.source == term.source }) {
            let terms = resolved.filter { $0.source == term.source }
            var fractions = [SurfaceFraction?]()
            for term in terms where !fractions.contains(term.term.fraction) { fractions.append(term.term.fraction) }
            let surface = plan.grid(of: term.term.column)
            var formedBy: ComponentKind?
            if case .bundle(let source) = term.source, let number = plan.bundles.firstIndex(where: { $0.bundle == source }) {
                formedBy = table.averagedImporters.sorted().first { kind in
                    plan.grid(of: kind) == surface && (importPlans[kind]?.sourcesRead.contains(number) ?? false)
                }
            }
            groups.append(BudgetGroup(source: term.source, surface: surface,
                                      terms: fractions.flatMap { fraction in terms.filter { $0.term.fraction == fraction } },
                                      countedWhileForming: formedBy))
        }
        return (groups, leftOut)
    }

    /// A group's sums counted before the step's budget is taken, where its fields were in cache.
    struct CountedBudgetGroup {
        let sums: [ExactSum]
        /// Counted while a forcing was formed: for this step's budget only. Otherwise counted
        /// when the group's source arrived or was sent, with weights that do not change in
        /// time: the same sums every step until the source changes.
        let forThisStepOnly: Bool
    }

    /// Adds this step's area-weighted terms of the transfers to each of `budgets`: every group's
    /// terms are computed once, in one pass over its points, or taken from where they were
    /// counted (`budgetCounted`), and added to each.
    func addBudgetTerms(to budgets: [BudgetAccumulator]) {
        for (index, group) in budgetPlan.enumerated() {
            let terms = termsToCount(of: group)
            let counted = budgetCounted[index]
            if counted?.forThisStepOnly == true { budgetCounted[index] = nil }
            guard let sums = counted?.sums ?? budgetPass(group, terms: terms).map({ $0.sums() }) else { continue }
            for budget in budgets {
                let positions = terms.map { budget.position(row: $0.term.row, column: $0.column) }
                budget.add { budgetSums in
                    for (position, sum) in zip(positions, sums) { budgetSums[position].add(sum) }
                }
            }
        }
        for budget in budgets { budget.endStep() }
    }

    /// Counts the budget groups that read `source` (what component `kind` just exported, or
    /// was just sent), while it is in cache, for every step's budget until it changes: the
    /// groups whose weights do not change in time (the whole cell, the land fraction) and that
    /// no forcing counts as it is formed (`countBudgetWhileForming`). Their sums are the bits
    /// a pass at each step's budget would give.
    func countBudgetWhenChanged(_ source: ResolvedBudgetTerm.Source) {
        guard ledger != nil else { return }
        for (index, group) in budgetPlan.enumerated() where group.source == source && group.countedWhileForming == nil {
            let terms = termsToCount(of: group)
            guard terms.allSatisfy({ !($0.term.fraction?.changesInTime ?? false) }) else { continue }
            budgetCounted[index] = budgetPass(group, terms: terms).map { CountedBudgetGroup(sums: $0.sums(), forThisStepOnly: false) }
        }
    }

    /// `group`'s terms whose components are all present.
    private func termsToCount(of group: BudgetGroup) -> [ResolvedBudgetTerm] {
        group.terms.filter { $0.term.requires.allSatisfy { received[$0] != nil } }
    }

    /// Counts the budget groups whose source the forcing of `kind` (an averaged importer: the
    /// ocean, the river) reads while `form` forms it, each block of points right after its
    /// imports, while the block's fields are in cache; `form` is given what to run alongside.
    /// Such a group counts its fields as they were when the forcing was formed in the step (what
    /// the component is sent), as cpl7's ocean diagnostics do; `addBudgetTerms` takes its sums
    /// instead of reading the fields again.
    func countBudgetWhileForming(for kind: ComponentKind, _ form: (ImportPlan.Alongside?) -> Void) {
        guard ledger != nil else { return form(nil) }
        var passes = [(group: Int, pass: BudgetPass)]()
        for (index, group) in budgetPlan.enumerated() where group.countedWhileForming == kind {
            budgetCounted[index] = nil
            if let pass = budgetPass(group, terms: termsToCount(of: group)) { passes.append((index, pass)) }
        }
        guard !passes.isEmpty else { return form(nil) }
        let slots = passes.map(\.pass.termCount).reduce(0, +), chunks = threads.count
        var partials = [ExactSum](repeating: ExactSum(), count: slots * chunks)
        partials.withUnsafeMutableBufferPointer { partials in
            let shared = SharedSums(base: partials.baseAddress!)
            let allPasses = passes.map(\.pass)
            form(ImportPlan.Alongside { chunk, points in
                for start in stride(from: points.lowerBound, to: points.upperBound, by: BudgetPass.piece) {
                    var slot = chunk * slots
                    for pass in allPasses {
                        pass.add(points: start ..< min(start + BudgetPass.piece, points.upperBound), into: shared.base + slot)
                        slot += pass.termCount
                    }
                }
            })
        }
        var slot = 0
        for (index, pass) in passes {
            budgetCounted[index] = CountedBudgetGroup(sums: pass.completed((0 ..< pass.termCount).map { term in
                var sum = ExactSum()
                for chunk in 0 ..< chunks { sum.add(partials[chunk * slots + slot + term]) }
                return sum
            }), forThisStepOnly: true)
            slot += pass.termCount
        }
    }

    /// The pass over `group`'s source for `terms` (`nil` when nothing is to be counted).
    private func budgetPass(_ group: BudgetGroup, terms: [ResolvedBudgetTerm]) -> BudgetPass? {
        let bundle: FieldBundle?
        switch group.source {
        case .bundle(let source): bundle = self.bundle(source)
        case .sent(let kind): bundle = sent[kind]
        }
        guard !terms.isEmpty, let bundle, let grid = domain(of: group.surface) else { return nil }
        let kept = fractions.on(group.surface)
        let passTerms = terms.map { resolved in
            BudgetPass.Term(factor: resolved.term.sign, weight: resolved.term.fraction.map {
                BudgetPass.Weight(table: 0, offset: kept!.index(of: $0.rawValue)!, stride: kept!.fieldCount)
            }, fields: resolved.fields)
        }
        return BudgetPass(terms: passTerms, rows: bundle, area: mapArea(of: group.surface) ?? grid.area, weightTables: [kept?.storage ?? []])
    }
}

/// Sums that the threads forming imports share, each writing only its own chunk's.
private struct SharedSums: @unchecked Sendable {
    let base: UnsafeMutablePointer<ExactSum>
}
