import Coupling
import MPI

/// This step's budget terms, from the fields the coupler passed.
extension CouplerState {
    /// Adds the area-weighted terms of this step's transfers, point by point, to `budget`.
    func addBudgetTerms(to budget: BudgetAccumulator) {
        if let atmosphere = atmosphereGrid {
            let area = maps?.atmosphereArea ?? atmosphere.area
            let lfrac = fractions.onAtmosphere("lfrac")
            func add(_ row: String, _ column: Int, _ bundle: FieldBundle?, _ fields: [String], fraction: [Double]?, sign: Double) {
                guard let bundle, fields.allSatisfy({ bundle.contains($0) }) else { return }
                let indices = fields.map { bundle.index(of: $0)! }, k = bundle.fieldCount
                bundle.storage.withUnsafeBufferPointer { s in
                    budget.add(row: row, column: column, grid: "atm", count: area.count) { p in
                        var value = 0.0
                        for f in indices { value += s[p * k + f] }
                        return sign * area[p] * (fraction?[p] ?? 1) * value
                    }
                }
            }
            let a2x = received[.atm], x2a = sent[.atm], l2x = received[.lnd]
            add("lwdn", 0, a2x, ["Faxa_lwdn"], fraction: nil, sign: -1)
            add("lwdn", 1, a2x, ["Faxa_lwdn"], fraction: lfrac, sign: 1)
            add("rain", 0, a2x, ["Faxa_rainc", "Faxa_rainl"], fraction: nil, sign: -1)
            add("rain", 1, a2x, ["Faxa_rainc", "Faxa_rainl"], fraction: lfrac, sign: 1)
            add("snow", 0, a2x, ["Faxa_snowc", "Faxa_snowl"], fraction: nil, sign: -1)
            add("snow", 1, a2x, ["Faxa_snowc", "Faxa_snowl"], fraction: lfrac, sign: 1)
            for (row, merged, land) in [("lwup", "Faxx_lwup", "Fall_lwup"), ("sen", "Faxx_sen", "Fall_sen"),
                                        ("lat", "Faxx_lat", "Fall_lat"), ("evap", "Faxx_evap", "Fall_evap")] {
                add(row, 0, x2a, [merged], fraction: nil, sign: -1)
                add(row, 1, l2x, [land], fraction: lfrac, sign: 1)
            }
            add("swnet", 1, l2x, ["Fall_swnet"], fraction: lfrac, sign: 1)
            add("runoff", 1, l2x, ["Fall_rofl"], fraction: lfrac, sign: -1)
        }
        if let ocean = oceanGrid {
            let area = maps?.oceanArea ?? ocean.area
            let ifrac = fractions.onOcean("ifrac"), ofrac = fractions.onOcean("ofrac")
            func add(_ row: String, _ column: Int, _ bundle: FieldBundle?, _ field: String, fraction: [Double], sign: Double) {
                guard let bundle, let f = bundle.index(of: field) else { return }
                let k = bundle.fieldCount
                bundle.storage.withUnsafeBufferPointer { s in
                    budget.add(row: row, column: column, grid: "ocn", count: area.count) { p in sign * area[p] * fraction[p] * s[p * k + f] }
                }
            }
            let a2xo = atmosphereOnOcean, i2x = received[.ice], xao = oceanFluxes
            for (row, field) in [("lwdn", "Faxa_lwdn"), ("rain", "Faxa_rain"), ("snow", "Faxa_snow")] {
                if received[.ice] != nil { add(row, 2, a2xo, field, fraction: ifrac, sign: 1) }
                if received[.ocn] != nil { add(row, 3, a2xo, field, fraction: ofrac, sign: 1) }
            }
            for (row, iceField, oceanField) in [("lwup", "Faii_lwup", "Faox_lwup"), ("sen", "Faii_sen", "Faox_sen"),
                                                ("lat", "Faii_lat", "Faox_lat"), ("evap", "Faii_evap", "Faox_evap"),
                                                ("swnet", "Faii_swnet", "Faox_swnet")] {
                add(row, 2, i2x, iceField, fraction: ifrac, sign: 1)
                if received[.ocn] != nil { add(row, 3, xao, oceanField, fraction: ofrac, sign: 1) }
            }
            if received[.ocn] != nil {
                for (row, field) in [("swpen", "Fioi_swpen"), ("melth", "Fioi_melth"), ("meltw", "Fioi_meltw")] {
                    add(row, 2, i2x, field, fraction: ifrac, sign: -1)
                    add(row, 3, i2x, field, fraction: ifrac, sign: 1)
                }
            }
        }
        budget.endStep()
    }
}
