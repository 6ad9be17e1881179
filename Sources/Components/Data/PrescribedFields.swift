import Coupling

/// How a data model that prescribes its component's exports makes them — `docn`, `dlnd`, `dice`
/// and `drof`: an export the forcing gives is taken as read, every other one is a documented
/// constant, and some exports must come from the forcing (the data ocean's `So_t`).
public struct PrescribedFields: Sendable {
    /// The component whose exports (`ExchangeTable.standard.exports(of:)`) these are.
    public let kind: ComponentKind
    /// The exports the forcing must give.
    public let required: [String]
    /// The value of each other export when the forcing does not give it.
    public let constants: [String: Double]

    /// The fields `variables` may name: the component's exports, but for its water and heat
    /// stores (a data model holds neither).
    public var inputFields: [String] { ExchangeTable.standard.exportsWithoutStores(of: kind) }

    /// The exports and their sources when the forcing gives `given`. `setting` names the setting
    /// in messages. Throws if a required export is not given.
    public func exports(given: [String], setting: String) throws(ForcingError) -> DataExports {
        if let missing = required.first(where: { !given.contains($0) }) {
            let description = ExchangeTable.standard.description(of: missing)
            throw ForcingError("\(setting) must give the \(description?.longName ?? missing): add '\(missing):<variable>'"
                + (description.map { " (in \($0.units))" } ?? ""))
        }
        var sources = [String: ExportSource]()
        for field in inputFields {
            sources[field] = given.contains(field) ? .forcing(field) : .constant(constants[field]!)
        }
        return DataExports(fields: inputFields, sources: sources)
    }

    /// `docn`, prescribed like the ocean of a CESM F case: `So_t` must be given; otherwise
    /// salinity 34.7 g/kg, no currents, no freeze/melt potential.
    public static let ocean = PrescribedFields(kind: .ocn, required: ["So_t"], constants: [
        "So_s": PhysicalConstants.referenceSalinity, "So_u": 0, "So_v": 0, "Fioo_q": 0,
    ])

    /// `dlnd`: nothing is required; otherwise a snow-free surface at 288.15 K with albedos 0.1
    /// (visible) and 0.3 (near-infrared) that exchanges nothing with the atmosphere and does not run off.
    public static let land = PrescribedFields(kind: .lnd, required: [], constants: [
        "Sl_t": 288.15, "Sl_avsdr": 0.1, "Sl_avsdf": 0.1, "Sl_anidr": 0.3, "Sl_anidf": 0.3,
        "Fall_swnet": 0, "Fall_lwup": 0, "Fall_sen": 0, "Fall_lat": 0, "Fall_evap": 0, "Fall_taux": 0, "Fall_tauy": 0, "Fall_rofl": 0,
    ])

    /// `dice`, prescribed ice like CESM's dice: `Si_ifrac` must be given; otherwise ice at the
    /// freezing point of sea water with albedos 0.7 (visible) and 0.4 (near-infrared) that
    /// exchanges nothing with the atmosphere or the ocean.
    public static let seaIce = PrescribedFields(kind: .ice, required: ["Si_ifrac"], constants: [
        "Si_t": PhysicalConstants.freezingPointOfSeaWater, "Si_avsdr": 0.7, "Si_avsdf": 0.7, "Si_anidr": 0.4, "Si_anidf": 0.4,
        "Faii_swnet": 0, "Faii_lwup": 0, "Faii_sen": 0, "Faii_lat": 0, "Faii_evap": 0, "Faii_taux": 0, "Faii_tauy": 0,
        "Fioi_melth": 0, "Fioi_meltw": 0, "Fioi_swpen": 0,
    ])

    /// `drof`: the discharge into the ocean, `Forr_rofl`, must be given.
    public static let runoff = PrescribedFields(kind: .rof, required: ["Forr_rofl"], constants: [:])
}
