import Coupling

/// The ocean's forcing: merged each step over open water and ice, summed over the ocean
/// coupling interval and averaged when the ocean starts its next interval (the ocean runs
/// one interval behind, as in cpl7).
extension CouplerState {
    /// x2o for this step, per unit cell area:
    /// `Foxx_taux = ofrac·Faox_taux + ifrac·Faii_taux`, `Foxx_swnet = ofrac·Faox_swnet + ifrac·Fioi_swpen`,
    /// `Foxx_lwdn = ofrac·Faxa_lwdn`, `Foxx_{lwup,sen,lat,evap} = ofrac·Faox_*`,
    /// `Foxx_{rain,snow} = ofrac·Faxa_{rain,snow}`, `Foxx_{melth,meltw} = ifrac·Fioi_*`.
    func oceanForcingNow() -> FieldBundle? {
        guard plan.feedsOcean, let a = atmosphereOnOcean, let ocean = oceanGrid else { return nil }
        let n = ocean.localSize
        var x2o = FieldBundle(fields: FieldRegistry.oceanImports, pointCount: n)
        let ofrac = fractions.onOcean("ofrac"), ifrac = fractions.onOcean("ifrac")
        let ice = received[.ice]
        // Each target: which open-water field (from the coupler's fluxes or the atmosphere) and
        // which ice field feed it.
        let terms: [(target: String, open: (FieldBundle?, String)?, ice: String?)] = [
            ("Foxx_taux", (oceanFluxes, "Faox_taux"), "Faii_taux"), ("Foxx_tauy", (oceanFluxes, "Faox_tauy"), "Faii_tauy"),
            ("Foxx_swnet", (oceanFluxes, "Faox_swnet"), "Fioi_swpen"), ("Foxx_lwdn", (a, "Faxa_lwdn"), nil),
            ("Foxx_lwup", (oceanFluxes, "Faox_lwup"), nil), ("Foxx_sen", (oceanFluxes, "Faox_sen"), nil),
            ("Foxx_lat", (oceanFluxes, "Faox_lat"), nil), ("Foxx_evap", (oceanFluxes, "Faox_evap"), nil),
            ("Foxx_rain", (a, "Faxa_rain"), nil), ("Foxx_snow", (a, "Faxa_snow"), nil),
            ("Foxx_melth", nil, "Fioi_melth"), ("Foxx_meltw", nil, "Fioi_meltw"),
        ]
        // Point by point (the bundles are point-major): each point's fields are read once.
        let k = x2o.fieldCount
        let targets = terms.map { x2o.index(of: $0.target)! }
        let openSources = terms.map { term in term.open.flatMap { bundle, name in bundle?.index(of: name).map { (bundle!, $0) } } }
        let iceSources = terms.map { term in term.ice.flatMap { name in ice?.index(of: name) } }
        let emptyStorage = [Double]()
        let fluxes = oceanFluxes?.storage ?? emptyStorage, atmosphere = a.storage, iceStorage = ice?.storage ?? emptyStorage
        let fluxStride = oceanFluxes?.fieldCount ?? 0, atmosphereStride = a.fieldCount, iceStride = ice?.fieldCount ?? 0
        let openFromFluxes = openSources.map { source in source.map { $0.0.fieldNames == oceanFluxes?.fieldNames } ?? false }
        x2o.storage.withUnsafeMutableBufferPointer { out in
            fluxes.withUnsafeBufferPointer { fx in
                atmosphere.withUnsafeBufferPointer { at in
                    iceStorage.withUnsafeBufferPointer { ic in
                        for p in 0 ..< n {
                            for j in terms.indices {
                                var value = 0.0
                                if let (_, f) = openSources[j] {
                                    value = ofrac[p] * (openFromFluxes[j] ? fx[p * fluxStride + f] : at[p * atmosphereStride + f])
                                }
                                if let f = iceSources[j] { value += ifrac[p] * ic[p * iceStride + f] }
                                out[p * k + targets[j]] = value
                            }
                        }
                    }
                }
            }
        }
        return x2o
    }

    /// Adds this step's ocean forcing to the interval's sum.
    func accumulateOceanForcing() {
        timers.time("cpl merge x2o") { accumulateOceanForcingNow() }
    }

    private func accumulateOceanForcingNow() {
        guard let now = oceanForcingNow() else { return }
        oceanForcing = now
        if oceanForcingCount > 0, oceanForcingSum != nil {
            oceanForcingSum!.storage.withUnsafeMutableBufferPointer { sum in
                now.storage.withUnsafeBufferPointer { add in
                    for i in 0 ..< sum.count { sum[i] += add[i] }
                }
            }
        } else {
            oceanForcingSum = now
        }
        oceanForcingCount += 1
    }

    /// The interval's mean forcing, and a fresh start for the next interval.
    func takeAverageOceanForcing() -> FieldBundle? {
        guard var sum = oceanForcingSum, oceanForcingCount > 0 else { return nil }
        let scale = 1 / Double(oceanForcingCount)
        for i in sum.storage.indices { sum.storage[i] *= scale }
        oceanForcingSum = nil
        oceanForcingCount = 0
        return sum
    }
}
