import Coupling

/// Where the slab ocean's exports (`ExchangeTable.standard.exports(of: .ocn)`) are in its bundle.
struct SlabOceanExports: Sendable {
    private let temperature, zonalCurrent, meridionalCurrent, salinity, freezingPotential, water, heat: Int

    /// The positions of the fields in `exports`.
    init(in exports: FieldBundle) throws(MissingFieldError) {
        func index(_ name: String) throws(MissingFieldError) -> Int { try exports.requiredIndex(of: name, for: "slab ocean exports") }
        temperature = try index("So_t")
        zonalCurrent = try index("So_u")
        meridionalCurrent = try index("So_v")
        salinity = try index("So_s")
        freezingPotential = try index("Fioo_q")
        water = try index("So_wstor")
        heat = try index("So_hstor")
    }

    /// Writes `column`'s state, its freezing or melt potential, the fresh water it gained
    /// since the start (its water store) and its heat above freezing (its heat store, with
    /// `parameters`) to one point's `row`; the slab has no currents.
    func write(_ column: SlabOceanColumn, parameters: SlabOceanParameters, freezingPotential q: Double, water gained: Double,
               to row: ExportRow) {
        row[temperature] = column.temperature
        row[zonalCurrent] = 0
        row[meridionalCurrent] = 0
        row[salinity] = column.salinity
        row[freezingPotential] = q
        row[water] = gained
        row[heat] = column.heatAboveFreezing(parameters: parameters)
    }
}
