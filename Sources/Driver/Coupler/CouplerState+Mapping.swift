import Coupling

/// Components' exports mapped to the other grids that read them (`CouplingPlan.bundles`).
extension CouplerState {
    /// Maps component `kind`'s exports to `grid`: the fields of the plan's bundle, states with
    /// the state map and fluxes with the flux map, weighted by the fraction the component covers
    /// where the plan says so (`S(f·x)/S(f)`), or multiplied by it (`S(f·x)`, the land's runoff
    /// to the river grid); then adds the sums the table declares
    /// (`Faxa_rain`). The ocean grid's bundles carry the coupler's open-ocean fluxes with them.
    /// The result is written over the bundle's last values, in place.
    func map(_ kind: ComponentKind, to grid: CouplerGrid) throws {
        let bundle = SourceBundle.mapped(kind, to: grid), fields = plan.fields(of: bundle), home = plan.grid(of: kind)
        guard !fields.isEmpty, let exports = received[kind], let pair = plan.mapPairs[bundle], let direction = maps.direction(pair),
              let destination = domain(of: grid) else { return }
        let sums = table.sums(ofExportsOf: kind).filter { fields.contains($0.field) }
        let mapped = fields.filter { field in !sums.contains { $0.field == field } }
        let weights = plan.weight(of: kind, to: grid).flatMap { fractions.on(home)?.values(of: $0.rawValue) }
        // Premultiplied fluxes are mapped from a scaled copy (of a small bundle: the land's).
        var source = exports
        if let premultiplier = plan.premultiplier(of: kind, to: grid).flatMap({ fractions.on(home)?.values(of: $0.rawValue) }) {
            PointScaling(fields: fluxFields(of: source), factor: premultiplier).apply(to: &source)
        }
        var result = computed.removeValue(forKey: bundle) ?? FieldBundle(fields: fields, pointCount: destination.localSize)
        if result.fieldNames != fields || result.pointCount != destination.localSize {
            result = FieldBundle(fields: fields, pointCount: destination.localSize)
        }
        // Each field is mapped from where it is: the open-ocean fluxes' fields from them, the
        // others from the exports.
        let oceanFluxes = home == .ocean ? computed[.oceanFluxes] : nil
        let fromFluxes = oceanFluxes.map { fluxes in mapped.filter { fluxes.contains($0) } } ?? []
        let fromExports = mapped.filter { !fromFluxes.contains($0) && exports.contains($0) }
        try direction.map(fromExports, of: source, weightedBy: weights, table: table, into: &result)
        // A field neither has yet (the open-ocean fluxes before their first computation) is 0.
        for field in mapped where !fromFluxes.contains(field) && !exports.contains(field) {
            let f = result.index(of: field)!
            for p in 0 ..< result.pointCount { result[field: f, point: p] = 0 }
        }
        if let oceanFluxes, !fromFluxes.isEmpty {
            try direction.map(fromFluxes, of: oceanFluxes, weightedBy: weights, table: table, into: &result)
        }
        for (field, parts) in sums {
            let sum = result.index(of: field)!, terms = parts.map { result.index(of: $0)! }
            for p in 0 ..< result.pointCount {
                var value = result[field: terms[0], point: p]
                for term in terms.dropFirst() { value += result[field: term, point: p] }
                result[field: sum, point: p] = value
            }
        }
        computed[bundle] = result
    }

    /// Maps component `kind`'s exports, just arrived, to the grids that take them unweighted.
    func mapOnArrival(_ kind: ComponentKind) throws {
        for grid in plan.mappedOnArrival(of: kind) {
            try timers.time("cpl map \(kind)->\(grid)") { try map(kind, to: grid) }
        }
    }

    /// Maps to the grid of component `kind` the exports it reads weighted by the fractions of
    /// the moment, before its imports are formed (the atmosphere's surface merge).
    func mapBeforeImports(of kind: ComponentKind) throws {
        let grid = plan.grid(of: kind)
        for home in plan.mappedBeforeImports[kind] ?? [] {
            try timers.time("cpl map \(home)->\(grid)") {
                for case .mapped(let source, _) in plan.mappedBundles(from: home, to: grid) where plan.weight(of: source, to: grid) != nil {
                    try map(source, to: grid)
                }
            }
        }
    }
}
