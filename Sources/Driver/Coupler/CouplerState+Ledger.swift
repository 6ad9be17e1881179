import Coupling

/// The ledger (`ExchangeTable.ledgerTerms` and `ledgerStores`): when a component's exports
/// arrive after a run, what the run gained and lost in water and in heat — from the inputs the
/// coupler sent it and the exports it returned — and how its stores changed, point by point,
/// area-weighted, as rates over a driver step (× Δt_component / Δt_driver), in the day's budget
/// sums: rows `wgain` and `hgain` (net gains) and `dwstor` and `dhstor` (the stores' changes).
/// Counted run by run, gain and store change of a component that conserves water (heat) are
/// equal to round-off, whatever its coupling interval; the water in transit (in the coupler,
/// or sent to a component whose run is not yet back) is the difference of the gains' sum over
/// the components from 0.
extension CouplerState {
    /// A component's part of the ledger, resolved once.
    struct LedgerAccount {
        /// What the ledger forms at each point of the sent or the received bundle: the terms of a
        /// quantity weighted alike as one value, their fields (positions in the bundle) times
        /// their factors, added; a frazil term alone, its field's positive part, then its factor.
        struct Sum {
            let quantity: LedgerQuantity
            let weight: LedgerWeight
            let fields: [Int]
            let factors: [Double]
            let frazil: Bool
        }
        /// A store: its position in the received bundle, and its weight.
        struct Store {
            let quantity: LedgerQuantity
            let field: Int
            let weight: LedgerWeight
        }
        let column: Int
        let grid: CouplerGrid
        /// The sums of the inputs and of the exports, those weighted alike next to each other.
        let imported: [Sum]
        let exported: [Sum]
        let stores: [Store]
        /// Δt_component / Δt_driver: a run's rate counts for that many driver steps.
        let steps: Double
        /// 1 / Δt_driver, s⁻¹: a store's change as a rate over one driver step.
        let perDriverStep: Double
        /// The component's own cell areas (its stores are per unit of these).
        let modelArea: [Double]

        /// Whether the component reports a store of `quantity`.
        func reports(_ quantity: LedgerQuantity) -> Bool { stores.contains { $0.quantity == quantity } }
    }

    /// The ledger's accounts of the present components that hold a column of the budget table.
    static func ledgerAccounts(plan: CouplingPlan, configuration: DriverConfiguration,
                               domains: [ComponentKind: Domain]) -> [ComponentKind: LedgerAccount] {
        let table = plan.table, driverStep = Double(configuration.time.driverStep)
        var accounts = [ComponentKind: LedgerAccount]()
        for kind in plan.present.sorted() {
            guard let summary = plan.summary(kind), let column = BudgetTable.columns.firstIndex(of: kind.rawValue),
                  let interval = configuration.time.couplingIntervals[kind], let area = domains[kind]?.area else { continue }
            func resolve(_ moment: LedgerTerm.Moment, in available: [String]) -> [LedgerAccount.Sum] {
                var sums = [LedgerAccount.Sum]()
                for term in table.ledgerTerms where term.column == kind && term.moment == moment {
                    let positions = term.fields.compactMap { available.firstIndex(of: $0) }
                    if case .exported(let field) = term.weight, !summary.exports.contains(field) { continue }
                    guard positions.count == term.fields.count else { continue }
                    let factors = positions.map { _ in term.factor }
                    if !term.frazil, let alike = sums.firstIndex(where: { $0.quantity == term.quantity && $0.weight == term.weight && !$0.frazil }) {
                        let sum = sums[alike]
                        sums[alike] = LedgerAccount.Sum(quantity: sum.quantity, weight: sum.weight, fields: sum.fields + positions,
                                                        factors: sum.factors + factors, frazil: false)
                    } else {
                        sums.append(LedgerAccount.Sum(quantity: term.quantity, weight: term.weight, fields: positions, factors: factors,
                                                      frazil: term.frazil))
                    }
                }
                // Weighted alike next to each other: a pass finds a weight's points once.
                let weights = sums.map(\.weight).reduce(into: [LedgerWeight]()) { if !$0.contains($1) { $0.append($1) } }
                return weights.flatMap { weight in sums.filter { $0.weight == weight } }
            }
            let stores = table.ledgerStores.filter { $0.column == kind }.compactMap { store in
                summary.exports.firstIndex(of: store.field).map { LedgerAccount.Store(quantity: store.quantity, field: $0, weight: store.weight) }
            }
            accounts[kind] = LedgerAccount(column: column, grid: plan.grid(of: kind),
                                           imported: resolve(.imported, in: summary.imports), exported: resolve(.exported, in: summary.exports),
                                           stores: stores, steps: Double(interval) / driverStep, perDriverStep: 1 / driverStep, modelArea: area)
        }
        return accounts
    }

    /// The present components that export no store of `quantity` (data models, plug-ins, and
    /// for heat the built-in atmosphere and river): with one of them that quantity's total is
    /// not closed.
    func componentsWithoutStore(of quantity: LedgerQuantity) -> [ComponentKind] {
        ledgerAccounts.filter { !$0.value.reports(quantity) }.keys.sorted()
    }

    /// When component `kind` has been sent its inputs (`sent`): counts what its run will gain
    /// from them, weighted by its exports as they are (kept since they last arrived), while the
    /// inputs are in cache. The sums wait in `ledgerPending` until the run's exports arrive, and
    /// go into the ledger then, in the same period as the exports.
    func countLedgerWhenSent(to kind: ComponentKind) {
        guard let account = ledgerAccounts[kind], let inputs = sent[kind], let kept = keepLedgerOfExports(of: kind) else { return }
        ledgerPending[kind] = count(account.imported, of: account, from: inputs, exportedWeights: kept.weights) { field in
            kept.weightFields.firstIndex(of: field).map { ($0 * inputs.pointCount, 1) }
        }
    }

    /// What the ledger keeps of component `kind`'s exports as they are now, copied from them
    /// unless it has it already (`nil` when the ledger is off or has no account of `kind`).
    /// Called before its next exports arrive, so that their stores' changes can be counted.
    @discardableResult
    func keepLedgerOfExports(of kind: ComponentKind) -> LedgerKept? {
        guard ledger != nil, let account = ledgerAccounts[kind], let exports = received[kind] else { return nil }
        if let kept = ledgerKept[kind] { return kept }
        let kept = LedgerKept(account: account, exports: exports)
        ledgerKept[kind] = kept
        return kept
    }

    /// After component `kind`'s exports arrived (area-corrected): counts what its run lost and
    /// gained in them, and the changes of its stores since they last arrived, with what it
    /// gained from its inputs (`countLedgerWhenSent`); keeps its new stores and the weights its
    /// next inputs will be counted with.
    func countLedgerAfterArrival(of kind: ComponentKind) {
        let imported = ledgerPending.removeValue(forKey: kind) ?? [:]
        guard let ledger, let account = ledgerAccounts[kind], let exports = received[kind] else { return }
        let exported = count(account.exported, of: account, from: exports, exportedWeights: exports.storage) { field in
            exports.index(of: field).map { ($0, exports.fieldCount) }
        }
        var changes = [LedgerQuantity: ExactSum]()
        if var kept = ledgerKept.removeValue(forKey: kind) {
            changes = countStoreChanges(of: account, in: exports, since: &kept.stores)
            kept.keepWeights(of: exports)
            ledgerKept[kind] = kept
        }
        var additions = [(position: Int, sum: ExactSum)]()
        for (quantity, gain) in imported.merging(exported, uniquingKeysWith: { var sum = $0; sum.add($1); return sum }) {
            additions.append((ledger.position(row: BudgetTable.ledgerRows(of: quantity).gain, column: account.column), gain))
        }
        for (quantity, change) in changes {
            additions.append((ledger.position(row: BudgetTable.ledgerRows(of: quantity).storeChange, column: account.column), change))
        }
        guard !additions.isEmpty else { return }
        ledger.add { sums in
            for (position, sum) in additions { sums[position].add(sum) }
        }
    }

    /// Counts `sums`, read from `bundle`, for the rows `wgain` and `hgain` of `account`'s
    /// column: for each quantity, the sum over the points of Δt_component / Δt_driver × area ×
    /// weight × the value `LedgerAccount.Sum` forms, one exact sum per quantity and weight. A sum
    /// weighted by an exported field reads it from `exportedWeights` at the offset and stride
    /// `exportedWeight` gives; one weighted by a fraction the coupler does not keep on the grid
    /// weighs nothing. Empty when there is nothing to count.
    private func count(_ sums: [LedgerAccount.Sum], of account: LedgerAccount, from bundle: FieldBundle, exportedWeights: [Double],
                       exportedWeight: (String) -> (offset: Int, stride: Int)?) -> [LedgerQuantity: ExactSum] {
        guard bundle.pointCount > 0, !sums.isEmpty, let area = mapArea(of: account.grid) ?? domain(of: account.grid)?.area else { return [:] }
        let fractionBundle = fractions.on(account.grid)
        var passTerms = [BudgetPass.Term](), quantities = [LedgerQuantity]()
        for sum in sums {
            let weight: BudgetPass.Weight?
            switch sum.weight {
            case .cell: weight = nil
            case .fraction(let fraction):
                guard let fractionBundle, let offset = fractionBundle.index(of: fraction.rawValue) else { continue }
                weight = BudgetPass.Weight(table: 0, offset: offset, stride: fractionBundle.fieldCount)
            case .exported(let field):
                guard let (offset, stride) = exportedWeight(field) else { continue }
                weight = BudgetPass.Weight(table: 1, offset: offset, stride: stride)
            }
            if sum.frazil {
                // Its positive part first, then its factor.
                passTerms.append(BudgetPass.Term(factor: sum.factors[0] * account.steps, weight: weight, fields: sum.fields,
                                                 positivePartOver: sum.quantity == .water ? PhysicalConstants.latentHeatOfFusion : 1))
            } else {
                passTerms.append(BudgetPass.Term(factor: account.steps, weight: weight, fields: sum.fields, coefficients: sum.factors))
            }
            quantities.append(sum.quantity)
        }
        guard !passTerms.isEmpty else { return [:] }
        let pass = BudgetPass(terms: passTerms, rows: bundle, area: area, weightTables: [fractionBundle?.storage ?? [], exportedWeights])
        var gains = [LedgerQuantity: ExactSum]()
        for (quantity, sum) in zip(quantities, pass.sums()) { gains[quantity, default: ExactSum()].add(sum) }
        return gains
    }

    /// Points whose store changes are formed before they are added together.
    private static let storeBlock = 512

    /// The change of each of `account`'s stores from `old` to its value in `bundle` (its
    /// exports), at each point × weight × the component's cell area / Δt_driver, summed, in one
    /// pass over the bundle's rows; leaves the new stores in `old` (in the order of the stores).
    private func countStoreChanges(of account: LedgerAccount, in bundle: FieldBundle, since old: inout [[Double]]) -> [LedgerQuantity: ExactSum] {
        let n = bundle.pointCount, k = bundle.fieldCount
        guard n > 0, !account.stores.isEmpty else { return [:] }
        // Each store's weight: its values, offset and stride (stride 0 on a 1 for the whole
        // cell); a store weighted by a fraction the coupler does not keep is not counted.
        var counted = [(store: Int, values: [Double], offset: Int, stride: Int)]()
        for (index, store) in account.stores.enumerated() {
            switch store.weight {
            case .cell: counted.append((index, [1], 0, 0))
            case .fraction(let fraction):
                guard let kept = fractions.on(account.grid), let offset = kept.index(of: fraction.rawValue) else { continue }
                counted.append((index, kept.storage, offset, kept.fieldCount))
            case .exported(let field):
                guard let offset = bundle.index(of: field) else { continue }
                counted.append((index, bundle.storage, offset, k))
            }
        }
        var changes = [ExactSum](repeating: ExactSum(), count: counted.count)
        let perDriverStep = account.perDriverStep
        bundle.storage.withUnsafeBufferPointer { x in
            account.modelArea.withUnsafeBufferPointer { modelArea in
                withUnsafeTemporaryAllocation(of: Double.self, capacity: Self.storeBlock * counted.count) { changed in
                    for start in Swift.stride(from: 0, to: n, by: Self.storeBlock) {
                        let count = min(Self.storeBlock, n - start)
                        for (slot, weight) in counted.enumerated() {
                            let field = account.stores[weight.store].field, block = changed.baseAddress! + slot * Self.storeBlock
                            weight.values.withUnsafeBufferPointer { w in
                                old[weight.store].withUnsafeMutableBufferPointer { old in
                                    let w = w.baseAddress! + weight.offset, stride = weight.stride, x = x.baseAddress! + field
                                    for q in 0 ..< count {
                                        let p = start + q, new = x[p * k]
                                        block[q] = (new - old[p]) * w[p * stride] * modelArea[p] * perDriverStep
                                        old[p] = new
                                    }
                                }
                            }
                            changes[slot].add(contentsOf: UnsafeBufferPointer(start: block, count: count))
                        }
                    }
                }
            }
        }
        var byQuantity = [LedgerQuantity: ExactSum]()
        for (slot, weight) in counted.enumerated() { byQuantity[account.stores[weight.store].quantity, default: ExactSum()].add(changes[slot]) }
        return byQuantity
    }
}

/// What the ledger keeps of a component's last exports, contiguous, for its next run: its
/// stores (to count their changes) and the exported fields its inputs are weighted by (the sea
/// ice's `Si_ifrac`), so neither is read again from the exports' rows.
struct LedgerKept {
    /// Each store (in the account's order) at each point.
    var stores: [[Double]]
    /// The weight fields, and their values field by field (`weights[j * n + p]`).
    let weightFields: [String]
    var weights: [Double]

    /// Copies of `exports`' stores and weight fields, as `account` needs them.
    init(account: CouplerState.LedgerAccount, exports: FieldBundle) {
        stores = account.stores.map { exports.values(of: exports.fieldNames[$0.field]) }
        var fields = [String]()
        for sum in account.imported {
            if case .exported(let field) = sum.weight, !fields.contains(field), exports.contains(field) { fields.append(field) }
        }
        weightFields = fields
        weights = fields.flatMap { exports.values(of: $0) }
    }

    /// Copies the weight fields of `exports` (the stores are copied as they are counted).
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
