import Coupling

/// The water ledger (`ExchangeTable.waterTerms` and `waterStores`): when a component's exports
/// arrive after a run, what the run gained and lost in water — from the inputs the coupler sent
/// it and the exports it returned — and how its store changed, point by point, area-weighted,
/// as rates over a driver step (× Δt_component / Δt_driver), in the day's budget sums:
/// rows `wgain` (net gain) and `dwstor` (the store's change). Counted run by run, gain and
/// store change of a component that conserves water are equal to round-off, whatever its
/// coupling interval; the water in transit (in the coupler, or sent to a component whose run
/// is not yet back) is the difference of the gains' sum over the components from 0.
extension CouplerState {
    /// A component's part of the ledger, resolved once.
    struct WaterAccount {
        /// A ledger term with the positions of its fields in the sent or the received bundle.
        struct Term {
            let term: WaterTerm
            let fields: [Int]
        }
        let column: Int
        let grid: CouplerGrid
        let imported: [Term]
        let exported: [Term]
        /// The store's position in the received bundle, and its weight.
        let store: (field: Int, weight: WaterWeight)?
        /// Δt_component / Δt_driver: a run's rate counts for that many driver steps.
        let steps: Double
        /// 1 / Δt_driver, s⁻¹: a store's change as a rate over one driver step.
        let perDriverStep: Double
        /// The component's own cell areas (its stores are per unit of these).
        let modelArea: [Double]
    }

    /// The ledger's accounts of the present components that hold a column of the budget table.
    static func waterAccounts(plan: CouplingPlan, configuration: DriverConfiguration,
                              domains: [ComponentKind: Domain]) -> [ComponentKind: WaterAccount] {
        let table = plan.table, driverStep = Double(configuration.time.driverStep)
        var accounts = [ComponentKind: WaterAccount]()
        for kind in plan.present.sorted() {
            guard let summary = plan.summary(kind), let column = BudgetTable.columns.firstIndex(of: kind.rawValue),
                  let interval = configuration.time.couplingIntervals[kind], let area = domains[kind]?.area else { continue }
            func resolve(_ moment: WaterTerm.Moment, in available: [String]) -> [WaterAccount.Term] {
                table.waterTerms.filter { $0.column == kind && $0.moment == moment }.compactMap { term in
                    let positions = term.fields.compactMap { available.firstIndex(of: $0) }
                    if case .exported(let field) = term.weight, !summary.exports.contains(field) { return nil }
                    return positions.count == term.fields.count ? WaterAccount.Term(term: term, fields: positions) : nil
                }
            }
            let store = table.waterStore(of: kind).flatMap { store in summary.exports.firstIndex(of: store.field).map { ($0, store.weight) } }
            accounts[kind] = WaterAccount(column: column, grid: plan.grid(of: kind),
                                          imported: resolve(.imported, in: summary.imports), exported: resolve(.exported, in: summary.exports),
                                          store: store, steps: Double(interval) / driverStep, perDriverStep: 1 / driverStep, modelArea: area)
        }
        return accounts
    }

    /// The present components that export no water store (data models, plug-ins): with one of
    /// them the total water is not closed.
    var storelessComponents: [ComponentKind] { waterAccounts.filter { $0.value.store == nil }.keys.sorted() }

    /// When component `kind` has been sent its inputs (`sent`): counts what its run will gain
    /// from them, weighted by its exports as they are (kept since they last arrived), while the
    /// inputs are in cache. The sums wait in `waterPending` until the run's exports arrive, and
    /// go into the ledger then, in the same period as the exports.
    func countWaterWhenSent(to kind: ComponentKind) {
        guard let account = waterAccounts[kind], let inputs = sent[kind], let kept = keepWaterOfExports(of: kind) else { return }
        waterPending[kind] = count(account.imported, of: account, from: inputs, exportedWeights: kept.weights) { field in
            kept.weightFields.firstIndex(of: field).map { ($0 * inputs.pointCount, 1) }
        }
    }

    /// What the ledger keeps of component `kind`'s exports as they are now, copied from them
    /// unless it has it already (`nil` when the ledger is off or has no account of `kind`).
    /// Called before its next exports arrive, so that their store's change can be counted.
    @discardableResult
    func keepWaterOfExports(of kind: ComponentKind) -> WaterKept? {
        guard waterLedger != nil, let account = waterAccounts[kind], let exports = received[kind] else { return nil }
        if let kept = waterKept[kind] { return kept }
        let kept = WaterKept(account: account, exports: exports)
        waterKept[kind] = kept
        return kept
    }

    /// After component `kind`'s exports arrived (area-corrected): counts what its run lost and
    /// gained in them, and the change of its store since they last arrived, with what it gained
    /// from its inputs (`countWaterWhenSent`); keeps its new store and the weights its next
    /// inputs will be counted with.
    func countWaterAfterArrival(of kind: ComponentKind) {
        let imported = waterPending.removeValue(forKey: kind)
        guard let ledger = waterLedger, let account = waterAccounts[kind], let exports = received[kind] else { return }
        let exported = count(account.exported, of: account, from: exports, exportedWeights: exports.storage) { field in
            exports.index(of: field).map { ($0, exports.fieldCount) }
        }
        var storeChange: ExactSum?
        if var kept = waterKept.removeValue(forKey: kind) {
            storeChange = countStoreChange(of: account, in: exports, since: &kept.store)
            kept.keepWeights(of: exports)
            waterKept[kind] = kept
        }
        let gains = [imported, exported].compactMap { $0 }
        let gain = ledger.position(row: BudgetTable.waterGainRow, column: account.column)
        let change = storeChange.map { ($0, ledger.position(row: BudgetTable.storeChangeRow, column: account.column)) }
        guard !gains.isEmpty || change != nil else { return }
        ledger.add { sums in
            for part in gains { sums[gain].add(part) }
            if let (sum, position) = change { sums[position].add(sum) }
        }
    }

    /// Counts `terms`, read from `bundle`, for the row `wgain` of `account`'s column: the sum
    /// over the terms and the points of sign × Δt_component / Δt_driver × area × weight × the
    /// sum of the term's fields (their positive part over L_f for frazil). A term weighted by
    /// an exported field reads it from `exportedWeights` at the offset and stride
    /// `exportedWeight` gives; one weighted by a fraction the coupler does not keep on the grid
    /// weighs nothing. `nil` when there is nothing to count.
    private func count(_ terms: [WaterAccount.Term], of account: WaterAccount, from bundle: FieldBundle, exportedWeights: [Double],
                       exportedWeight: (String) -> (offset: Int, stride: Int)?) -> ExactSum? {
        guard bundle.pointCount > 0, !terms.isEmpty, let area = mapArea(of: account.grid) ?? domain(of: account.grid)?.area else { return nil }
        let fractionBundle = fractions.on(account.grid)
        var passTerms = [BudgetPass.Term]()
        for resolved in terms {
            let weight: BudgetPass.Weight?
            switch resolved.term.weight {
            case .cell: weight = nil
            case .fraction(let fraction):
                guard let fractionBundle, let offset = fractionBundle.index(of: fraction.rawValue) else { continue }
                weight = BudgetPass.Weight(table: 0, offset: offset, stride: fractionBundle.fieldCount)
            case .exported(let field):
                guard let (offset, stride) = exportedWeight(field) else { continue }
                weight = BudgetPass.Weight(table: 1, offset: offset, stride: stride)
            }
            passTerms.append(BudgetPass.Term(factor: resolved.term.sign * account.steps, weight: weight, fields: resolved.fields,
                                             frazil: resolved.term.frazil))
        }
        guard !passTerms.isEmpty else { return nil }
        let pass = BudgetPass(terms: passTerms, rows: bundle, area: area, weightTables: [fractionBundle?.storage ?? [], exportedWeights])
        var gain = ExactSum()
        for sum in pass.sums() { gain.add(sum) }
        return gain
    }

    /// Points whose store changes are formed before they are added together.
    private static let storeBlock = 512

    /// The change of `account`'s store from `old` to its value in `bundle` (its exports), at
    /// each point × weight × the component's cell area / Δt_driver, summed; leaves the new
    /// store in `old`.
    private func countStoreChange(of account: WaterAccount, in bundle: FieldBundle, since old: inout [Double]) -> ExactSum? {
        guard let store = account.store, bundle.pointCount > 0 else { return nil }
        let n = bundle.pointCount, k = bundle.fieldCount, perDriverStep = account.perDriverStep
        // The weight's values and stride (`nil` for the whole cell); nothing where the coupler
        // does not keep the fraction.
        let weights: (values: [Double], offset: Int, stride: Int)?
        switch store.weight {
        case .cell: weights = nil
        case .fraction(let fraction):
            guard let kept = fractions.on(account.grid), let offset = kept.index(of: fraction.rawValue) else { return nil }
            weights = (kept.storage, offset, kept.fieldCount)
        case .exported(let field):
            guard let offset = bundle.index(of: field) else { return nil }
            weights = (bundle.storage, offset, k)
        }
        var change = ExactSum()
        let ones = [Double](repeating: 1, count: weights == nil ? 1 : 0)
        (weights?.values ?? ones).withUnsafeBufferPointer { w in
            bundle.storage.withUnsafeBufferPointer { x in
                account.modelArea.withUnsafeBufferPointer { modelArea in
                    old.withUnsafeMutableBufferPointer { old in
                        let w = w.baseAddress! + (weights?.offset ?? 0), stride = weights?.stride ?? 0
                        let x = x.baseAddress! + store.field
                        withUnsafeTemporaryAllocation(of: Double.self, capacity: Self.storeBlock) { changed in
                            for start in Swift.stride(from: 0, to: n, by: Self.storeBlock) {
                                let count = min(Self.storeBlock, n - start)
                                for q in 0 ..< count {
                                    let p = start + q, new = x[p * k]
                                    changed[q] = (new - old[p]) * w[p * stride] * modelArea[p] * perDriverStep
                                    old[p] = new
                                }
                                change.add(contentsOf: UnsafeBufferPointer(rebasing: changed[0 ..< count]))
                            }
                        }
                    }
                }
            }
        }
        return change
    }
}

/// What the water ledger keeps of a component's last exports, contiguous, for its next run:
/// its store (to count the store's change) and the exported fields its inputs are weighted by
/// (the sea ice's `Si_ifrac`), so neither is read again from the exports' rows.
struct WaterKept {
    /// The store at each point.
    var store: [Double]
    /// The weight fields, and their values field by field (`weights[j * n + p]`).
    let weightFields: [String]
    var weights: [Double]

    /// Copies of `exports`' store and weight fields, as `account` needs them.
    init(account: CouplerState.WaterAccount, exports: FieldBundle) {
        store = account.store.map { exports.values(of: exports.fieldNames[$0.field]) } ?? []
        var fields = [String]()
        for term in account.imported {
            if case .exported(let field) = term.term.weight, !fields.contains(field), exports.contains(field) { fields.append(field) }
        }
        weightFields = fields
        weights = fields.flatMap { exports.values(of: $0) }
    }

    /// Copies the weight fields of `exports` (the store is copied as it is counted).
    mutating func keepWeights(of exports: FieldBundle) {
        guard !weightFields.isEmpty else { return }
        let n = exports.pointCount
        weights.withUnsafeMutableBufferPointer { weights in
            exports.storage.withUnsafeBufferPointer { x in
                for (j, field) in weightFields.enumerated() {
                    let position = exports.index(of: field)!, k = exports.fieldCount
                    for p in 0 ..< n { weights[j * n + p] = x[p * k + position] }
                }
            }
        }
    }
}
