import Coupling

/// Where the slab ocean's imports (`ExchangeTable.standard.imports(of: .ocn)`) are in its bundle.
struct SlabOceanImports: Sendable {
    private let shortwaveNet, longwaveDown, longwaveUp, sensibleHeat, latentHeat, evaporation: Int
    private let rain, snow, meltHeat, meltWater, riverWater: Int

    /// The positions of the fields in `imports`.
    init(in imports: FieldBundle) throws(MissingFieldError) {
        func index(_ name: String) throws(MissingFieldError) -> Int { try imports.requiredIndex(of: name, for: "slab ocean imports") }
        shortwaveNet = try index("Foxx_swnet")
        longwaveDown = try index("Foxx_lwdn")
        longwaveUp = try index("Foxx_lwup")
        sensibleHeat = try index("Foxx_sen")
        latentHeat = try index("Foxx_lat")
        evaporation = try index("Foxx_evap")
        rain = try index("Foxx_rain")
        snow = try index("Foxx_snow")
        meltHeat = try index("Foxx_melth")
        meltWater = try index("Foxx_meltw")
        riverWater = try index("Forr_rofl")
    }

    /// The forcing at `point` of `imports`.
    func forcing(in imports: FieldBundle, point: Int) -> OceanForcing {
        var f = OceanForcing()
        f.shortwaveNet = imports[field: shortwaveNet, point: point]
        f.longwaveDown = imports[field: longwaveDown, point: point]
        f.longwaveUp = imports[field: longwaveUp, point: point]
        f.sensibleHeat = imports[field: sensibleHeat, point: point]
        f.latentHeat = imports[field: latentHeat, point: point]
        f.evaporation = imports[field: evaporation, point: point]
        f.rain = imports[field: rain, point: point]
        f.snow = imports[field: snow, point: point]
        f.meltHeat = imports[field: meltHeat, point: point]
        f.meltWater = imports[field: meltWater, point: point]
        f.riverWater = imports[field: riverWater, point: point]
        return f
    }
}
