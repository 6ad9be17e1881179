import Coupling

/// The coupler's merges: each component's inputs from the others' outputs and the fractions.
extension CouplerState {
    /// What the coupler sends component `kind` at the start of its coupling interval: the
    /// ocean's forcing averaged over its last interval, or the merged inputs of the land, the
    /// sea ice and the atmosphere.
    func inputs(for kind: ComponentKind) throws -> FieldBundle {
        switch kind {
        case .ocn: takeAverageOceanForcing() ?? FieldBundle(fields: [], pointCount: 0)
        case .lnd: landInputs()
        case .ice: iceInputs()
        case .atm: try atmosphereInputs()
        case .cpl: FieldBundle(fields: [], pointCount: 0)
        }
    }

    /// x2a: the surface as the atmosphere sees it. Ocean and ice fields are mapped to the
    /// atmosphere grid weighted by their fractions (`S(f·x)/S(f)`), then merged:
    /// `x = lfrac·land + ifrac·ice + ofrac·ocean`. Fluxes stay conservative: `ifrac·S(f·F)/S(f)`
    /// is `S(f·F)` because `ifrac = S(f)`.
    func atmosphereInputs() throws -> FieldBundle {
        let grid = atmosphereGrid!
        let n = grid.localSize
        var x2a = FieldBundle(fields: FieldRegistry.atmosphereImports, pointCount: n)
        let lfrac = fractions.onAtmosphere("lfrac"), ifrac = fractions.onAtmosphere("ifrac"), ofrac = fractions.onAtmosphere("ofrac")
        x2a.setValues(lfrac, of: "Sf_lfrac")
        x2a.setValues(ifrac, of: "Sf_ifrac")
        x2a.setValues(ofrac, of: "Sf_ofrac")
        // What each surface contributes, per field of x2a: (surface's field name, its values on the atmosphere grid).
        let merged: [(target: String, land: String, ice: String, ocean: String)] = [
            ("Sx_t", "Sl_t", "Si_t", "So_t"),
            ("Sx_avsdr", "Sl_avsdr", "Si_avsdr", "So_avsdr"), ("Sx_anidr", "Sl_anidr", "Si_anidr", "So_anidr"),
            ("Sx_avsdf", "Sl_avsdf", "Si_avsdf", "So_avsdf"), ("Sx_anidf", "Sl_anidf", "Si_anidf", "So_anidf"),
            ("Faxx_taux", "Fall_taux", "Faii_taux", "Faox_taux"), ("Faxx_tauy", "Fall_tauy", "Faii_tauy", "Faox_tauy"),
            ("Faxx_lat", "Fall_lat", "Faii_lat", "Faox_lat"), ("Faxx_sen", "Fall_sen", "Faii_sen", "Faox_sen"),
            ("Faxx_lwup", "Fall_lwup", "Faii_lwup", "Faox_lwup"), ("Faxx_evap", "Fall_evap", "Faii_evap", "Faox_evap"),
        ]
        let land = received[.lnd]
        let (ice, ocean) = try timers.time("cpl map ocn->atm") { (try iceOnAtmosphereGrid(), try oceanOnAtmosphereGrid()) }
        iceOnAtmosphere = ice
        oceanOnAtmosphere = ocean
        timers.time("cpl merge x2a") { merge(merged, land: land, ice: ice, ocean: ocean, into: &x2a, fractions: (lfrac, ifrac, ofrac)) }
        return x2a
    }

    /// `x2a[target] = lfrac·land + ifrac·ice + ofrac·ocean` for each term.
    private func merge(_ merged: [(target: String, land: String, ice: String, ocean: String)], land: FieldBundle?, ice: FieldBundle?,
                       ocean: FieldBundle?, into x2a: inout FieldBundle, fractions: (l: [Double], i: [Double], o: [Double])) {
        let n = x2a.pointCount
        let (lfrac, ifrac, ofrac) = fractions
        for term in merged {
            let target = x2a.index(of: term.target)!
            let l = land?.index(of: term.land), i = ice?.index(of: term.ice), o = ocean?.index(of: term.ocean)
            for p in 0 ..< n {
                var value = 0.0
                if let l, let land { value += lfrac[p] * land[field: l, point: p] }
                if let i, let ice { value += ifrac[p] * ice[field: i, point: p] }
                if let o, let ocean { value += ofrac[p] * ocean[field: o, point: p] }
                x2a[field: target, point: p] = value
            }
        }
    }

    /// The ice's exports on the atmosphere grid, weighted by the ice fraction; `nil` without ice.
    private func iceOnAtmosphereGrid() throws -> FieldBundle? {
        guard let ice = received[.ice], let maps else { return nil }
        let weights = fractions.onOcean("ifrac")
        return try mapWeighted(ice.subset(FieldRegistry.iceExports), weights: weights, states: maps.oceanToAtmState, fluxes: maps.oceanToAtmFlux)
    }

    /// The ocean's surface temperature and the coupler's open-ocean fluxes and albedos on the
    /// atmosphere grid, weighted by the open-ocean fraction; `nil` without an ocean.
    private func oceanOnAtmosphereGrid() throws -> FieldBundle? {
        guard let ocean = received[.ocn], let fluxes = oceanFluxes, let maps else { return nil }
        var combined = FieldBundle(fields: ["So_t"] + FieldRegistry.oceanSurfaceFluxes, pointCount: ocean.pointCount)
        combined.assign(from: ocean.subset(["So_t"]))
        combined.assign(from: fluxes)
        return try mapWeighted(combined, weights: fractions.onOcean("ofrac"), states: maps.oceanToAtmState, fluxes: maps.oceanToAtmFlux)
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
        let stateFields = x.fieldNames.filter { FieldRegistry.description(of: $0)?.kind == .state }
        let fluxFields = x.fieldNames.filter { FieldRegistry.description(of: $0)?.kind != .state }
        var result = FieldBundle(fields: x.fieldNames, pointCount: n)
        for (fields, map) in [(stateFields, states), (fluxFields, fluxes)] where !fields.isEmpty {
            var y = FieldBundle(fields: fields, pointCount: n)
            try map.map(x.subset(fields), weightedBy: weights, into: &y, emptyValue: 0)
            result.assign(from: y)
        }
        return result
    }

    /// x2l: the atmosphere's fields (the land shares its grid) and the land fraction.
    func landInputs() -> FieldBundle {
        timers.time("cpl merge x2l") { landInputsNow() }
    }

    private func landInputsNow() -> FieldBundle {
        var x2l = FieldBundle(fields: FieldRegistry.landImports, pointCount: atmosphereGrid!.localSize)
        if let atmosphere = received[.atm] { x2l.assign(from: atmosphere) }
        x2l.setValues(fractions.onAtmosphere("lfrac"), of: "Sf_lfrac")
        return x2l
    }

    /// x2i: the atmosphere on the ocean grid and the ocean's surface (freezing sea water and
    /// reference salinity when there is no ocean).
    func iceInputs() -> FieldBundle {
        timers.time("cpl merge x2i") { iceInputsNow() }
    }

    private func iceInputsNow() -> FieldBundle {
        let n = oceanGrid!.localSize
        var x2i = FieldBundle(fields: FieldRegistry.iceImports, pointCount: n)
        if let atmosphere = atmosphereOnOcean { x2i.assign(from: atmosphere) }
        if let ocean = received[.ocn] {
            x2i.assign(from: ocean.subset(["So_t", "So_s", "Fioo_q"]))
        } else {
            x2i.setValues([Double](repeating: PhysicalConstants.freezingPointOfSeaWater, count: n), of: "So_t")
            x2i.setValues([Double](repeating: PhysicalConstants.referenceSalinity, count: n), of: "So_s")
        }
        return x2i
    }
}
