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

    /// Before component `kind`'s exports arrive: counts what its run gained from the inputs it
    /// was sent, and returns its store as it was.
    func countWaterBeforeArrival(of kind: ComponentKind) -> [Double]? {
        guard let ledger = waterLedger, let account = waterAccounts[kind], let previous = received[kind] else { return nil }
        if let inputs = sent[kind] { count(account.imported, of: account, from: inputs, weightsFrom: previous, to: ledger) }
        return account.store.map { previous.values(of: previous.fieldNames[$0.field]) }
    }

    /// After component `kind`'s exports arrived (area-corrected): counts what its run lost and
    /// gained in them, and the change of its store from `previousStore`.
    func countWaterAfterArrival(of kind: ComponentKind, previousStore: [Double]?) {
        guard let ledger = waterLedger, let account = waterAccounts[kind], let exports = received[kind] else { return }
        count(account.exported, of: account, from: exports, weightsFrom: exports, previousStore: previousStore, to: ledger)
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

    /// Adds `terms`, read from `bundle` with weights from `weightSource`, to the rows `wgain` and
    /// `wgross` of `account`'s column — for each point and term, sign × Δt_component / Δt_driver
    /// × weight × area × the sum of the fields (their positive part over L_f for frazil) — and,
    /// with `previousStore`, the change of the store in `bundle` to the row `dwstor`. One pass
    /// over the points: a bundle holds its fields point by point.
    private func count(_ terms: [WaterAccount.Term], of account: WaterAccount, from bundle: FieldBundle, weightsFrom weightSource: FieldBundle,
                       previousStore: [Double]? = nil, to ledger: BudgetAccumulator) {
        let n = bundle.pointCount, k = bundle.fieldCount
        let store = previousStore.flatMap { old in account.store.map { (field: $0.field, weight: $0.weight, old: old) } }
        guard n > 0, !terms.isEmpty || store != nil, let area = mapArea(of: account.grid) ?? domain(of: account.grid)?.area else { return }
        let gain = ledger.position(row: BudgetTable.waterGainRow, column: account.column)
        let gross = ledger.position(row: BudgetTable.waterGrossRow, column: account.column)
        let change = store.map { _ in ledger.position(row: BudgetTable.storeChangeRow, column: account.column) }
        let fractionBundle = fractions.on(account.grid) ?? FieldBundle(fields: [], pointCount: 0)
        let perDriverStep = account.perDriverStep
        fractionBundle.storage.withUnsafeBufferPointer { f in
            weightSource.storage.withUnsafeBufferPointer { w in
                // The weight's address and stride; `nil` weight for the whole cell, no pass for a
                // fraction the coupler does not keep here (it weighs nothing).
                func address(_ weight: WaterWeight) -> (UnsafePointer<Double>?, Int)? {
                    switch weight {
                    case .cell: return (nil, 0)
                    case .fraction(let fraction):
                        return fractionBundle.index(of: fraction.rawValue).map { (f.baseAddress! + $0, fractionBundle.fieldCount) }
                    case .exported(let field): return weightSource.index(of: field).map { (w.baseAddress! + $0, weightSource.fieldCount) }
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
                            (store?.old ?? []).withUnsafeBufferPointer { old in
                                passes.withUnsafeBufferPointer { passes in
                                fields.withUnsafeBufferPointer { fields in
                                ledger.add { sums in
                                    let x = x.baseAddress!
                                    var gainSum = ExactSum(), grossSum = ExactSum(), changeSum = ExactSum()
                                    for p in 0 ..< n {
                                        var gained = 0.0, absolute = 0.0
                                        for pass in passes {
                                            let weight = pass.weight?[p * pass.weightStride] ?? 1
                                            // Nothing to add where the weight is 0 (`gained` never holds −0).
                                            if weight == 0 { continue }
                                            var value = 0.0
                                            for j in pass.firstField ..< pass.firstField + pass.fieldCount { value += x[p * k + fields[j]] }
                                            if pass.frazil { value = max(0, value) / PhysicalConstants.latentHeatOfFusion }
                                            let water = pass.factor * weight * a[p] * value
                                            gained += water
                                            absolute += abs(water)
                                        }
                                        if absolute != 0 {
                                            gainSum.add(gained)
                                            grossSum.add(absolute)
                                        }
                                        if let store, let (weight, stride) = storeWeight {
                                            changeSum.add((x[p * k + store.field] - old[p]) * (weight?[p * stride] ?? 1) * modelArea[p] * perDriverStep)
                                        }
                                    }
                                    sums[gain].add(gainSum)
                                    sums[gross].add(grossSum)
                                    if let change { sums[change].add(changeSum) }
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
