import Coupling

/// cpl7-style heat and water budgets of what the coupler passes between components, as
/// global means: rows are the kinds of transfer (longwave down and up, sensible and latent
/// heat, shortwave, ice–ocean exchanges; rain, snow, evaporation, melt water, runoff, river
/// discharge), columns are what each component gains (atmosphere, land, river, sea ice, ocean)
/// and their sum. For a transfer between components the sum is zero up to round-off (and the
/// accuracy of the maps' geometry); `swnet` (absorbed at the surface) and `runoff` (leaving
/// the land, for the river when one runs) are not counted as transfers.
///
/// Then the water ledger (`CouplerState.countWaterAfterArrival`): `wgain`, the water each
/// component gained run by run from its inputs and exports; `dwstor`, the change of the water
/// it reports holding; `wresid` = `dwstor` − `wgain`, zero to round-off for a component that
/// conserves water. Their sum over the components is the closure of the total water: what the
/// coupler holds in transit is in `wgain`'s sum and not in the stores', so it cancels.
struct BudgetTable: Sendable {
    static let columns = ["atm", "lnd", "rof", "ice", "ocn"]
    static let heatRows = ["lwdn", "lwup", "sen", "lat", "swnet", "swpen", "melth"]
    static let waterRows = ["rain", "snow", "evap", "meltw", "runoff", "river"]
    /// The water ledger's rows: net gain and change of the store.
    static let waterGainRow = "wgain", storeChangeRow = "dwstor"
    /// Every row a table keeps.
    static let rows = heatRows + waterRows + [waterGainRow, storeChangeRow]
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
        let residual = zip(values[Self.storeChangeRow]!, values[Self.waterGainRow]!).map { $0 - $1 }.reduce(0, +)
        let gross = Self.waterRows.map { values[$0]!.map(abs).reduce(0, +) }.reduce(0, +) / 2
        return gross > 0 ? abs(residual) / gross : 0
    }

    /// The table as lines for `cpl.log` (water in 10⁻⁶ kg m⁻² s⁻¹, as cpl7 prints it). `stores`
    /// says which columns report a water store, `storeless` names the present components that
    /// do not (the water's closure is then not checked); `nil` when the ledger is not kept.
    func lines(title: String, stores: [Bool]? = nil, storeless: [String] = []) -> [String] {
        var lines = [title]
        let columns = (Self.columns + ["*SUM*"]).map { pad($0, 14) }.joined()
        lines.append(pad("heat W m-2", 14) + columns)
        for row in Self.heatRows { lines.append(format(row)) }
        lines.append(pad("water 1e-6", 14) + columns)
        for row in Self.waterRows { lines.append(format(row, scale: 1e6)) }
        lines.append("largest imbalance of a transfer between components: \(scientific(largestImbalance)) of its largest term")
        guard let stores else { return lines }
        let gain = values[Self.waterGainRow]!, change = values[Self.storeChangeRow]!
        let residual = zip(change, gain).map { $0 - $1 }
        func cells(_ v: [Double]) -> String {
            let shown = zip(v, stores).map { $1 ? pad(scientific($0 * 1e6), 14) : pad("-", 14) }
            return (shown + [pad(scientific(zip(v, stores).map { $1 ? $0 : 0 }.reduce(0, +) * 1e6), 14)]).joined()
        }
        lines.append(pad("ledger 1e-6", 14) + columns)
        lines.append(format(Self.waterGainRow, scale: 1e6))
        lines.append(pad(Self.storeChangeRow, 14) + cells(change))
        lines.append(pad("wresid", 14) + cells(residual))
        if storeless.isEmpty {
            lines.append("total water: imbalance \(scientific(waterImbalance)) of the gross exchange "
                + "(Σ dwstor − Σ wgain; the coupler's water in transit cancels)")
        } else {
            lines.append("total water: not closed, \(storeless.joined(separator: ", ")) report\(storeless.count == 1 ? "s" : "") no water store")
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
