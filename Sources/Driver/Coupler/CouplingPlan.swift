import Coupling

/// What the coupler does in this run, decided from the components' summaries (the same on
/// every rank): which merges it computes, which grids it holds and which maps it needs. The
/// coupler computes only what some component imports (as NUOPC connects only what is asked
/// for), and checks that whatever it needs is exported by someone.
struct CouplingPlan: Sendable {
    let components: [ComponentKind: ComponentSummary]
    /// The coupling fields and how each import is formed.
    let table: ExchangeTable
    /// The components on the atmosphere grid other than the atmosphere (a land on that grid) that
    /// import fields of the ocean grid: the ocean's or the sea ice's exports, or the coupler's
    /// open-ocean fluxes. The ocean grid is mapped to the atmosphere grid when their imports are
    /// formed too, not only the atmosphere's. Decided once: the coupler asks every step.
    private(set) var readersOfOceanGridOnAtmosphereGrid: Set<ComponentKind> = []

    /// The plan for the present `components` exchanging the fields of `table`.
    init(components: [ComponentKind: ComponentSummary], table: ExchangeTable) {
        self.components = components
        self.table = table
        readersOfOceanGridOnAtmosphereGrid = Set(ComponentKind.models.filter(importsOceanGridOnAtmosphereGrid))
    }

    func summary(_ kind: ComponentKind) -> ComponentSummary? {
        components[kind].flatMap { $0.isPresent ? $0 : nil }
    }

    /// Whether the present component `kind` imports anything.
    private func importsAnything(_ kind: ComponentKind) -> Bool { !(summary(kind)?.imports.isEmpty ?? true) }

    /// Whether the coupler merges the surface for the atmosphere (x2a).
    var mergesAtmosphere: Bool { importsAnything(.atm) }
    /// Whether the coupler prepares the land's inputs (x2l), the ice's (x2i), the ocean's (x2o).
    var feedsLand: Bool { importsAnything(.lnd) }
    var feedsIce: Bool { importsAnything(.ice) }
    var feedsOcean: Bool { importsAnything(.ocn) }

    /// Whether the land runs on a grid of its own (not the atmosphere's), which the coupler then
    /// keeps beside the atmosphere's and reaches by the `atm2lnd_*` and `lnd2atm_*` maps.
    var landHasOwnGrid: Bool {
        guard let atm = summary(.atm), let lnd = summary(.lnd) else { return false }
        return atm.grid.shape != lnd.grid.shape
    }

    /// The coupler grid component `kind` lives on: the atmosphere's (the atmosphere, and the
    /// land unless it has its own), the land's, or the ocean's (the ocean and the sea ice).
    func grid(of kind: ComponentKind) -> SurfaceGrid {
        switch kind {
        case .lnd where landHasOwnGrid: .land
        case .atm, .lnd: .atmosphere
        default: .ocean
        }
    }

    /// Whether atmosphere fields are needed on the land's own grid (for the land's inputs).
    var mapsAtmosphereToLand: Bool { landHasOwnGrid && feedsLand }

    /// Whether the land's exports and fraction are mapped to the atmosphere grid (for its merge).
    var mapsLandToAtmosphere: Bool { landHasOwnGrid && mergesAtmosphere }

    /// The component defining the ocean grid (the ocean, else the sea ice), if any.
    var oceanGridOwner: ComponentKind? { summary(.ocn) != nil ? .ocn : summary(.ice) != nil ? .ice : nil }

    /// Whether the coupler computes atmosphere–ocean fluxes (for the atmosphere's or the ocean's merge).
    var computesOceanFluxes: Bool { summary(.atm) != nil && summary(.ocn) != nil && (mergesAtmosphere || feedsOcean) }

    /// Whether atmosphere fields are needed on the ocean grid.
    var mapsAtmosphereToOcean: Bool { summary(.atm) != nil && oceanGridOwner != nil && (feedsIce || feedsOcean || computesOceanFluxes) }

    /// Whether `kind`, not the atmosphere but on the atmosphere grid, imports fields of the ocean grid.
    private func importsOceanGridOnAtmosphereGrid(_ kind: ComponentKind) -> Bool {
        guard kind != .atm, grid(of: kind) == .atmosphere, let importer = summary(kind) else { return false }
        return importer.imports.contains { field in
            table.sources(of: field, importedBy: kind).contains { source in
                switch table.declaration(of: source)?.origin {
                case .component(let exporter)?: grid(of: exporter) == .ocean
                case .atmosphereOceanFlux?: true
                default: false
                }
            }
        }
    }

    /// Whether ocean-grid fields (fractions, ice, ocean fluxes) are mapped to the atmosphere
    /// grid: for the atmosphere's merges, and for what a land on that grid imports of them.
    var mapsOceanToAtmosphere: Bool { oceanGridOwner != nil && (mergesAtmosphere || !readersOfOceanGridOnAtmosphereGrid.isEmpty) }

    /// Everything that makes the run impossible, as messages naming the component, the field and
    /// the exchange-table entry.
    func problems(maps: MapSettings) -> [String] {
        var problems = [String]()
        if let ocn = summary(.ocn), let ice = summary(.ice), ocn.grid.shape != ice.grid.shape {
            problems.append("the sea-ice grid (\(ice.grid)) differs from the ocean grid (\(ocn.grid)): the sea ice runs on the ocean grid")
        }
        var reported = Set<String>()
        func need(_ field: String, from kind: ComponentKind, for purpose: String) {
            guard let source = summary(kind), !source.exports.contains(field), reported.insert("\(kind) \(field)").inserted else { return }
            problems.append("the coupler needs '\(field)' from \(source.label) \(purpose), but it does not export it")
        }
        // Whether the coupler can bring an export `field` of present component `source` to the grid of `importer`.
        let bundleFields = CouplerState.sourceFields(plan: self, table: table)
        func reach(_ field: String, of source: ComponentKind, to importer: ComponentKind, for purpose: String) {
            guard let exporter = summary(source), exporter.exports.contains(field),
                  CouplerState.source(of: field, for: importer, plan: self, table: table, fields: bundleFields) == nil else { return }
            problems.append("the coupler cannot bring '\(field)' from \(source) (on the \(grid(of: source).rawValue) grid) to \(importer) "
                + "(on the \(grid(of: importer).rawValue) grid) \(purpose): it maps \(source)'s fields to that grid only for what it needs itself")
        }
        for kind in ComponentKind.models {
            guard let s = summary(kind) else { continue }
            if !CouplerState.holdsGrid(of: kind) {
                problems.append("\(s.label) takes part in coupling (it has a grid), but the coupler does not yet couple the "
                    + "\(kind.longName): \(kind) can only be 'stub' in this version")
                continue
            }
            for field in s.exports where table.declaration(of: field)?.origin.component != kind {
                let exportable = table.exports(of: kind)
                problems.append("\(s.label) exports '\(field)', which no exchange-table entry declares as an export of \(kind) ("
                    + (exportable.isEmpty ? "the table declares no exports of \(kind)" : "it can export: \(exportable.joined(separator: ", "))") + ")")
            }
            for field in s.imports {
                let entry = "exchange-table entry '\(field)'"
                guard let rule = table.rule(for: field, importedBy: kind) else {
                    problems.append("\(s.label) imports '\(field)', which no component or the coupler produces for the \(kind.longName) "
                        + "(no \(entry) is imported by \(kind); it can import: \(table.imports(of: kind).joined(separator: ", ")))")
                    continue
                }
                let purpose = "for \(kind)'s import '\(field)' (\(entry))"
                let kept = SurfaceFractions.kept(on: grid(of: kind))
                let weights: [SurfaceFraction] = switch rule {
                case .fraction(let fraction): [fraction]
                case .merge(let terms): terms.map(\.fraction)
                case .copy: []
                }
                for fraction in weights where !kept.contains(fraction) {
                    problems.append("\(entry) uses the fraction \(fraction.rawValue) for \(kind), but the coupler keeps only "
                        + kept.map(\.rawValue).sorted().joined(separator: ", ") + " on the \(kind)'s grid")
                }
                switch rule {
                case .copy(let fallback):
                    for (source, read) in exporters(of: field) {
                        if summary(source) == nil, fallback == nil {
                            problems.append("\(s.label) imports '\(field)', which the coupler copies from \(source) (\(entry)), "
                                + "but \(source) is '\(components[source]?.modelName ?? "stub")' (absent)")
                        }
                        need(read, from: source, for: purpose)
                        if read == field { reach(field, of: source, to: kind, for: purpose) }
                    }
                case .merge(let terms):
                    for term in terms {
                        for (source, read) in exporters(of: term.field) {
                            need(read, from: source, for: purpose)
                            if read == term.field { reach(read, of: source, to: kind, for: purpose) }
                        }
                    }
                case .fraction:
                    break
                }
            }
        }
        if summary(.ice) != nil, mergesAtmosphere || feedsOcean { need("Si_ifrac", from: .ice, for: "for the surface fractions") }
        if computesOceanFluxes {
            for field in table.atmosphereOceanFluxInputs {
                if let kind = table.declaration(of: field)?.origin.component { need(field, from: kind, for: "for the atmosphere–ocean fluxes") }
            }
        }
        // The maps the coupler will need: each set, and 'idmap' only between grids of one size.
        func needMap(_ value: String, key: String, why: String, between a: ComponentKind, and b: ComponentKind?) {
            if value.isEmpty { problems.append("&seq_maps: \(key) is needed (\(why)) but not set") }
            else if value == MapSettings.identity, let first = summary(a), let second = b.flatMap(summary), first.grid.size != second.grid.size {
                problems.append("&seq_maps: \(key) = 'idmap', but the \(a.longName) grid (\(first.grid)) and the \(b!.longName) grid "
                    + "(\(second.grid)) differ")
            }
        }
        if mapsAtmosphereToOcean {
            needMap(maps.atmToOceanFlux, key: "atm2ocn_fmapname", why: "atmosphere fluxes go to the ocean grid", between: .atm, and: oceanGridOwner)
            needMap(maps.atmToOceanState, key: "atm2ocn_smapname", why: "atmosphere states go to the ocean grid", between: .atm, and: oceanGridOwner)
        }
        if mapsOceanToAtmosphere {
            needMap(maps.oceanToAtmFlux, key: "ocn2atm_fmapname", why: "ocean and sea-ice fluxes and fractions go to the atmosphere grid",
                    between: .atm, and: oceanGridOwner)
            needMap(maps.oceanToAtmState, key: "ocn2atm_smapname", why: "ocean and sea-ice states go to the atmosphere grid",
                    between: .atm, and: oceanGridOwner)
        }
        if mapsAtmosphereToLand {
            needMap(maps.atmToLandFlux, key: "atm2lnd_fmapname", why: "atmosphere fluxes go to the land's own grid", between: .atm, and: .lnd)
            needMap(maps.atmToLandState, key: "atm2lnd_smapname", why: "atmosphere states go to the land's own grid", between: .atm, and: .lnd)
        }
        if mapsLandToAtmosphere {
            needMap(maps.landToAtmFlux, key: "lnd2atm_fmapname", why: "land fluxes and the land fraction go to the atmosphere grid",
                    between: .atm, and: .lnd)
            needMap(maps.landToAtmState, key: "lnd2atm_smapname", why: "land states go to the atmosphere grid", between: .atm, and: .lnd)
        }
        return problems
    }

    /// The component exports the coupler reads to provide `field`: the field itself from the
    /// component that exports it, or the parts of a sum; none for what the coupler computes.
    private func exporters(of field: String) -> [(ComponentKind, String)] {
        switch table.declaration(of: field)?.origin {
        case .component(let kind)?: [(kind, field)]
        case .sum(let parts)?: parts.compactMap { part in table.declaration(of: part)?.origin.component.map { ($0, part) } }
        case .atmosphereOceanFlux?, .importOnly?, nil: []
        }
    }
}
