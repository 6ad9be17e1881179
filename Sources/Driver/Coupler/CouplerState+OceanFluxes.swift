import Coupling

/// The coupler's atmosphere–ocean fluxes over open water (`OceanSurfaceFluxes`), computed on the
/// grid `aoflux_grid` names (`CouplingPlan.fluxGrid`). Whichever it is, the result is kept on the
/// ocean grid (`computed[.oceanFluxes]`), where the ocean's merges read it, and reaches the
/// atmosphere grid with the ocean's exports by the ocean-to-atmosphere map, weighted by the
/// open-ocean fraction: the area integral of every flux is the same on both grids.
extension CouplerState {
    /// The fluxes at every ocean point, from the atmosphere's bottom state and the ocean's surface.
    func computeOceanFluxes() throws {
        try timers.time("cpl ocean fluxes") {
            guard plan.computesOceanFluxes, let ocean = oceanGrid, let surface = received[.ocn] else { return }
            let fluxes: FieldBundle
            switch plan.fluxGrid {
            case .ocean:
                guard let air = computed[.mapped(.atm, to: .ocean)] else { return }
                fluxes = bulkFluxes(air: air, surface: surface, where: ocean.mask)
            case .atmosphere:
                fluxes = try fluxesFromAtmosphereGrid(surface: surface, ocean: ocean)
            case .exchange:
                fluxes = try fluxesFromExchangeGrid(surface: surface, ocean: ocean)
            }
            computed[.oceanFluxes] = fluxes
        }
    }

    // MARK: Where the formulas are evaluated

    /// `aoflux_grid = 'atm'`: the ocean's surface goes to the atmosphere grid (the state map,
    /// weighted by the open-ocean fraction), the fluxes are computed at every atmosphere point
    /// with open ocean, and go back to the ocean grid by the atmosphere-to-ocean maps weighted
    /// by the same fraction (fluxes by the flux map, albedos by the state map).
    private func fluxesFromAtmosphereGrid(surface: FieldBundle, ocean: Domain) throws -> FieldBundle {
        var fluxes = FieldBundle(fields: table.atmosphereOceanFluxes, pointCount: ocean.localSize)
        guard let air = received[.atm], let atmosphere = atmosphereGrid, let toAtmosphere = maps.direction(MapPair(from: .ocn, to: .atm)),
              let toOcean = maps.direction(MapPair(from: .atm, to: .ocn)), let openOcean = fractions.on(.ocean)?.values(of: "ofrac"),
              let openOceanOnAtmosphere = fractions.on(.atmosphere)?.values(of: "ofrac") else { return fluxes }
        let names = Array(table.atmosphereOceanFluxInputs.suffix(3))
        var surfaceOnAtmosphere = FieldBundle(fields: names, pointCount: atmosphere.localSize)
        let covered = try toAtmosphere.state.map(names.map { surface.index(of: $0)! }, of: surface, weightedBy: openOcean,
                                                 into: &surfaceOnAtmosphere, fields: Array(names.indices), emptyValue: 0)
        // Where the atmosphere grid has open ocean and the state map brought a surface.
        let weight = zip(openOceanOnAtmosphere, covered).map { $1 > 0 ? $0 : 0 }
        let onAtmosphere = bulkFluxes(air: air, surface: surfaceOnAtmosphere, where: weight)
        try toOcean.map(table.atmosphereOceanFluxes, of: onAtmosphere, weightedBy: weight, table: table, into: &fluxes)
        // Over the ocean grid's land, as on the other flux grids, no flux.
        let k = fluxes.fieldCount
        fluxes.storage.withUnsafeMutableBufferPointer { values in
            for p in ocean.mask.indices where ocean.mask[p] == 0 {
                for f in 0 ..< k { values[p * k + f] = 0 }
            }
        }
        return fluxes
    }

    /// `aoflux_grid = 'exch'`: the fluxes are computed on every overlap of an atmosphere cell
    /// and an ocean cell (an entry of the conservative atmosphere-to-ocean map), from the
    /// atmosphere's state in the one and the ocean's surface in the other; each ocean cell gets
    /// their mean weighted by the overlaps' areas (`Mapper.mapEntries`).
    private func fluxesFromExchangeGrid(surface: FieldBundle, ocean: Domain) throws -> FieldBundle {
        var fluxes = FieldBundle(fields: table.atmosphereOceanFluxes, pointCount: ocean.localSize)
        guard let air = received[.atm], let direction = maps.direction(MapPair(from: .atm, to: .ocn)) else { return fluxes }
        guard let overlaps = direction.flux as? Mapper else {
            // The same grid (an identity map): the overlaps are the cells. (A map of type 'Y'
            // is refused before the run, `CouplingPlan.problems`.)
            return bulkFluxes(air: computed[.mapped(.atm, to: .ocean)] ?? air, surface: surface, where: ocean.mask)
        }
        let positions = BulkFluxPositions(table: table, air: air, surface: surface, result: fluxes)
        let ko = surface.fieldCount, count = positions.result.count
        try surface.storage.withUnsafeBufferPointer { o in
            try ocean.mask.withUnsafeBufferPointer { mask in
                // Each overlap's fluxes in the table's order, into their positions in `fluxes`.
                _ = try overlaps.mapEntries(of: air, into: &fluxes, fields: positions.result) { a, j, values in
                    guard mask[j] > 0 else {
                        for f in 0 ..< count { values[f] = 0 }
                        return
                    }
                    positions.write(air: a, surface: o.baseAddress! + j * ko) { values[$0] = $1 }
                }
            }
        }
        return fluxes
    }

    // MARK: The formulas

    /// The bulk fluxes at the points where `weight` is above 0, from the atmosphere's state in
    /// `air` and the ocean's surface in `surface` (the same points); 0 elsewhere.
    private func bulkFluxes(air: FieldBundle, surface: FieldBundle, where weight: [Double]) -> FieldBundle {
        var fluxes = FieldBundle(fields: table.atmosphereOceanFluxes, pointCount: weight.count)
        let positions = BulkFluxPositions(table: table, air: air, surface: surface, result: fluxes)
        let ka = air.fieldCount, ko = surface.fieldCount, kf = fluxes.fieldCount
        air.storage.withUnsafeBufferPointer { a in
            surface.storage.withUnsafeBufferPointer { o in
                fluxes.storage.withUnsafeMutableBufferPointer { result in
                    for p in weight.indices where weight[p] > 0 {
                        let out = result.baseAddress! + p * kf
                        positions.write(air: a.baseAddress! + p * ka, surface: o.baseAddress! + p * ko) { out[positions.result[$0]] = $1 }
                    }
                }
            }
        }
        return fluxes
    }
}

/// Where the flux formulas read their inputs (`ExchangeTable.atmosphereOceanFluxInputs`: the
/// atmosphere's wind, potential temperature, humidity, density and four shortwave bands, then
/// the ocean's temperature and currents) and write their results
/// (`ExchangeTable.atmosphereOceanFluxes`: stresses, heat, water, longwave, shortwave, then the
/// four albedos), in the bundles at hand.
private struct BulkFluxPositions {
    let air: [Int]
    let surface: [Int]
    let result: [Int]

    init(table: ExchangeTable, air: FieldBundle, surface: FieldBundle, result: FieldBundle) {
        let inputs = table.atmosphereOceanFluxInputs
        self.air = inputs.dropLast(3).map { air.index(of: $0)! }
        self.surface = inputs.suffix(3).map { surface.index(of: $0)! }
        self.result = table.atmosphereOceanFluxes.map { result.index(of: $0)! }
    }

    /// The fluxes of one point from its atmosphere values `a` and ocean values `o`, each given to
    /// `put` with its number in the table's list of fluxes.
    @inline(__always)
    func write(air a: UnsafePointer<Double>, surface o: UnsafePointer<Double>, _ put: (Int, Double) -> Void) {
        let f = OceanSurfaceFluxes(windU: a[air[0]], windV: a[air[1]], potentialTemperature: a[air[2]], specificHumidity: a[air[3]],
                                   airDensity: a[air[4]], surfaceTemperature: o[surface[0]], currentU: o[surface[1]], currentV: o[surface[2]],
                                   downwardShortwave: 0 + a[air[5]] + a[air[6]] + a[air[7]] + a[air[8]])
        put(0, f.zonalStress)
        put(1, f.meridionalStress)
        put(2, f.latentHeat)
        put(3, f.sensibleHeat)
        put(4, f.evaporation)
        put(5, f.upwardLongwave)
        put(6, f.netShortwave)
        for band in 7 ..< 11 { put(band, f.albedo) }
    }
}
