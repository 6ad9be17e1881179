import Coupling

/// The water ledger (`ExchangeTable.waterTerms` and `waterStores`): when a component's exports
/// arrive after a run, what the run gained and lost in water — from the inputs the coupler sent
/// it and the exports it returned — and how its store changed, point by point, area-weighted,
/// as rates over a driver step (× Δt_component / Δt_driver), in the day's budget sums:
/// rows `wgain` (net gain), `wgross` (its absolute value, term by term) and `dwstor` (the
/// store's change). Counted run by run, gain and store change of a component that conserves
/// water are equal to round-off, whatever its coupling interval; the water in transit (in
/// the coupler, or sent to a component whose run is not yet back) is the difference of the
/// gains' sum over the components from 0.
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
        var nothingKept: WaterKept?
        waterPending[kind] = count(account.imported, of: account, from: inputs, weights: .kept(kept), updating: &nothingKept)
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
        // Taken out while updated, so the pass writes into the only copy of its arrays.
        var kept = waterKept.removeValue(forKey: kind)
        let exported = count(account.exported, of: account, from: exports, weights: .bundle(exports), updating: &kept)
        kept?.keepWeights(of: exports)
        waterKept[kind] = kept
        let counted = [imported, exported].compactMap { $0 }
        guard !counted.isEmpty else { return }
        let gain = ledger.position(row: BudgetTable.waterGainRow, column: account.column)
        let gross = ledger.position(row: BudgetTable.waterGrossRow, column: account.column)
        let change = exported?.storeChange.map { ($0, ledger.position(row: BudgetTable.storeChangeRow, column: account.column)) }
        ledger.add { sums in
            for part in counted {
                sums[gain].add(part.gain)
                sums[gross].add(part.gross)
            }
            if let (sum, position) = change { sums[position].add(sum) }
        }
    }

    /// What one pass of the ledger counted: the rows `wgain` and `wgross`, and `dwstor` when it
    /// counted a store's change.
    struct WaterCount {
        var gain = ExactSum()
        var gross = ExactSum()
        var storeChange: ExactSum?
    }

    /// Points whose values the ledger forms before adding them together.
    private static let ledgerBlock = 256

    /// Where a pass reads its `exported` weights: the bundle it counts, or the copies kept.
    private enum WeightSource {
        case bundle(FieldBundle)
        case kept(WaterKept)
    }

    /// A term resolved to addresses for one pass over the points: its fields are
    /// `fields[firstField ..< firstField + fieldCount]` of the pass's list.
    private struct Pass {
        let firstField: Int
        let fieldCount: Int
        let factor: Double
        let weight: UnsafePointer<Double>?
        let weightStride: Int
        let frazil: Bool
    }

    /// Counts `terms`, read from `bundle` with `weights`, for the rows `wgain` and `wgross` of
    /// `account`'s column — for each point and term, sign × Δt_component / Δt_driver × weight ×
    /// area × the sum of the fields (their positive part over L_f for frazil) — and, with
    /// `kept`, the change of the store in `bundle` since `kept` for the row `dwstor`, leaving in
    /// `kept` the store of `bundle`; `nil` when there is nothing to count. One pass over the
    /// points: a bundle holds its fields point by point.
    private func count(_ terms: [WaterAccount.Term], of account: WaterAccount, from bundle: FieldBundle, weights: WeightSource,
                       updating kept: inout WaterKept?) -> WaterCount? {
        let n = bundle.pointCount, k = bundle.fieldCount
        let store = kept.flatMap { _ in account.store }
        guard n > 0, !terms.isEmpty || store != nil, let area = mapArea(of: account.grid) ?? domain(of: account.grid)?.area else { return nil }
        var counted = WaterCount()
        let fractionBundle = fractions.on(account.grid) ?? FieldBundle(fields: [], pointCount: 0)
        let perDriverStep = account.perDriverStep
        let weightRows: [Double], weightStride: Int, weightPosition: (String) -> Int?
        switch weights {
        case .bundle(let source): (weightRows, weightStride, weightPosition) = (source.storage, source.fieldCount, source.index(of:))
        case .kept(let copies): (weightRows, weightStride, weightPosition) = (copies.weights, 1, { copies.weightFields.firstIndex(of: $0).map { $0 * n } })
        }
        var keptCopy = kept.take()
        defer { kept = keptCopy }
        fractionBundle.storage.withUnsafeBufferPointer { f in
            weightRows.withUnsafeBufferPointer { w in
                // The weight's address and stride; `nil` weight for the whole cell, no pass for a
                // fraction the coupler does not keep here (it weighs nothing).
                func address(_ weight: WaterWeight) -> (UnsafePointer<Double>?, Int)? {
                    switch weight {
                    case .cell: return (nil, 0)
                    case .fraction(let fraction):
                        return fractionBundle.index(of: fraction.rawValue).map { (f.baseAddress! + $0, fractionBundle.fieldCount) }
                    case .exported(let field): return weightPosition(field).map { (w.baseAddress! + $0, weightStride) }
                    }
                }
                var passes = [Pass](), fields = [Int]()
                for resolved in terms {
                    guard let (weight, stride) = address(resolved.term.weight) else { continue }
                    passes.append(Pass(firstField: fields.count, fieldCount: resolved.fields.count, factor: resolved.term.sign * account.steps,
                                       weight: weight, weightStride: stride, frazil: resolved.term.frazil))
                    fields += resolved.fields
                }
                let storeWeight = store.flatMap { address($0.weight) }
                bundle.storage.withUnsafeBufferPointer { x in
                    area.withUnsafeBufferPointer { a in
                        account.modelArea.withUnsafeBufferPointer { modelArea in
                            passes.withUnsafeBufferPointer { passes in
                            fields.withUnsafeBufferPointer { fields in
                                let x = x.baseAddress!
                                // Each point's gain and gross in blocks of points, term after term
                                // (each point adds its terms in order), each block added at once.
                                withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * Self.ledgerBlock) { values in
                                    let gained = values.baseAddress!, absolute = gained + Self.ledgerBlock
                                    for start in stride(from: 0, to: n, by: Self.ledgerBlock) {
                                        let count = min(Self.ledgerBlock, n - start)
                                        gained.initialize(repeating: 0, count: count)
                                        absolute.initialize(repeating: 0, count: count)
                                        for pass in passes {
                                            let fields = fields[pass.firstField ..< pass.firstField + pass.fieldCount], factor = pass.factor
                                            for q in 0 ..< count {
                                                let p = start + q
                                                let weight = pass.weight?[p * pass.weightStride] ?? 1
                                                // Nothing to add where the weight is 0.
                                                if weight == 0 { continue }
                                                var value = 0.0
                                                for field in fields { value += x[p * k + field] }
                                                if pass.frazil { value = max(0, value) / PhysicalConstants.latentHeatOfFusion }
                                                let water = factor * weight * a[p] * value
                                                gained[q] += water
                                                absolute[q] += abs(water)
                                            }
                                        }
                                        counted.gain.add(contentsOf: UnsafeBufferPointer(start: gained, count: count))
                                        counted.gross.add(contentsOf: UnsafeBufferPointer(start: absolute, count: count))
                                    }
                                    guard let store, let (weight, stride) = storeWeight else { return }
                                    let changed = values.baseAddress!
                                    var change = ExactSum()
                                    keptCopy!.store.withUnsafeMutableBufferPointer { old in
                                        for start in Swift.stride(from: 0, to: n, by: 2 * Self.ledgerBlock) {
                                            let count = min(2 * Self.ledgerBlock, n - start)
                                            for q in 0 ..< count {
                                                let p = start + q, new = x[p * k + store.field]
                                                changed[q] = (new - old[p]) * (weight?[p * stride] ?? 1) * modelArea[p] * perDriverStep
                                                old[p] = new
                                            }
                                            change.add(contentsOf: UnsafeBufferPointer(start: changed, count: count))
                                        }
                                    }
                                    counted.storeChange = change
                                }
                            }
                            }
                        }
                    }
                }
            }
        }
        return counted
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
