import Coupling

/// The coupler history file: every coupling field on its grid.
extension CouplerState {
    /// Writes `path` with what the coupler holds now (collective over the coupler's ranks): on
    /// each grid, what its components sent (`a2x`) and were sent (`x2a`), the other components'
    /// exports mapped to it (`i2x_a`, `a2x_o`), the open-ocean fluxes (`xao`, and `xao_a` with
    /// the ocean's surface on the atmosphere grid) and the fractions.
    func writeHistory(path: String, caseName: String, time: (days: Double, units: String, calendar: String)) throws {
        var grids = [HistoryGrid]()
        var bundles = [HistoryBundle]()
        for grid in plan.grids {
            guard let domain = domain(of: grid) else { continue }
            let prefix = grid.rawValue
            grids.append(HistoryGrid(prefix: prefix, domain: domain))
            var entries = [(String, FieldBundle?)]()
            for kind in plan.components(on: grid) { entries += [("\(kind.letter)2x", received[kind]), ("x2\(kind.letter)", sent[kind])] }
            for (bundle, _) in plan.bundles {
                if case .mapped(_, grid) = bundle { entries.append((bundle.name, computed[bundle])) }
            }
            if grid == .ocean { entries.append((SourceBundle.oceanFluxes.name, computed[.oceanFluxes])) }
            for (name, bundle) in entries { if let bundle { bundles.append(HistoryBundle(name: name, gridPrefix: prefix, bundle: bundle)) } }
            if let fractions = fractions.on(grid) {
                bundles.append(HistoryBundle(name: "fractions_\(grid.kind.letter)", gridPrefix: prefix, bundle: fractions,
                                             extraDescriptions: SurfaceFractions.descriptions))
            }
        }
        try HistoryFile.write(path: path, communicator: communicator, title: "coupled-driver coupler history", caseName: caseName,
                              time: time, grids: grids, bundles: bundles, table: table)
    }
}
