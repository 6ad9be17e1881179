import Coupling
import TimeManager

/// The coupler's part of a restart: what the next step reads that it cannot recompute — the
/// components' last exports (the ocean's are one interval old), the ocean's and the river's
/// forcing summed so far in their current intervals, the budget sums, and under `CESM1_ORIG` the ocean fluxes (the
/// next step's forcing reads them before they are recomputed), the sums of the averaged history
/// — plus the run's identity.
/// Fractions, the exports mapped to other grids and otherwise the ocean fluxes are recomputed
/// from these, bit for bit.
extension CouplerState {
    /// The received bundles, their variables' prefixes (`a2x`) and the grid each is on.
    private var savedBundles: [(kind: ComponentKind, prefix: String, grid: Domain?)] {
        plan.grids.flatMap(plan.components(on:)).map { ($0, SourceBundle.received($0).name, domain(of: plan.grid(of: $0))) }
    }

    /// The components whose forcing sums the restart holds: the ocean's always (its count is
    /// 0 without an ocean), another averaged importer's when it takes part.
    private var summedForcing: [ComponentKind] {
        table.averagedImporters.sorted().filter { $0 == .ocn || plan.importsAnything($0) }
    }

    /// Writes the coupler's restart file (collective over the coupler's ranks).
    func saveRestart(to path: String, metadata: RestartMetadata, currentTime: ModelTime, budgets: BudgetPeriods) throws {
        let writer = RestartWriter(communicator: communicator, domain: restartDomain)
        for (key, value) in metadata.values.sorted(by: { $0.key < $1.key }) { writer.addText(key, value) }
        writer.addNumber("current_time", Double(currentTime.seconds))
        for (kind, prefix, grid) in savedBundles {
            guard let bundle = received[kind], let grid else { continue }
            for field in bundle.fieldNames { writer.addField("\(prefix)_\(field)", bundle.values(of: field), on: grid) }
        }
        for kind in summedForcing {
            let sum = forcingSums[kind], prefix = "x2\(kind.letter)_sum"
            writer.addNumber("\(prefix)_count", Double(sum?.count ?? 0))
            if let values = sum?.values, let grid = domain(of: plan.grid(of: kind)) {
                for field in values.fieldNames { writer.addField("\(prefix)_\(field)", values.values(of: field), on: grid) }
            }
        }
        if fluxesOutliveStep, let fluxes = computed[.oceanFluxes], let ocean = oceanGrid {
            for field in fluxes.fieldNames { writer.addField("\(SourceBundle.oceanFluxes.name)_\(field)", fluxes.values(of: field), on: ocean) }
        }
        // The day's exact sums over the ranks, as their limbs: row:column:high:middle:low.
        let daySums = try budgets.day.globalSums(communicator: communicator)
        writer.addText("budget_day_sums", zip(budgets.day.terms, daySums).map { term, sum in
            guard let (high, middle, low) = sum.parts else { return "\(term.row):\(term.column):nan" }
            return "\(term.row):\(term.column):\(high):\(middle):\(low)"
        }.joined(separator: " "))
        writer.addNumber("budget_day_steps", Double(budgets.day.steps))
        for span in BudgetPeriods.Span.allCases {
            let name = span.rawValue, period = budgets.spans[span]!
            writer.addNumber("budget_\(name)_steps", Double(period.steps))
            for (row, values) in period.table.values.sorted(by: { $0.key < $1.key }) {
                for (column, value) in values.enumerated() { writer.addNumber("budget_\(name)_\(row)_\(column)", value) }
            }
        }
        saveAveragedHistory(to: writer)
        try writer.write(to: path, title: "coupled-driver coupler restart")
    }

    /// Restores the state `saveRestart` wrote (collective over the coupler's ranks; any layout).
    func restore(from reader: RestartReader, budgets: inout BudgetPeriods) throws {
        budgetCounted = [:]
        ledgerKept = [:]
        ledgerPending = [:]
        for (kind, prefix, grid) in savedBundles {
            guard var bundle = received[kind], let grid else { continue }
            for field in bundle.fieldNames { bundle.setValues(try reader.field("\(prefix)_\(field)", on: grid), of: field) }
            received[kind] = bundle
        }
        for kind in summedForcing {
            let prefix = "x2\(kind.letter)_sum", count = Int(try reader.number("\(prefix)_count"))
            forcingSums[kind] = nil
            guard count > 0, let grid = domain(of: plan.grid(of: kind)) else { continue }
            var values = FieldBundle(fields: table.imports(of: kind), pointCount: grid.localSize)
            for field in values.fieldNames { values.setValues(try reader.field("\(prefix)_\(field)", on: grid), of: field) }
            forcingSums[kind] = ForcingSum(values: values, count: count)
        }
        var terms = [BudgetAccumulator.Term](), sums = [ExactSum]()
        func malformed(_ item: Substring) -> RestartError {
            RestartError(path: reader.path, "budget_day_sums holds '\(item)', not row:column:high:middle:low")
        }
        let saved = try reader.text("budget_day_sums")
        for item in saved.split(separator: " ") {
            let parts = item.split(separator: ":")
            guard parts.count >= 3, let column = Int(parts[1]) else { throw malformed(item) }
            guard BudgetTable.rows.contains(String(parts[0])), BudgetTable.columns.indices.contains(column) else {
                throw RestartError(path: reader.path, "budget_day_sums holds '\(item)', a cell the budget table does not have "
                    + "(a restart set of another version?)")
            }
            if parts.count == 3, parts[2] == "nan" {
                sums.append(.notHeld)
            } else if parts.count == 5, let high = Int64(parts[2]), let middle = Int64(parts[3]), let low = Int64(parts[4]) {
                sums.append(ExactSum(high: high, middle: middle, low: low))
            } else {
                throw malformed(item)
            }
            terms.append(BudgetAccumulator.Term(row: String(parts[0]), column: column))
        }
        budgets.day.restore(terms: terms, sums: sums, steps: Int(try reader.number("budget_day_steps")), holdsSums: communicator.rank == 0)
        for span in BudgetPeriods.Span.allCases {
            let name = span.rawValue
            var table = BudgetTable.zero
            for row in BudgetTable.rows {
                for column in BudgetTable.columns.indices { table.values[row]![column] = try reader.number("budget_\(name)_\(row)_\(column)") }
            }
            budgets.spans[span] = (table, Int(try reader.number("budget_\(name)_steps")))
        }
        try restoreAveragedHistory(from: reader)
        for kind in plan.present where received[kind] != nil { try mapOnArrival(kind) }
        try updateFractions()
        try mapAtmosphereToOcean()
        try computeOceanFluxes()
        if fluxesOutliveStep, var fluxes = computed[.oceanFluxes], let ocean = oceanGrid {
            for field in fluxes.fieldNames { fluxes.setValues(try reader.field("\(SourceBundle.oceanFluxes.name)_\(field)", on: ocean), of: field) }
            computed[.oceanFluxes] = fluxes
        }
    }
}
