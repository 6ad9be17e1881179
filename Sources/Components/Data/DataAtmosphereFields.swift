import Coupling

/// How `datm` makes its exports (the atmosphere exports of `ExchangeTable.standard`) from the fields its
/// forcing gives.
///
/// An export the forcing gives is taken as read. Otherwise:
/// - `Faxa_swvdr`, `Faxa_swndr`, `Faxa_swvdf`, `Faxa_swndf` are shares of the total downward
///   shortwave `Faxa_swdn` if given (``shortwaveShares``, as CESM's datm), else 0;
/// - `Faxa_rainl` and `Faxa_snowl` are the totals `Faxa_rain` and `Faxa_snow` if given (the
///   convective parts are then 0), else 0;
/// - `Sa_ptem` is `Sa_tbot`; `Sa_dens` is computed from `Sa_pbot`, `Sa_tbot` and `Sa_shum`;
/// - the others are the ``constants``.
public enum DataAtmosphereFields {
    /// The fields `variables` may name: the exports, and the totals datm splits.
    public static let inputFields = exports + ["Faxa_swdn", "Faxa_rain", "Faxa_snow"]

    /// The exports: the atmosphere's, but for its stores (a data model holds no water or heat).
    static let exports = ExchangeTable.standard.exportsWithoutStores(of: .atm)

    /// The values of the exports that are neither given nor derived.
    public static let constants: [String: Double] = [
        "Sa_z": 10, "Sa_u": 0, "Sa_v": 0, "Sa_tbot": 288.15, "Sa_shum": 0, "Sa_pbot": PhysicalConstants.standardPressure,
        "Faxa_swndr": 0, "Faxa_swvdr": 0, "Faxa_swndf": 0, "Faxa_swvdf": 0, "Faxa_lwdn": 0,
        "Faxa_rainc": 0, "Faxa_rainl": 0, "Faxa_snowc": 0, "Faxa_snowl": 0,
    ]

    /// The share of the total downward shortwave in each band (CESM datm's CORE forcing split).
    public static let shortwaveShares: [String: Double] = ["Faxa_swvdr": 0.31, "Faxa_swndr": 0.28, "Faxa_swvdf": 0.17, "Faxa_swndf": 0.24]

    /// The totals and the exports they replace: a total and one of its parts cannot both be given.
    private static let totals: [String: [String]] = [
        "Faxa_swdn": ["Faxa_swvdr", "Faxa_swndr", "Faxa_swvdf", "Faxa_swndf"],
        "Faxa_rain": ["Faxa_rainc", "Faxa_rainl"],
        "Faxa_snow": ["Faxa_snowc", "Faxa_snowl"],
    ]

    /// The exports and their sources when the forcing gives `given` (fields of ``inputFields``).
    /// `setting` names the setting in messages. Throws if a total and one of its parts are both given.
    public static func exports(given: [String], setting: String) throws(ForcingError) -> DataExports {
        for (total, parts) in totals.sorted(by: { $0.key < $1.key }) where given.contains(total) {
            if let part = parts.first(where: given.contains) {
                throw ForcingError("\(setting): give either the total '\(total)' or its parts (\(parts.joined(separator: ", "))), "
                    + "not both ('\(part)' is given too)")
            }
        }
        var sources = [String: ExportSource]()
        for field in exports {
            if given.contains(field) {
                sources[field] = .forcing(field)
            } else if let share = shortwaveShares[field], given.contains("Faxa_swdn") {
                sources[field] = .share(share, of: "Faxa_swdn")
            } else if field == "Faxa_rainl", given.contains("Faxa_rain") {
                sources[field] = .forcing("Faxa_rain")
            } else if field == "Faxa_snowl", given.contains("Faxa_snow") {
                sources[field] = .forcing("Faxa_snow")
            } else if field == "Sa_ptem" {
                sources[field] = .sameAs("Sa_tbot")
            } else if field == "Sa_dens" {
                sources[field] = .airDensity
            } else {
                sources[field] = .constant(constants[field]!)
            }
        }
        return DataExports(fields: exports, sources: sources)
    }
}
