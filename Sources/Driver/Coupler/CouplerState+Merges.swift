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
        if kind == .atm || plan.readersOfOceanGridOnAtmosphereGrid.contains(kind) {
            let (ice, ocean) = try timers.time("cpl map ocn->atm") { (try iceOnAtmosphereGrid(), try oceanOnAtmosphereGrid()) }
            iceOnAtmosphere = ice
            oceanOnAtmosphere = ocean
        }
        if kind == .atm, plan.mapsLandToAtmosphere { landOnAtmosphere = try timers.time("cpl map lnd->atm") { try landOnAtmosphereGrid() } }
        return timers.time("cpl merge x2\(kind.rawValue.prefix(1))") { formImports(for: kind) } ?? FieldBundle(fields: [], pointCount: 0)
    }

    /// The ice's exports on the atmosphere grid, weighted by the ice fraction; `nil` without ice.
    /// Fluxes stay conservative in the merge: `ifrac·S(f·F)/S(f)` is `S(f·F)` because `ifrac = S(f)`.
    private func iceOnAtmosphereGrid() throws -> FieldBundle? {
        guard let ice = received[.ice], let oceanMaps, let atmosphere = atmosphereGrid else { return nil }
        return try oceanMaps.toAtmosphere.map(ice.subset(sourceFields[.iceOnAtmosphere]!), weightedBy: fractions.onOcean("ifrac"),
                                              table: table, pointCount: atmosphere.localSize)
    }

    /// The ocean's surface that components on the atmosphere grid read and the coupler's
    /// open-ocean fluxes and albedos on the atmosphere grid, weighted by the open-ocean fraction;
    /// `nil` without an ocean.
    private func oceanOnAtmosphereGrid() throws -> FieldBundle? {
        guard let ocean = received[.ocn], let oceanMaps, let atmosphere = atmosphereGrid else { return nil }
        let fields = sourceFields[.oceanOnAtmosphere]!
        var combined = FieldBundle(fields: fields, pointCount: ocean.pointCount)
        combined.assign(from: ocean.subset(fields.filter(ocean.contains)))
        if let fluxes = oceanFluxes { combined.assign(from: fluxes) }
        return try oceanMaps.toAtmosphere.map(combined, weightedBy: fractions.onOcean("ofrac"), table: table, pointCount: atmosphere.localSize)
    }

    /// The land's exports the atmosphere's merges read, on the atmosphere grid, weighted by the
    /// land's fraction; `nil` without a land. As for the ice, `lfrac·L(f·F)/L(f)` is `L(f·F)`
    /// because `lfrac = L(f)` on the atmosphere grid.
    private func landOnAtmosphereGrid() throws -> FieldBundle? {
        guard let land = received[.lnd], let landMaps, let atmosphere = atmosphereGrid else { return nil }
        let fields = sourceFields[.landOnAtmosphere]!
        var combined = FieldBundle(fields: fields, pointCount: land.pointCount)
        combined.assign(from: land.subset(fields.filter(land.contains)))
        return try landMaps.toAtmosphere.map(combined, weightedBy: fractions.land.values(of: "lfrac"), table: table,
                                             pointCount: atmosphere.localSize)
    }

    /// The atmosphere's exports the land imports, on the land's own grid: states with the state
    /// map, fluxes with the flux map; `nil` without an atmosphere.
    func atmosphereOnLandGrid() throws -> FieldBundle? {
        guard let atmosphere = received[.atm], let landMaps, let land = landGrid else { return nil }
        return try landMaps.toSurface.map(atmosphere.subset(sourceFields[.atmosphereOnLand]!), table: table, pointCount: land.localSize)
    }
}
