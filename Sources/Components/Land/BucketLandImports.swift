import Coupling

/// Where the bucket land model's imports (`ExchangeTable.standard.imports(of: .lnd)`) are in its bundle.
struct BucketLandImports: Sendable {
    private let atmosphere: AtmosphereFields
    private let convectiveRain, largeScaleRain, convectiveSnow, largeScaleSnow, landFraction: Int

    /// The positions of the fields in `imports`.
    init(in imports: FieldBundle) throws(MissingFieldError) {
        let context = "bucket land imports"
        atmosphere = try AtmosphereFields(in: imports, for: context)
        convectiveRain = try imports.requiredIndex(of: "Faxa_rainc", for: context)
        largeScaleRain = try imports.requiredIndex(of: "Faxa_rainl", for: context)
        convectiveSnow = try imports.requiredIndex(of: "Faxa_snowc", for: context)
        largeScaleSnow = try imports.requiredIndex(of: "Faxa_snowl", for: context)
        landFraction = try imports.requiredIndex(of: "Sf_lfrac", for: context)
    }

    /// The atmosphere's forcing at `point` of `imports`.
    func forcing(in imports: FieldBundle, point: Int) -> SurfaceForcing {
        SurfaceForcing(air: atmosphere.air(in: imports, point: point), shortwave: atmosphere.shortwave(in: imports, point: point),
                       longwaveDown: atmosphere.longwaveDown(in: imports, point: point),
                       rain: imports[field: convectiveRain, point: point] + imports[field: largeScaleRain, point: point],
                       snow: imports[field: convectiveSnow, point: point] + imports[field: largeScaleSnow, point: point])
    }

    /// The land fraction of the cell at `point` of `imports`.
    func landFraction(in imports: FieldBundle, point: Int) -> Double {
        imports[field: landFraction, point: point]
    }
}
