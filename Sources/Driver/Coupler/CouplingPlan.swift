import Coupling

/// What the coupler does in this run, decided from the components' summaries (the same on
/// every rank): which merges it computes, which grids it holds and which maps it needs. The
/// coupler computes only what some component imports (as NUOPC connects only what is asked
/// for), and checks that whatever it needs is exported by someone.
struct CouplingPlan: Sendable {
    let components: [ComponentKind: ComponentSummary]

    func summary(_ kind: ComponentKind) -> ComponentSummary? {
        components[kind].flatMap { $0.isPresent ? $0 : nil }
    }

    private func imports(_ kind: ComponentKind, anyOf list: [String]) -> Bool {
        summary(kind).map { s in s.imports.contains { list.contains($0) } } ?? false
    }

    /// Whether the coupler merges the surface for the atmosphere (x2a).
    var mergesAtmosphere: Bool { imports(.atm, anyOf: FieldRegistry.atmosphereImports) }
    /// Whether the coupler prepares the land's inputs (x2l), the ice's (x2i), the ocean's (x2o).
    var feedsLand: Bool { imports(.lnd, anyOf: FieldRegistry.landImports) }
    var feedsIce: Bool { imports(.ice, anyOf: FieldRegistry.iceImports) }
    var feedsOcean: Bool { imports(.ocn, anyOf: FieldRegistry.oceanImports) }

    /// The component defining the ocean grid (the ocean, else the sea ice), if any.
    var oceanGridOwner: ComponentKind? { summary(.ocn) != nil ? .ocn : summary(.ice) != nil ? .ice : nil }

    /// Whether the coupler computes atmosphere–ocean fluxes (for the atmosphere's or the ocean's merge).
    var computesOceanFluxes: Bool { summary(.atm) != nil && summary(.ocn) != nil && (mergesAtmosphere || feedsOcean) }

    /// Whether atmosphere fields are needed on the ocean grid.
    var mapsAtmosphereToOcean: Bool { summary(.atm) != nil && oceanGridOwner != nil && (feedsIce || feedsOcean || computesOceanFluxes) }

    /// Whether ocean-grid fields (fractions, ice, ocean fluxes) are mapped to the atmosphere.
    var mapsOceanToAtmosphere: Bool { mergesAtmosphere && oceanGridOwner != nil }

    /// Everything that makes the run impossible, as messages naming the component and field.
    func problems(maps: MapSettings) -> [String] {
        var problems = [String]()
        if let atm = summary(.atm), let lnd = summary(.lnd), atm.grid.shape != lnd.grid.shape {
            problems.append("the land grid (\(lnd.grid)) differs from the atmosphere grid (\(atm.grid)): the land runs on the atmosphere grid")
        }
        if let ocn = summary(.ocn), let ice = summary(.ice), ocn.grid.shape != ice.grid.shape {
            problems.append("the sea-ice grid (\(ice.grid)) differs from the ocean grid (\(ocn.grid)): the sea ice runs on the ocean grid")
        }
        // Every import must be something the coupler makes for that component.
        let produced: [ComponentKind: [String]] = [.atm: FieldRegistry.atmosphereImports, .lnd: FieldRegistry.landImports,
                                                   .ice: FieldRegistry.iceImports, .ocn: FieldRegistry.oceanImports]
        for kind in ComponentKind.models {
            guard let s = summary(kind) else { continue }
            for field in s.imports where !produced[kind]!.contains(field) {
                problems.append("\(s.label) imports '\(field)', which no component or the coupler produces for the \(kind.longName) "
                    + "(it can import: \(produced[kind]!.joined(separator: ", ")))")
            }
        }
        // Whatever the coupler's merges read must be exported.
        func require(_ kind: ComponentKind, _ fields: [String], for purpose: String) {
            guard let s = summary(kind) else {
                problems.append("\(purpose) needs the \(kind.longName), but \(kind.rawValue) is '\(components[kind]?.modelName ?? "stub")' (absent)")
                return
            }
            for field in fields where !s.exports.contains(field) {
                problems.append("the coupler needs '\(field)' from \(s.label) \(purpose), but it does not export it")
            }
        }
        let atmosphereFields = FieldRegistry.atmosphereExports
        if feedsLand { require(.atm, atmosphereFields, for: "for the land's inputs") }
        if feedsIce { require(.atm, atmosphereFields, for: "for the sea ice's inputs") }
        if feedsOcean { require(.atm, atmosphereFields, for: "for the ocean's inputs") }
        if mergesAtmosphere {
            if summary(.lnd) != nil { require(.lnd, FieldRegistry.landExports.filter { $0 != "Fall_rofl" }, for: "for the atmosphere's surface") }
            if summary(.ice) != nil { require(.ice, FieldRegistry.iceExports, for: "for the atmosphere's surface") }
            if summary(.ocn) != nil { require(.ocn, ["So_t", "So_u", "So_v"], for: "for the atmosphere–ocean fluxes") }
        }
        if feedsOcean, summary(.ice) != nil { require(.ice, ["Si_ifrac", "Faii_taux", "Faii_tauy", "Fioi_melth", "Fioi_meltw", "Fioi_swpen"],
                                                     for: "for the ocean's inputs") }
        if feedsIce, summary(.ocn) != nil { require(.ocn, ["So_t", "So_s", "Fioo_q"], for: "for the sea ice's inputs") }
        // The maps the coupler will need.
        func needMap(_ value: String, key: String, why: String) {
            if value.isEmpty { problems.append("&seq_maps: \(key) is needed (\(why)) but not set") }
            else if value == MapSettings.identity, let atm = summary(.atm), let owner = oceanGridOwner, let o = summary(owner),
                    atm.grid.size != o.grid.size {
                problems.append("&seq_maps: \(key) = 'idmap', but the atmosphere grid (\(atm.grid)) and the ocean grid (\(o.grid)) differ")
            }
        }
        if mapsAtmosphereToOcean {
            needMap(maps.atmToOceanFlux, key: "atm2ocn_fmapname", why: "atmosphere fluxes go to the ocean grid")
            needMap(maps.atmToOceanState, key: "atm2ocn_smapname", why: "atmosphere states go to the ocean grid")
        }
        if mapsOceanToAtmosphere {
            needMap(maps.oceanToAtmFlux, key: "ocn2atm_fmapname", why: "ocean and sea-ice fluxes and fractions go to the atmosphere grid")
            needMap(maps.oceanToAtmState, key: "ocn2atm_smapname", why: "ocean and sea-ice states go to the atmosphere grid")
        }
        return problems
    }
}
