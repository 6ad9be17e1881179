import Coupling

/// The coupler's merges: each component's inputs, formed from the others' outputs and the
/// fractions by the rules of the exchange table (`ImportPlan`).
extension CouplerState {
    /// What the coupler sends component `kind` at the start of its coupling interval: the
    /// ocean's forcing averaged over its last interval (the table's averaged importers), or
    /// this step's imports; for the atmosphere the ice and ocean fields (and a land's on its own
    /// grid) are first mapped to its grid.
    func inputs(for kind: ComponentKind) throws -> FieldBundle {
        if table.averagedImporters.contains(kind) { return takeAverageOceanForcing() ?? FieldBundle(fields: [], pointCount: 0) }
        if kind == .atm {
            let (ice, ocean) = try timers.time("cpl map ocn->atm") { (try iceOnAtmosphereGrid(), try oceanOnAtmosphereGrid()) }
            iceOnAtmosphere = ice
            oceanOnAtmosphere = ocean
            if plan.mapsLandToAtmosphere { landOnAtmosphere = try timers.time("cpl map lnd->atm") { try landOnAtmosphereGrid() } }
        }
        return timers.time("cpl merge x2\(kind.rawValue.prefix(1))") { formImports(for: kind) } ?? FieldBundle(fields: [], pointCount: 0)
    }

    /// The ice's exports on the atmosphere grid, weighted by the ice fraction; `nil` without ice.
    /// Fluxes stay conservative in the merge: `ifrac·S(f·F)/S(f)` is `S(f·F)` because `ifrac = S(f)`.
    private func iceOnAtmosphereGrid() throws -> FieldBundle? {
        guard let ice = received[.ice], let oceanMaps else { return nil }
        let fields = sourceFields[.iceOnAtmosphere]!
        return try mapWeighted(ice.subset(fields), weights: fractions.onOcean("ifrac"), states: oceanMaps.toAtmosphere.state, fluxes: oceanMaps.toAtmosphere.flux)
    }

    /// The ocean's surface the atmosphere's merges read and the coupler's open-ocean fluxes and
    /// albedos on the atmosphere grid, weighted by the open-ocean fraction; `nil` without an ocean.
    private func oceanOnAtmosphereGrid() throws -> FieldBundle? {
        guard let ocean = received[.ocn], let fluxes = oceanFluxes, let oceanMaps else { return nil }
        let fields = sourceFields[.oceanOnAtmosphere]!
        var combined = FieldBundle(fields: fields, pointCount: ocean.pointCount)
        combined.assign(from: ocean.subset(fields.filter(ocean.contains)))
        combined.assign(from: fluxes)
        return try mapWeighted(combined, weights: fractions.onOcean("ofrac"), states: oceanMaps.toAtmosphere.state, fluxes: oceanMaps.toAtmosphere.flux)
    }

    /// The land's exports the atmosphere's merges read, on the atmosphere grid, weighted by the
    /// land's fraction; `nil` without a land. As for the ice, `lfrac·L(f·F)/L(f)` is `L(f·F)`
    /// because `lfrac = L(f)` on the atmosphere grid.
    private func landOnAtmosphereGrid() throws -> FieldBundle? {
        guard let land = received[.lnd], let landMaps else { return nil }
        let fields = sourceFields[.landOnAtmosphere]!
        var combined = FieldBundle(fields: fields, pointCount: land.pointCount)
        combined.assign(from: land.subset(fields.filter(land.contains)))
        return try mapWeighted(combined, weights: fractions.land.values(of: "lfrac"), states: landMaps.toAtmosphere.state,
                               fluxes: landMaps.toAtmosphere.flux)
    }

    /// The atmosphere's exports the land imports, on the land's own grid: states with the state
    /// map, fluxes with the flux map; `nil` without an atmosphere.
    func atmosphereOnLandGrid() throws -> FieldBundle? {
        guard let atmosphere = received[.atm], let landMaps, let land = landGrid else { return nil }
        let fields = sourceFields[.atmosphereOnLand]!
        let states = fields.filter { table.description(of: $0)?.kind == .state }
        let fluxes = fields.filter { table.description(of: $0)?.kind != .state }
        var result = FieldBundle(fields: fields, pointCount: land.localSize)
        for (part, map) in [(states, landMaps.toSurface.state), (fluxes, landMaps.toSurface.flux)] where !part.isEmpty {
            var y = FieldBundle(fields: part, pointCount: land.localSize)
            try map.map(atmosphere.subset(part), into: &y)
            result.assign(from: y)
        }
        return result
    }

    /// Maps states with `states` and fluxes with `fluxes`, both weighted by `weights` (in one
    /// pass when they are the same map).
    private func mapWeighted(_ x: FieldBundle, weights: [Double], states: any FieldMap, fluxes: any FieldMap) throws -> FieldBundle {
        let n = atmosphereGrid!.localSize
        if states === fluxes {
            var y = FieldBundle(fields: x.fieldNames, pointCount: n)
            try states.map(x, weightedBy: weights, into: &y, emptyValue: 0)
            return y
        }
        let stateFields = x.fieldNames.filter { table.description(of: $0)?.kind == .state }
        let fluxFields = x.fieldNames.filter { table.description(of: $0)?.kind != .state }
        var result = FieldBundle(fields: x.fieldNames, pointCount: n)
        for (fields, map) in [(stateFields, states), (fluxFields, fluxes)] where !fields.isEmpty {
            var y = FieldBundle(fields: fields, pointCount: n)
            try map.map(x.subset(fields), weightedBy: weights, into: &y, emptyValue: 0)
            result.assign(from: y)
        }
        return result
    }
}
