import Coupling

/// Where the slab atmosphere's exports (`ExchangeTable.standard.exports(of: .atm)`) are in its bundle.
struct SlabAtmosphereExports: Sendable {
    private let atmosphere: AtmosphereFields
    private let convectiveRain, largeScaleRain, convectiveSnow, largeScaleSnow, water: Int

    /// The positions of the fields in `exports`.
    init(in exports: FieldBundle) throws(MissingFieldError) {
        let context = "slab atmosphere exports"
        atmosphere = try AtmosphereFields(in: exports, for: context)
        convectiveRain = try exports.requiredIndex(of: "Faxa_rainc", for: context)
        largeScaleRain = try exports.requiredIndex(of: "Faxa_rainl", for: context)
        convectiveSnow = try exports.requiredIndex(of: "Faxa_snowc", for: context)
        largeScaleSnow = try exports.requiredIndex(of: "Faxa_snowl", for: context)
        water = try exports.requiredIndex(of: "Sa_wstor", for: context)
    }

    /// Writes `output` and the water the column holds, `water` (`Sa_wstor`), to one point's `row`.
    func write(_ output: SlabAtmosphereOutput, water stored: Double, to row: ExportRow) {
        atmosphere.write(output.forcing, to: row)
        row[convectiveRain] = output.convectiveRain
        row[largeScaleRain] = output.largeScaleRain
        row[convectiveSnow] = output.convectiveSnow
        row[largeScaleSnow] = output.largeScaleSnow
        row[water] = stored
    }
}
