import Coupling

/// The coupler history file: every coupling field on its grid.
extension CouplerState {
    /// One bundle of the coupler's history: its name in the file (`a2x`, `x2o`, `xao`,
    /// `fractions_a`), its grid, what it holds now, and whose it is (`nil` for the fractions).
    struct HistoryEntry {
        /// Whose bundle this is, for the `histavg_*` switches.
        enum Owner: Hashable {
            case component(ComponentKind)
            /// The atmosphere–ocean fluxes and the ocean's surface on the atmosphere grid (`histavg_xao`).
            case oceanFluxes
            /// The surface fractions, always written.
            case fractions
        }
        let name: String
        let grid: CouplerGrid
        let owner: Owner
        let bundle: FieldBundle

        /// The entry as `HistoryFile` writes it (the fractions with their descriptions).
        var historyBundle: HistoryBundle {
            HistoryBundle(name: name, gridPrefix: grid.rawValue, bundle: bundle,
                          extraDescriptions: owner == .fractions ? SurfaceFractions.descriptions : [:])
        }
    }

    /// What the coupler holds now, bundle by bundle, in the order the history file shows it: on
    /// each grid, what its components sent (`a2x`) and were sent (`x2a`), the other components'
    /// exports mapped to it (`i2x_a`, `a2x_o`), the open-ocean fluxes (`xao`, and `xao_a` with
    /// the ocean's surface on the atmosphere grid) and the fractions. Bundles not formed yet are
    /// left out.
    func historyEntries() -> [HistoryEntry] {
        var entries = [HistoryEntry]()
        for grid in plan.grids where domain(of: grid) != nil {
            func add(_ name: String, _ owner: HistoryEntry.Owner, _ bundle: FieldBundle?) {
                if let bundle { entries.append(HistoryEntry(name: name, grid: grid, owner: owner, bundle: bundle)) }
            }
            for kind in plan.components(on: grid) {
                add("\(kind.letter)2x", .component(kind), received[kind])
                add("x2\(kind.letter)", .component(kind), sent[kind])
            }
            for (bundle, _) in plan.bundles {
                guard case .mapped(let kind, grid) = bundle else { continue }
                add(bundle.name, kind == .ocn && grid == .atmosphere ? .oceanFluxes : .component(kind), computed[bundle])
            }
            if grid == .ocean { add(SourceBundle.oceanFluxes.name, .oceanFluxes, computed[.oceanFluxes]) }
            add("fractions_\(grid.kind.letter)", .fractions, fractions.on(grid))
        }
        return entries
    }

    /// The coupler's grids, as history files describe them.
    var historyGrids: [HistoryGrid] {
        plan.grids.compactMap { grid in domain(of: grid).map { HistoryGrid(prefix: grid.rawValue, domain: $0) } }
    }

    /// Writes `path` with what the coupler holds now (collective over the coupler's ranks).
    func writeHistory(path: String, caseName: String, time: HistoryTime) throws {
        try HistoryFile.write(path: path, communicator: communicator, title: "coupled-driver coupler history", caseName: caseName,
                              time: time, grids: historyGrids, bundles: historyEntries().map(\.historyBundle), table: table)
    }
}
