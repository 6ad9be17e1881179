/// What sets one data model apart from another: its names, its default settings and its fields.
struct DataModelDefinition: Sendable {
    /// The registered name (`datm`), used in logs.
    let name: String
    /// The namelist group (`datm_nml`).
    let group: String
    /// The settings when the group sets nothing.
    let defaults: DataModelSettings
    /// The fields `variables` may name.
    let inputFields: [String]
    /// The exports and their sources, given the fields the forcing gives and the setting's name for messages.
    let exports: @Sendable (_ given: [String], _ setting: String) throws(ForcingError) -> DataExports

    /// `datm`: the atmosphere of ``DataAtmosphereFields`` on the T62 grid, from the committed climatology.
    static let atmosphere = DataModelDefinition(
        name: "datm", group: "datm_nml",
        defaults: DataModelSettings(
            gridFile: "grid_T62.nc", file: "datm.T62.clim.nc",
            variables: ["Sa_tbot:tbot", "Sa_pbot:pbot", "Sa_shum:shum", "Sa_u:u", "Sa_v:v",
                        "Faxa_swdn:swdn", "Faxa_lwdn:lwdn", "Faxa_rain:rain", "Faxa_snow:snow"],
            cycle: true),
        inputFields: DataAtmosphereFields.inputFields,
        exports: { (given, setting) throws(ForcingError) in try DataAtmosphereFields.exports(given: given, setting: setting) })

    /// `docn`: the prescribed ocean of ``DataOceanFields`` on the 1° grid, from the committed SST climatology.
    static let ocean = DataModelDefinition(
        name: "docn", group: "docn_nml",
        defaults: DataModelSettings(gridFile: "grid_1deg_ocean.nc", file: "docn.sst.1deg.clim.nc", variables: ["So_t:sst"], cycle: true),
        inputFields: DataOceanFields.inputFields,
        exports: { (given, setting) throws(ForcingError) in try DataOceanFields.exports(given: given, setting: setting) })
}
