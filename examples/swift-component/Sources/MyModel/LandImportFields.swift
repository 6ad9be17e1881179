import Coupling

/// Where the model's imports (`ExchangeTable.standard.imports(of: .lnd)`: the atmosphere's `Sa_*` and `Faxa_*`
/// fields and the coupler's land fraction `Sf_lfrac`) are in its import bundle. Looked up
/// once per run call; a missing field is a `MissingFieldError` naming it.
struct LandImportFields: Sendable {
    private let height, zonalWind, meridionalWind, potentialTemperature, specificHumidity, density: Int
    private let visibleDirect, nearInfraredDirect, visibleDiffuse, nearInfraredDiffuse, longwaveDown: Int
    private let convectiveRain, largeScaleRain, convectiveSnow, largeScaleSnow, landFraction: Int

    /// The positions of the fields in `imports`.
    init(in imports: FieldBundle) throws(MissingFieldError) {
        func index(_ name: String) throws(MissingFieldError) -> Int { try imports.requiredIndex(of: name, for: "mymodel imports") }
        height = try index("Sa_z")
        zonalWind = try index("Sa_u")
        meridionalWind = try index("Sa_v")
        potentialTemperature = try index("Sa_ptem")
        specificHumidity = try index("Sa_shum")
        density = try index("Sa_dens")
        visibleDirect = try index("Faxa_swvdr")
        nearInfraredDirect = try index("Faxa_swndr")
        visibleDiffuse = try index("Faxa_swvdf")
        nearInfraredDiffuse = try index("Faxa_swndf")
        longwaveDown = try index("Faxa_lwdn")
        convectiveRain = try index("Faxa_rainc")
        largeScaleRain = try index("Faxa_rainl")
        convectiveSnow = try index("Faxa_snowc")
        largeScaleSnow = try index("Faxa_snowl")
        landFraction = try index("Sf_lfrac")
    }

    /// The atmosphere's forcing at local point `point` of `imports`.
    func forcing(in imports: FieldBundle, point: Int) -> LandForcing {
        func value(_ field: Int) -> Double { imports[field: field, point: point] }
        var f = LandForcing()
        f.height = value(height)
        f.zonalWind = value(zonalWind)
        f.meridionalWind = value(meridionalWind)
        f.potentialTemperature = value(potentialTemperature)
        f.specificHumidity = value(specificHumidity)
        f.density = value(density)
        f.visibleDirect = value(visibleDirect)
        f.nearInfraredDirect = value(nearInfraredDirect)
        f.visibleDiffuse = value(visibleDiffuse)
        f.nearInfraredDiffuse = value(nearInfraredDiffuse)
        f.longwaveDown = value(longwaveDown)
        f.rain = value(convectiveRain) + value(largeScaleRain)
        f.snow = value(convectiveSnow) + value(largeScaleSnow)
        return f
    }

    /// The share of the cell at local point `point` that is land (`Sf_lfrac`, 0...1).
    func landFraction(in imports: FieldBundle, point: Int) -> Double {
        imports[field: landFraction, point: point]
    }
}
