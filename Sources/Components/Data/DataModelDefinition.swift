import Coupling

/// What sets one data model apart from another: its name, component, default settings and fields.
/// Every data model is declared once, in ``all``; the registry and `DataModel` read it from there.
struct DataModelDefinition: Sendable {
    /// The registered name (`datm`), used in logs; the namelist group is `<name>_nml`.
    let name: String
    /// The component it stands in for.
    let kind: ComponentKind
    /// What it is, for `coupled-driver registry`.
    let summary: String
    /// The settings when the group sets nothing.
    let defaults: DataModelSettings
    /// The fields `variables` may name.
    let inputFields: [String]
    /// The exports and their sources, given the fields the forcing gives and the setting's name for messages.
    let exports: @Sendable (_ given: [String], _ setting: String) throws(ForcingError) -> DataExports

    /// The namelist group (`datm_nml`).
    var group: String { "\(name)_nml" }

    /// A data model whose exports are ``PrescribedFields``.
    init(name: String, summary: String, defaults: DataModelSettings, fields: PrescribedFields) {
        self.init(name: name, kind: fields.kind, summary: summary, defaults: defaults, inputFields: fields.inputFields,
                  exports: { (given, setting) throws(ForcingError) in try fields.exports(given: given, setting: setting) })
    }

    /// A data model with its own way of making its exports.
    init(name: String, kind: ComponentKind, summary: String, defaults: DataModelSettings, inputFields: [String],
         exports: @escaping @Sendable (_ given: [String], _ setting: String) throws(ForcingError) -> DataExports) {
        self.name = name
        self.kind = kind
        self.summary = summary
        self.defaults = defaults
        self.inputFields = inputFields
        self.exports = exports
    }

    /// Every data model, in the order the registry lists them.
    static let all: [DataModelDefinition] = [atmosphere, ocean, land, seaIce, runoff]

    /// `datm`: the atmosphere of ``DataAtmosphereFields`` on the T62 grid, from the committed climatology.
    static let atmosphere = DataModelDefinition(
        name: "datm", kind: .atm, summary: "data atmosphere: exports read from a forcing file, interpolated in time",
        defaults: DataModelSettings(
            gridFile: "grid_T62.nc", file: "datm.T62.clim.nc",
            variables: ["Sa_tbot:tbot", "Sa_pbot:pbot", "Sa_shum:shum", "Sa_u:u", "Sa_v:v",
                        "Faxa_swdn:swdn", "Faxa_lwdn:lwdn", "Faxa_rain:rain", "Faxa_snow:snow"],
            cycle: true),
        inputFields: DataAtmosphereFields.inputFields,
        exports: { (given, setting) throws(ForcingError) in try DataAtmosphereFields.exports(given: given, setting: setting) })

    /// `docn`: the prescribed ocean of ``PrescribedFields/ocean`` on the 1° grid, from the committed SST climatology.
    static let ocean = DataModelDefinition(
        name: "docn", summary: "data ocean: prescribed SST from a forcing file, interpolated in time",
        defaults: DataModelSettings(gridFile: "grid_1deg_ocean.nc", file: "docn.sst.1deg.clim.nc", variables: ["So_t:sst"], cycle: true),
        fields: .ocean)

    /// `dlnd`: the prescribed land surface of ``PrescribedFields/land`` on the T62 grid, from the
    /// committed climatology (`forcing/make-surface-streams.sh`).
    static let land = DataModelDefinition(
        name: "dlnd", summary: "data land: surface state, fluxes and runoff read from a forcing file, interpolated in time",
        defaults: DataModelSettings(
            gridFile: "grid_T62.nc", file: "dlnd.T62.clim.nc",
            variables: ["Sl_t:tsrf", "Sl_avsdr:avs", "Sl_avsdf:avs", "Sl_anidr:anir", "Sl_anidf:anir", "Fall_swnet:swnet",
                        "Fall_lwup:lwup", "Fall_sen:shf", "Fall_lat:lhf", "Fall_evap:evap", "Fall_rofl:rofl"],
            cycle: true),
        fields: .land)

    /// `dice`: the prescribed sea ice of ``PrescribedFields/seaIce`` on the 1° ocean grid, from
    /// the committed climatology.
    static let seaIce = DataModelDefinition(
        name: "dice", summary: "data sea ice: prescribed ice fraction and surface read from a forcing file, interpolated in time",
        defaults: DataModelSettings(gridFile: "grid_1deg_ocean.nc", file: "dice.1deg.clim.nc",
                                    variables: ["Si_ifrac:ifrac", "Si_t:tsrf", "Faii_lwup:lwup"], cycle: true),
        fields: .seaIce)

    /// `drof`: the prescribed river discharge of ``PrescribedFields/runoff`` on the 1° river
    /// grid, from the committed climatology.
    static let runoff = DataModelDefinition(
        name: "drof", summary: "data river runoff: discharge into the ocean read from a forcing file, interpolated in time",
        defaults: DataModelSettings(gridFile: "grid_1deg_river.nc", file: "drof.1deg.clim.nc", variables: ["Forr_rofl:rofl"], cycle: true),
        fields: .runoff)
}
