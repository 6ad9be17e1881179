import Coupling

/// cpl7-style heat and water budgets of what the coupler passes between components, as
/// global means: rows are the kinds of transfer (longwave down and up, sensible and latent
/// heat, shortwave, ice–ocean exchanges; rain, snow, evaporation, melt water, runoff, river
/// discharge), columns are what each component gains (atmosphere, land, river, sea ice, ocean)
/// and their sum. For a transfer between components the sum is zero up to round-off (and the
/// accuracy of the maps' geometry); `swnet` (absorbed at the surface) and `runoff` (leaving
/// the land, for the river when one runs) are not counted as transfers.
///
/// Then the ledger (`CouplerState.countLedgerAfterArrival`): `wgain` and `hgain`, the water
/// and heat each component gained run by run from its inputs and exports; `dwstor` and
/// `dhstor`, the change of the water and heat it reports holding; `wresid` = `dwstor` − `wgain`
/// (and `hresid`), zero to round-off for a component that conserves water (heat), else what it
/// took from outside the coupled system. Their sum over the components is the closure of the
/// total: what the coupler holds in transit is in the gains' sum and not in the stores', so it
/// cancels.
struct BudgetTable: Sendable {
    static let columns = ["atm", "lnd", "rof", "ice", "ocn"]
    static let heatRows = ["lwdn", "lwup", "sen", "lat", "swnet", "swpen", "melth"]
    static let waterRows = ["rain", "snow", "evap", "meltw", "runoff", "river"]
    /// The names of the ledger's rows of a quantity: its net gain and its store's change (kept)
    /// and their difference (printed).
    struct LedgerRows {
        let gain, storeChange, residual: String
    }
    static func ledgerRows(of quantity: LedgerQuantity) -> LedgerRows {
        switch quantity {
        case .water: LedgerRows(gain: "wgain", storeChange: "dwstor", residual: "wresid")
        case .heat: LedgerRows(gain: "hgain", storeChange: "dhstor", residual: "hresid")
        }
    }
    /// Every row a table keeps.
    static let rows = heatRows + waterRows + LedgerQuantity.allCases.flatMap { [ledgerRows(of: $0).gain, ledgerRows(of: $0).storeChange] }
    /// Rows that are not transfers between components (no zero sum expected).
    static let notTransfers: Set<String> = ["swnet", "runoff"]

    /// values[row][column], global means (W m⁻² or kg m⁻² s⁻¹).
    var values: [String: [Double]] = [:]

    static let zero: BudgetTable = {
        var table = BudgetTable()
        for row in rows { table.values[row] = [Double](repeating: 0, count: columns.count) }
        return table
    }()

    static func + (a: BudgetTable, b: BudgetTable) -> BudgetTable {
        var sum = a
        for (row, v) in b.values { sum.values[row] = zip(sum.values[row]!, v).map(+) }
        return sum
    }

    func scaled(by factor: Double) -> BudgetTable {
        var result = self
        for (row, v) in values { result.values[row] = v.map { $0 * factor } }
        return result
    }

    /// The largest |sum| of a transfer row relative to its largest term.
    var largestImbalance: Double {
        var worst = 0.0
        for row in Self.heatRows + Self.waterRows where !Self.notTransfers.contains(row) {
            let v = values[row]!, scale = v.map(abs).max() ?? 0
            if scale > 0 { worst = max(worst, abs(v.reduce(0, +)) / scale) }
        }
        return worst
    }

    /// The total water's imbalance, Σ (`dwstor` − `wgain`) over the components, relative to
    /// the gross exchange: the water the water rows (rain … river) move, half the sum of their
    /// terms' absolute values (each transfer is a gain and a loss).
    var waterImbalance: Double {
        let rows = Self.ledgerRows(of: .water)
        let residual = zip(values[rows.storeChange]!, values[rows.gain]!).map { $0 - $1 }.reduce(0, +)
        let gross = Self.waterRows.map { values[$0]!.map(abs).reduce(0, +) }.reduce(0, +) / 2
        return gross > 0 ? abs(residual) / gross : 0
    }

    /// Which components report a store of each quantity and which present ones do not: what a
    /// table's ledger shows.
    struct LedgerColumns {
        /// By quantity, whether each column reports a store.
        let stores: [LedgerQuantity: [Bool]]
        /// By quantity, the present components that report none.
        let storeless: [LedgerQuantity: [String]]
    }

    /// The table as lines for `cpl.log` (water in 10⁻⁶ kg m⁻² s⁻¹, as cpl7 prints it), with the
    /// ledger when `ledger` says whose stores it shows (`nil` when the ledger is not kept).
    func lines(title: String, ledger: LedgerColumns? = nil) -> [String] {
        var lines = [title]
        let columns = (Self.columns + ["*SUM*"]).map { pad($0, 14) }.joined()
        lines.append(pad("heat W m-2", 14) + columns)
        for row in Self.heatRows { lines.append(format(row)) }
        lines.append(pad("water 1e-6", 14) + columns)
        for row in Self.waterRows { lines.append(format(row, scale: 1e6)) }
        lines.append("largest imbalance of a transfer between components: \(scientific(largestImbalance)) of its largest term")
        guard let ledger else { return lines }
        for quantity in LedgerQuantity.allCases {
            let stores = ledger.stores[quantity]!, storeless = ledger.storeless[quantity]!
            let water = quantity == .water, scale = water ? 1e6 : 1, rows = Self.ledgerRows(of: quantity)
            let gain = values[rows.gain]!, change = values[rows.storeChange]!
            let residual = zip(change, gain).map { $0 - $1 }
            func cells(_ v: [Double], where shown: [Bool]) -> String {
                let cells = zip(v, shown).map { $1 ? pad(scientific($0 * scale), 14) : pad("-", 14) }
                return (cells + [pad(scientific(zip(v, shown).map { $1 ? $0 : 0 }.reduce(0, +) * scale), 14)]).joined()
            }
            lines.append(pad(water ? "ledger 1e-6" : "ledger W m-2", 14) + columns)
            // The heat gained is shown only where it is kept: beside a heat store.
            lines.append(pad(rows.gain, 14) + cells(gain, where: water ? Self.columns.map { _ in true } : stores))
            lines.append(pad(rows.storeChange, 14) + cells(change, where: stores))
            lines.append(pad(rows.residual, 14) + cells(residual, where: stores))
            let without = storeless.joined(separator: ", ") + (storeless.count == 1 ? " reports" : " report")
            if water {
                lines.append(storeless.isEmpty
                    ? "total water: imbalance \(scientific(waterImbalance)) of the gross exchange (Σ dwstor − Σ wgain; the coupler's water in transit cancels)"
                    : "total water: not closed, \(without) no water store")
            } else {
                lines.append("heat: hresid is what a component took from outside the coupled system (0 if it keeps its heat)"
                    + (storeless.isEmpty ? "" : "; \(without) no heat store"))
            }
        }
        return lines
    }

    private func format(_ row: String, scale: Double = 1) -> String {
        let v = values[row]!.map { $0 * scale }
        return pad(row, 14) + (v + [v.reduce(0, +)]).map { pad(scientific($0), 14) }.joined()
    }
}

/// Text padded with spaces to `width` (not cut).
private func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
}

/// A number in scientific notation with 5 significant digits (`-3.4125e+02`).
func scientific(_ value: Double) -> String {
    guard value.isFinite else { return "\(value)" }
    if value == 0 { return "0" }
    var exponent = 0
    var mantissa = abs(value)
    while mantissa >= 10 { mantissa /= 10; exponent += 1 }
    while mantissa < 1 { mantissa *= 10; exponent -= 1 }
    var digits = Int((mantissa * 10_000).rounded())
    if digits >= 100_000 { digits /= 10; exponent += 1 }
    let text = "\(digits / 10_000).\(String(repeating: "0", count: 4 - "\(digits % 10_000)".count))\(digits % 10_000)"
    let e = abs(exponent) < 10 ? "0\(abs(exponent))" : "\(abs(exponent))"
    return (value < 0 ? "-" : "") + text + "e" + (exponent < 0 ? "-" : "+") + e
}
