import Coupling

extension CouplingPlan {
    /// Everything that makes the run impossible, as messages naming the component, the field and
    /// the exchange-table entry, or the map. With `bitForBit` (`bfbflag`) every map is of type 'X'.
    func problems(maps settings: MapSettings, bitForBit: Bool) -> [String] {
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
        func reach(_ field: String, of source: ComponentKind, to importer: ComponentKind, for purpose: String) {
            guard let exporter = summary(source), exporter.exports.contains(field), self.source(of: field, for: importer) == nil else { return }
            problems.append("the coupler cannot bring '\(field)' from \(source) (on the \(grid(of: source)) grid) to \(importer) "
                + "(on the \(grid(of: importer)) grid) \(purpose): it maps \(source)'s fields to that grid only for what it needs itself")
        }
        for kind in present {
            let s = summary(kind)!
            for field in s.exports where table.declaration(of: field)?.origin.component != kind {
                let exportable = table.exports(of: kind)
                problems.append("\(s.label) exports '\(field)', which no exchange-table entry declares as an export of \(kind) ("
                    + (exportable.isEmpty ? "the table declares no exports of \(kind)" : "it can export: \(exportable.joined(separator: ", "))") + ")")
            }
            for field in s.imports {
                let entry = "exchange-table entry '\(field)'"
                guard let rule = table.rule(for: field, importedBy: kind) else {
                    let importable = table.imports(of: kind)
                    problems.append("\(s.label) imports '\(field)', which no component or the coupler produces for the \(kind.longName) "
                        + "(no \(entry) is imported by \(kind); "
                        + (importable.isEmpty ? "the table declares no imports of \(kind))" : "it can import: \(importable.joined(separator: ", ")))"))
                    continue
                }
                let purpose = "for \(kind)'s import '\(field)' (\(entry))"
                let kept = SurfaceFractions.kept(on: grid(of: kind))
                let weights: [SurfaceFraction] = switch rule {
                case .fraction(let fraction): [fraction]
                case .merge(let terms): terms.compactMap(\.fraction)
                case .copy: []
                }
                for fraction in weights where !kept.contains(fraction) {
                    problems.append("\(entry) uses the fraction \(fraction.rawValue) for \(kind), but the coupler keeps "
                        + (kept.isEmpty ? "no fractions" : "only " + kept.map(\.rawValue).sorted().joined(separator: ", "))
                        + " on the \(kind)'s grid")
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
        // The maps the coupler will read: each set, and 'idmap' only between grids of one size.
        for (name, why) in maps.sorted(by: { $0.key < $1.key }) {
            let value = settings[name]
            if value.isEmpty {
                problems.append("&seq_maps: \(name.key) is needed (\(why)) but not set")
            } else if value == MapSettings.identity, let first = owner(of: CouplerGrid(name.from)).flatMap(summary),
                      let second = owner(of: CouplerGrid(name.to)).flatMap(summary), first.grid.size != second.grid.size {
                problems.append("&seq_maps: \(name.key) = 'idmap', but the \(name.from.longName) grid (\(first.grid)) and the "
                    + "\(name.to.longName) grid (\(second.grid)) differ")
            }
        }
        // The exchange grid is the rows of the atmosphere-to-ocean flux map where they are computed.
        let overlaps = MapPair(from: .atm, to: .ocn).name(for: .flux)
        if computesOceanFluxes, fluxGrid == .exchange, !bitForBit, settings.type(of: overlaps) == .y {
            problems.append("aoflux_grid = 'exch' takes the exchange grid from the rows of \(overlaps.key) ('\(settings[overlaps])'), "
                + "which must be of map type 'X'; set \(overlaps.typeKey) = 'X' or bfbflag = .true.")
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
