import Coupling

/// How `docn` makes its exports (the ocean exports of `ExchangeTable.standard`), prescribed like the ocean of a
/// CESM F case: `So_t` must come from the forcing; `So_s`, `So_u`, `So_v` and `Fioo_q` come from
/// the forcing if given, else they are the ``constants`` (salinity 34.7 g/kg, no currents, no
/// freeze/melt potential).
public enum DataOceanFields {
    /// The fields `variables` may name.
    public static let inputFields = ExchangeTable.standard.exports(of: .ocn)

    /// The values of the exports the forcing does not give.
    public static let constants: [String: Double] = ["So_s": PhysicalConstants.referenceSalinity, "So_u": 0, "So_v": 0, "Fioo_q": 0]

    /// The exports and their sources when the forcing gives `given`. `setting` names the setting
    /// in messages. Throws if `So_t` is not given.
    public static func exports(given: [String], setting: String) throws(ForcingError) -> DataExports {
        guard given.contains("So_t") else {
            throw ForcingError("\(setting) must give the sea surface temperature: add 'So_t:<variable>' (in K)")
        }
        var sources = [String: ExportSource]()
        for field in ExchangeTable.standard.exports(of: .ocn) {
            sources[field] = given.contains(field) ? .forcing(field) : .constant(constants[field]!)
        }
        return DataExports(fields: ExchangeTable.standard.exports(of: .ocn), sources: sources)
    }
}
