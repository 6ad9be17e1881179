import Coupling

/// What the coupler does in this run, decided once from the components' summaries (the same on
/// every rank): the grids it keeps, the bundles of fields it keeps on them, which exports it maps
/// to which grids, the maps that needs, and which merges it computes. The coupler computes only
/// what some component imports (as NUOPC connects only what is asked for), and checks that
/// whatever it needs is exported by someone (`problems(maps:bitForBit:)`).
struct CouplingPlan: Sendable {
    let components: [ComponentKind: ComponentSummary]
    /// The coupling fields and how each import is formed.
    let table: ExchangeTable
    /// Where the atmosphere–ocean fluxes are computed (`aoflux_grid`).
    let fluxGrid: AtmosphereOceanFluxGrid
    /// The fields of each bundle the coupler keeps, in the bundles' order (`ImportPlan` numbers
    /// them so).
    private(set) var bundles: [(bundle: SourceBundle, fields: [String])] = []
    /// For each component that imports, the grids whose exports are mapped, weighted by the
    /// fractions of the moment, to its grid just before its imports are formed.
    private(set) var mappedBeforeImports: [ComponentKind: [CouplerGrid]] = [:]
    /// The maps each mapped bundle travels by.
    private(set) var mapPairs: [SourceBundle: MapPair] = [:]
    /// The maps the coupler reads, each with what travels by it (for messages).
    private(set) var maps: [MapName: String] = [:]
    /// `bundles` by bundle, for lookups on every step.
    private var fieldsByBundle: [SourceBundle: [String]] = [:]
    /// For each component, the grids its exports are mapped to on arrival.
    private var arrivalGrids: [ComponentKind: [CouplerGrid]] = [:]
    /// The mapped bundles by destination grid, in the bundles' order.
    private var mappedTo: [CouplerGrid: [SourceBundle]] = [:]

    /// The plan for the present `components` exchanging the fields of `table`, with the
    /// atmosphere–ocean fluxes computed on `fluxGrid`.
    init(components: [ComponentKind: ComponentSummary], table: ExchangeTable, fluxGrid: AtmosphereOceanFluxGrid = .ocean) {
        self.components = components
        self.table = table
        self.fluxGrid = fluxGrid
        bundles = makeBundles()
        for (bundle, fields) in bundles {
            fieldsByBundle[bundle] = fields
            guard case .mapped(let kind, let grid) = bundle else { continue }
            mappedTo[grid, default: []].append(bundle)
            if weight(of: kind, to: grid) == nil, !(kind == .atm && grid == .ocean) { arrivalGrids[kind, default: []].append(grid) }
        }
        mapPairs = makeMapPairs()
        mappedBeforeImports = makeMappedBeforeImports()
        maps = makeMaps()
    }

    func summary(_ kind: ComponentKind) -> ComponentSummary? {
        components[kind].flatMap { $0.isPresent ? $0 : nil }
    }

    /// The present model components, in cpl7's order.
    var present: [ComponentKind] { ComponentKind.models.filter { summary($0) != nil } }

    /// Whether the present component `kind` imports anything.
    func importsAnything(_ kind: ComponentKind) -> Bool { !(summary(kind)?.imports.isEmpty ?? true) }

    /// Whether the coupler merges the surface for the atmosphere (x2a), feeds the ocean (x2o).
    var mergesAtmosphere: Bool { importsAnything(.atm) }
    var feedsOcean: Bool { importsAnything(.ocn) }

    // MARK: Grids

    /// Whether the land runs on a grid of its own (not the atmosphere's), which the coupler then
    /// keeps beside the atmosphere's and reaches by the `atm2lnd_*` and `lnd2atm_*` maps.
    var landHasOwnGrid: Bool {
        guard let atm = summary(.atm), let lnd = summary(.lnd) else { return false }
        return atm.grid.shape != lnd.grid.shape
    }

    /// The coupler grid component `kind` lives on: its own, except that the sea ice always shares
    /// the ocean's and a land on the atmosphere's grid shares it (as in cpl7).
    func grid(of kind: ComponentKind) -> CouplerGrid {
        switch kind {
        case .lnd where !landHasOwnGrid: .atmosphere
        case .ice: .ocean
        default: CouplerGrid(kind)
        }
    }

    /// The present components on `grid`, the one whose grid it is first.
    func components(on grid: CouplerGrid) -> [ComponentKind] {
        let on = present.filter { self.grid(of: $0) == grid }
        return on.filter { $0 == grid.kind } + on.filter { $0 != grid.kind }
    }

    /// The grids the coupler keeps: those of the present components, in cpl7's order.
    var grids: [CouplerGrid] { Array(Set(present.map(grid(of:)))).sorted() }

    /// The component whose domain the coupler uses for `grid`: the grid's own component, else
    /// one sharing it (the sea ice for the ocean's, the land for the atmosphere's).
    func owner(of grid: CouplerGrid) -> ComponentKind? { components(on: grid).first }

    /// Whether the coupler computes atmosphere–ocean fluxes (for the atmosphere's or the ocean's merge).
    var computesOceanFluxes: Bool { summary(.atm) != nil && summary(.ocn) != nil && (mergesAtmosphere || feedsOcean) }

    /// Whether the ice and open-ocean fractions go to the atmosphere grid (and the land fraction
    /// there is what the ocean's mask leaves): for the atmosphere's merge, and for what a land on
    /// that grid imports of the ocean grid.
    var mapsOceanToAtmosphere: Bool {
        owner(of: .ocean) != nil && owner(of: .atmosphere) != nil
            && (mergesAtmosphere || mappedBeforeImports.values.contains { $0.contains(.ocean) })
    }

    /// Whether a land's own fraction goes to the atmosphere grid (for the atmosphere's merge).
    var mapsLandToAtmosphere: Bool { landHasOwnGrid && mergesAtmosphere }

    /// The fraction that weights component `kind`'s exports mapped to `grid`: on the atmosphere
    /// grid, the land's, sea ice's and ocean's exports are weighted by the fraction each covers
    /// (`S(f·x)/S(f)`), so the atmosphere's merge `f·x` conserves; elsewhere none.
    func weight(of kind: ComponentKind, to grid: CouplerGrid) -> SurfaceFraction? {
        grid == .atmosphere ? SurfaceFraction.covered(by: kind) : nil
    }

    /// The fraction that multiplies component `kind`'s fluxes mapped to `grid` and is not divided
    /// out again: the land's runoff reaches the river grid as `S(lfrac·R)`, the water of the land
    /// part of each cell per unit river-cell area, so what the rivers receive is what the land
    /// lost (as cpl7 maps runoff to the river model); elsewhere none.
    func premultiplier(of kind: ComponentKind, to grid: CouplerGrid) -> SurfaceFraction? {
        kind == .lnd && grid == CouplerGrid(.rof) ? .lfrac : nil
    }

    // MARK: Bundles

    /// The fields of `bundle` (none when the coupler does not keep it).
    func fields(of bundle: SourceBundle) -> [String] { fieldsByBundle[bundle] ?? [] }

    /// The bundle that holds `field` on the grid of component `importer`, if any.
    func source(of field: String, for importer: ComponentKind) -> SourceBundle? {
        let grid = grid(of: importer)
        let candidate: SourceBundle?
        switch table.declaration(of: field)?.origin {
        case .component(let kind)?: candidate = self.grid(of: kind) == grid ? .received(kind) : .mapped(kind, to: grid)
        case .sum(let parts)?:
            candidate = parts.first.flatMap { table.declaration(of: $0)?.origin.component }.map { .mapped($0, to: grid) }
        case .atmosphereOceanFlux?: candidate = grid == .ocean ? .oceanFluxes : .mapped(.ocn, to: grid)
        case .importOnly?, nil: candidate = nil
        }
        guard let candidate, fields(of: candidate).contains(field) else { return nil }
        return candidate
    }

    /// The exports of component `kind` that cpl7 maps whole (its history shows them all, as
    /// `a2x_o` and `i2x_a`); of other components' exports, a grid gets those its components read.
    private static let mappedWhole: Set<SourceBundle> = [.mapped(.atm, to: .ocean), .mapped(.ice, to: .atmosphere)]

    /// The fields the present components on `grid` read to form their imports (a sum's parts
    /// included).
    private func fieldsRead(on grid: CouplerGrid) -> Set<String> {
        var read = Set<String>()
        for importer in components(on: grid) {
            for field in summary(importer)!.imports {
                for source in table.sources(of: field, importedBy: importer) {
                    read.insert(source)
                    if case .sum(let parts)? = table.declaration(of: source)?.origin { read.formUnion(parts) }
                }
            }
        }
        return read
    }

    private func makeBundles() -> [(bundle: SourceBundle, fields: [String])] {
        var result = [(bundle: SourceBundle, fields: [String])]()
        for kind in present { result.append((.received(kind), summary(kind)!.exports)) }
        let readOn = Dictionary(uniqueKeysWithValues: grids.map { ($0, fieldsRead(on: $0)) })
        for kind in present {
            let exported = table.exports(of: kind).filter(summary(kind)!.exports.contains)
            for grid in grids where grid != self.grid(of: kind) {
                let read = readOn[grid]!
                let bundle = SourceBundle.mapped(kind, to: grid)
                // The open-ocean fluxes read the atmosphere on the ocean grid, and travel to the
                // atmosphere grid with the ocean's exports.
                let carriesFluxes = kind == .ocn && grid == .atmosphere && computesOceanFluxes
                let needed = exported.contains(where: read.contains) || (kind == .atm && grid == .ocean && computesOceanFluxes)
                    || (carriesFluxes && table.atmosphereOceanFluxes.contains(where: read.contains))
                guard needed else { continue }
                var fields = Self.mappedWhole.contains(bundle) ? exported : exported.filter(read.contains)
                let sums = table.sums(ofExportsOf: kind).filter { $0.parts.allSatisfy(fields.contains) }.map(\.field)
                fields += Self.mappedWhole.contains(bundle) ? sums : sums.filter(read.contains)
                if carriesFluxes { fields += table.atmosphereOceanFluxes }
                if !fields.isEmpty { result.append((bundle, fields)) }
            }
        }
        result.append((.oceanFluxes, table.atmosphereOceanFluxes))
        return result
    }

    /// The grids whose fraction-weighted bundles each importer reads: mapped when its imports
    /// are formed, with the fractions of the moment.
    private func makeMappedBeforeImports() -> [ComponentKind: [CouplerGrid]] {
        var result = [ComponentKind: [CouplerGrid]]()
        for importer in present where importsAnything(importer) {
            let grid = grid(of: importer)
            let read = summary(importer)!.imports.flatMap { table.sources(of: $0, importedBy: importer) }
            let sources = Set(read.compactMap { source(of: $0, for: importer) }).compactMap { bundle -> CouplerGrid? in
                guard case .mapped(let kind, _) = bundle, weight(of: kind, to: grid) != nil else { return nil }
                return self.grid(of: kind)
            }
            let grids = Array(Set(sources)).sorted()
            if !grids.isEmpty { result[importer] = grids }
        }
        return result
    }

    /// The bundles mapped from `source` to `destination` (fraction-weighted or not).
    func mappedBundles(from source: CouplerGrid, to destination: CouplerGrid) -> [SourceBundle] {
        (mappedTo[destination] ?? []).filter { bundle in
            guard case .mapped(let kind, _) = bundle else { return false }
            return grid(of: kind) == source
        }
    }

    /// The bundles mapped as soon as their component's exports arrive: those not weighted by a
    /// fraction (the atmosphere's to the ocean grid are mapped by the run sequence's own phase,
    /// after the atmosphere's exports are in).
    func mappedOnArrival(of kind: ComponentKind) -> [CouplerGrid] { arrivalGrids[kind] ?? [] }

    // MARK: Maps

    /// The map each mapped bundle travels by, as `&seq_maps` names it: from its component to the
    /// first component on the destination grid that reads it (the grid's own when none does,
    /// as for the atmosphere's fields that only the open-ocean fluxes read); the sea ice uses
    /// the ocean's maps.
    private func makeMapPairs() -> [SourceBundle: MapPair] {
        var result = [SourceBundle: MapPair]()
        for (bundle, fields) in bundles {
            guard case .mapped(let kind, let grid) = bundle else { continue }
            let reader = components(on: grid).first { importer in
                summary(importer)!.imports.contains { table.sources(of: $0, importedBy: importer).contains(where: fields.contains) }
            }
            result[bundle] = MapPair(from: kind, to: reader ?? grid.kind)
        }
        return result
    }

    /// The maps the bundles travel by, and the flux maps the fractions need.
    private func makeMaps() -> [MapName: String] {
        var result = [MapName: String]()
        for (pair, travelling) in Dictionary(grouping: mapPairs, by: \.value) {
            let sources = travelling.compactMap(\.key.component).sorted { ($0 == pair.from ? 0 : 1, $0) < ($1 == pair.from ? 0 : 1, $1) }
            let fields = bundles.filter { entry in travelling.contains { $0.key == entry.bundle } }.flatMap(\.fields)
            let names = sources.map(\.longName).joined(separator: " and ")
            for kind in [FieldKind.flux, .state] where fields.contains(where: { (table.description(of: $0)?.kind ?? .flux) == kind }) {
                result[pair.name(for: kind)] = "\(names) \(kind == .flux ? "fluxes" : "states") go to the \(pair.to.longName) grid"
            }
        }
        func add(_ name: MapName, _ what: String) {
            result[name] = result[name].map { $0.replacingOccurrences(of: " go to", with: " and \(what) go to") } ?? "\(what) go to the atmosphere grid"
        }
        if mapsOceanToAtmosphere { add(MapPair(from: .ocn, to: .atm).name(for: .flux), "fractions") }
        if mapsLandToAtmosphere { add(MapPair(from: .lnd, to: .atm).name(for: .flux), "the land fraction") }
        // The maps the flux grid needs besides: 'atm' takes the ocean's surface to the
        // atmosphere grid and the fluxes (and albedos) back; 'exch' reads its overlaps from the
        // conservative atmosphere-to-ocean map. The fluxes reach the atmosphere as in 'ocn'.
        func need(_ name: MapName, _ what: String) { if result[name] == nil { result[name] = what } }
        if computesOceanFluxes {
            switch fluxGrid {
            case .ocean: break
            case .atmosphere:
                need(MapPair(from: .ocn, to: .atm).name(for: .state), "ocean surface goes to the atmosphere grid for the fluxes")
                need(MapPair(from: .atm, to: .ocn).name(for: .flux), "atmosphere–ocean fluxes go to the ocean grid")
                need(MapPair(from: .atm, to: .ocn).name(for: .state), "ocean albedos go to the ocean grid")
            case .exchange:
                need(MapPair(from: .atm, to: .ocn).name(for: .flux), "the exchange grid's overlaps")
            }
        }
        return result
    }
}
