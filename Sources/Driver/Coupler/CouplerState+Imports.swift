import Coupling

/// Where the coupler keeps each field on each of its grids, and each component's imports as the
/// exchange table forms them (`ImportPlan`, resolved once).
extension CouplerState {
    /// The coupler's bundles that imports read, numbered for `ImportPlan`.
    enum SourceBundle: Int, CaseIterable {
        /// What each component last exported, on its own grid.
        case atmosphere, land, ice, ocean
        /// The ice's exports and the ocean's surface with the coupler's open-ocean fluxes, on
        /// the atmosphere grid (fraction-weighted).
        case iceOnAtmosphere, oceanOnAtmosphere
        /// The atmosphere's exports and their sums on the ocean grid.
        case atmosphereOnOcean
        /// The coupler's open-ocean fluxes on the ocean grid.
        case oceanFluxes
        /// For a land on its own grid: the atmosphere's exports on the land grid, and the land's
        /// exports on the atmosphere grid (weighted by the land's fraction).
        case atmosphereOnLand, landOnAtmosphere

        /// The bundle of what component `kind` exported, if the coupler keeps one.
        static func received(_ kind: ComponentKind) -> SourceBundle? {
            switch kind {
            case .atm: .atmosphere
            case .lnd: .land
            case .ice: .ice
            case .ocn: .ocean
            case .rof, .glc, .wav, .cpl: nil
            }
        }

        /// The bundle holding component `kind`'s exports mapped to `grid`, if the coupler keeps one.
        static func mapped(_ kind: ComponentKind, to grid: SurfaceGrid) -> SourceBundle? {
            switch (kind, grid) {
            case (.atm, .ocean): .atmosphereOnOcean
            case (.atm, .land): .atmosphereOnLand
            case (.lnd, .atmosphere): .landOnAtmosphere
            case (.ice, .atmosphere): .iceOnAtmosphere
            case (.ocn, .atmosphere): .oceanOnAtmosphere
            default: nil
            }
        }
    }

    /// Whether the coupler holds a grid for component `kind`: its own (atm, ocn, a land on its
    /// own grid) or the one it shares (lnd on the atmosphere's, ice on the ocean's).
    static func holdsGrid(of kind: ComponentKind) -> Bool { SourceBundle.received(kind) != nil }

    /// The fields of each source bundle, known once the components have said what they export.
    static func sourceFields(plan: CouplingPlan, table: ExchangeTable) -> [SourceBundle: [String]] {
        func exported(_ kind: ComponentKind) -> [String] { plan.summary(kind)?.exports ?? [] }
        let mappedAtmosphere = table.exports(of: .atm).filter(exported(.atm).contains)
        let sums = table.sums(ofExportsOf: .atm).filter { $0.parts.allSatisfy(mappedAtmosphere.contains) }.map(\.field)
        // The fields of `kind` that components on the atmosphere grid read: the atmosphere's merges
        // (the ocean's surface temperature, the land's surface), and what a land on that grid
        // imports of them.
        let onAtmosphereGrid = ComponentKind.models.compactMap { plan.grid(of: $0) == .atmosphere ? plan.summary($0) : nil }
        func readByAtmosphere(_ kind: ComponentKind) -> [String] {
            table.exports(of: kind).filter { field in
                onAtmosphereGrid.contains { importer in
                    importer.imports.contains { table.sources(of: $0, importedBy: importer.kind).contains(field) }
                }
            }
        }
        return [.atmosphere: exported(.atm), .land: exported(.lnd), .ice: exported(.ice), .ocean: exported(.ocn),
                .iceOnAtmosphere: table.exports(of: .ice).filter(exported(.ice).contains),
                .oceanOnAtmosphere: readByAtmosphere(.ocn) + (plan.computesOceanFluxes ? table.atmosphereOceanFluxes : []),
                .atmosphereOnOcean: mappedAtmosphere + sums, .oceanFluxes: table.atmosphereOceanFluxes,
                .atmosphereOnLand: mappedAtmosphere.filter { (plan.summary(.lnd)?.imports ?? []).contains($0) },
                .landOnAtmosphere: readByAtmosphere(.lnd)]
    }

    /// The bundle that holds `field` on the grid of component `importer`, if any.
    static func source(of field: String, for importer: ComponentKind, plan: CouplingPlan, table: ExchangeTable,
                       fields: [SourceBundle: [String]]) -> SourceBundle? {
        let grid = plan.grid(of: importer)
        let candidate: SourceBundle?
        switch table.declaration(of: field)?.origin {
        case .component(let kind)?: candidate = plan.grid(of: kind) == grid ? .received(kind) : .mapped(kind, to: grid)
        case .sum?: candidate = grid == .ocean ? .atmosphereOnOcean : nil
        case .atmosphereOceanFlux?: candidate = grid == .ocean ? .oceanFluxes : grid == .atmosphere ? .oceanOnAtmosphere : nil
        case .importOnly?, nil: candidate = nil
        }
        guard let candidate, fields[candidate]?.contains(field) == true else { return nil }
        return candidate
    }

    /// The import plan of every present component that imports something.
    static func importPlans(plan: CouplingPlan, table: ExchangeTable, fields: [SourceBundle: [String]]) -> [ComponentKind: ImportPlan] {
        var plans = [ComponentKind: ImportPlan]()
        for kind in ComponentKind.models where !(plan.summary(kind)?.imports.isEmpty ?? true) {
            plans[kind] = ImportPlan(importer: kind, fields: table.imports(of: kind), table: table) { field in
                source(of: field, for: kind, plan: plan, table: table, fields: fields).map { bundle in
                    (bundle.rawValue, fields[bundle]!.firstIndex(of: field)!)
                }
            }
        }
        return plans
    }

    /// Component `kind`'s imports from the coupler's bundles as they are now (`nil` when it
    /// imports nothing).
    func formImports(for kind: ComponentKind) -> FieldBundle? {
        guard let importPlan = importPlans[kind], let grid = domain(of: plan.grid(of: kind)) else { return nil }
        let sources = SourceBundle.allCases.map(bundle)
        return importPlan.form(pointCount: grid.localSize, sources: sources, fractions: fractions.on(plan.grid(of: kind)))
    }

    /// Source bundle `source` as it is now (`nil` while absent).
    func bundle(_ source: SourceBundle) -> FieldBundle? {
        switch source {
        case .atmosphere: received[.atm]
        case .land: received[.lnd]
        case .ice: received[.ice]
        case .ocean: received[.ocn]
        case .iceOnAtmosphere: iceOnAtmosphere
        case .oceanOnAtmosphere: oceanOnAtmosphere
        case .atmosphereOnOcean: atmosphereOnOcean
        case .oceanFluxes: oceanFluxes
        case .atmosphereOnLand: atmosphereOnLand
        case .landOnAtmosphere: landOnAtmosphere
        }
    }
}
