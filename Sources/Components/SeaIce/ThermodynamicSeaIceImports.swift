import Coupling

/// Where the sea-ice model's imports (`ExchangeTable.standard.imports(of: .ice)`) are in its bundle.
struct ThermodynamicSeaIceImports: Sendable {
    private let atmosphere: AtmosphereFields
    private let rain, snow, oceanTemperature, freezingPotential: Int

    /// The positions of the fields in `imports`.
    init(in imports: FieldBundle) throws(MissingFieldError) {
        let context = "thermodynamic sea ice imports"
        atmosphere = try AtmosphereFields(in: imports, for: context)
        rain = try imports.requiredIndex(of: "Faxa_rain", for: context)
        snow = try imports.requiredIndex(of: "Faxa_snow", for: context)
        oceanTemperature = try imports.requiredIndex(of: "So_t", for: context)
        freezingPotential = try imports.requiredIndex(of: "Fioo_q", for: context)
    }

    /// The atmosphere's forcing at `point` of `imports`.
    func forcing(in imports: FieldBundle, point: Int) -> SurfaceForcing {
        SurfaceForcing(air: atmosphere.air(in: imports, point: point), shortwave: atmosphere.shortwave(in: imports, point: point),
                       longwaveDown: atmosphere.longwaveDown(in: imports, point: point),
                       rain: imports[field: rain, point: point], snow: imports[field: snow, point: point])
    }

    /// The ocean under the ice at `point` of `imports`.
    func ocean(in imports: FieldBundle, point: Int) -> OceanBelowIce {
        OceanBelowIce(temperature: imports[field: oceanTemperature, point: point],
                      freezingPotential: imports[field: freezingPotential, point: point])
    }
}
