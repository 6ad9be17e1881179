/// Whether a field is a state (an instantaneous value, mapped with fraction-normalised weights
/// and merged as a fraction-weighted mean) or a flux (per unit area, mapped conservatively).
public enum FieldKind: String, Sendable {
    /// An instantaneous value (temperature, albedo, fraction).
    case state
    /// A flux per unit area (W m-2, kg m-2 s-1, N m-2), positive downward.
    case flux
}

/// A coupling field: its cpl7 name, what it is and its units.
public struct FieldDescription: Sendable, Hashable {
    /// The cpl7 name (`Sa_tbot`, `Fall_lwup`, ...).
    public let name: String
    /// What the field is, in words (the `long_name` in history files).
    public let longName: String
    /// Its units (the `units` in history files).
    public let units: String
    /// Whether it is a state or a flux.
    public let kind: FieldKind
}

/// The coupling fields, named as in CESM's cpl7 (`Sa_` atmosphere states, `Faxa_` atmosphere
/// fluxes, `Sx_`/`Faxx_` merged surface fields, ...), and the standard field lists of each
/// component's exports and imports. Sign convention: fluxes are positive downward (into the
/// surface, the ocean or the ice), so upward longwave and evaporation are negative.
public enum FieldRegistry {
    /// Every field, by name.
    public static let fields: [String: FieldDescription] = {
        var all = [String: FieldDescription]()
        for (name, long, units, kind) in table { all[name] = FieldDescription(name: name, longName: long, units: units, kind: kind) }
        return all
    }()

    /// The description of `name`, if it is a registered field.
    public static func description(of name: String) -> FieldDescription? { fields[name] }

    // MARK: Standard lists

    /// What an atmosphere exports (a2x).
    public static let atmosphereExports = ["Sa_z", "Sa_u", "Sa_v", "Sa_tbot", "Sa_ptem", "Sa_shum", "Sa_pbot", "Sa_dens",
                                           "Faxa_swndr", "Faxa_swvdr", "Faxa_swndf", "Faxa_swvdf", "Faxa_lwdn",
                                           "Faxa_rainc", "Faxa_rainl", "Faxa_snowc", "Faxa_snowl"]
    /// What an atmosphere imports (x2a): the merged surface.
    public static let atmosphereImports = ["Sx_t", "Sx_avsdr", "Sx_anidr", "Sx_avsdf", "Sx_anidf",
                                           "Faxx_taux", "Faxx_tauy", "Faxx_lat", "Faxx_sen", "Faxx_lwup", "Faxx_evap",
                                           "Sf_lfrac", "Sf_ifrac", "Sf_ofrac"]
    /// What a land model exports (l2x), per unit land area.
    public static let landExports = ["Sl_t", "Sl_avsdr", "Sl_anidr", "Sl_avsdf", "Sl_anidf",
                                     "Fall_swnet", "Fall_lwup", "Fall_sen", "Fall_lat", "Fall_evap", "Fall_taux", "Fall_tauy",
                                     "Fall_rofl"]
    /// What a land model imports (x2l): the atmosphere's fields and its land fraction.
    public static let landImports = atmosphereExports + ["Sf_lfrac"]
    /// What a sea-ice model exports (i2x); fluxes per unit ice area.
    public static let iceExports = ["Si_ifrac", "Si_t", "Si_avsdr", "Si_anidr", "Si_avsdf", "Si_anidf",
                                    "Faii_swnet", "Faii_lwup", "Faii_sen", "Faii_lat", "Faii_evap", "Faii_taux", "Faii_tauy",
                                    "Fioi_melth", "Fioi_meltw", "Fioi_swpen"]
    /// What a sea-ice model imports (x2i): the atmosphere on the ocean grid and the ocean.
    public static let iceImports = ["Sa_z", "Sa_u", "Sa_v", "Sa_tbot", "Sa_ptem", "Sa_shum", "Sa_pbot", "Sa_dens",
                                    "Faxa_swndr", "Faxa_swvdr", "Faxa_swndf", "Faxa_swvdf", "Faxa_lwdn", "Faxa_rain", "Faxa_snow",
                                    "So_t", "So_s", "Fioo_q"]
    /// What an ocean exports (o2x).
    public static let oceanExports = ["So_t", "So_u", "So_v", "So_s", "Fioo_q"]
    /// What an ocean imports (x2o): forcing merged over open water and ice, per unit cell area,
    /// averaged over the ocean coupling interval.
    public static let oceanImports = ["Foxx_taux", "Foxx_tauy", "Foxx_swnet", "Foxx_lwdn", "Foxx_lwup", "Foxx_sen", "Foxx_lat",
                                      "Foxx_evap", "Foxx_rain", "Foxx_snow", "Foxx_melth", "Foxx_meltw"]
    /// What the coupler computes over open ocean (xao) with its bulk formulas.
    public static let oceanSurfaceFluxes = ["Faox_taux", "Faox_tauy", "Faox_lat", "Faox_sen", "Faox_evap", "Faox_lwup", "Faox_swnet",
                                            "So_avsdr", "So_anidr", "So_avsdf", "So_anidf"]

    private static let table: [(String, String, String, FieldKind)] = [
        ("Sa_z", "bottom atmosphere level height", "m", .state),
        ("Sa_u", "bottom atmosphere zonal wind", "m s-1", .state),
        ("Sa_v", "bottom atmosphere meridional wind", "m s-1", .state),
        ("Sa_tbot", "bottom atmosphere temperature", "K", .state),
        ("Sa_ptem", "bottom atmosphere potential temperature", "K", .state),
        ("Sa_shum", "bottom atmosphere specific humidity", "kg kg-1", .state),
        ("Sa_pbot", "bottom atmosphere pressure", "Pa", .state),
        ("Sa_dens", "bottom atmosphere air density", "kg m-3", .state),
        ("Faxa_swndr", "downward near-infrared direct shortwave", "W m-2", .flux),
        ("Faxa_swvdr", "downward visible direct shortwave", "W m-2", .flux),
        ("Faxa_swndf", "downward near-infrared diffuse shortwave", "W m-2", .flux),
        ("Faxa_swvdf", "downward visible diffuse shortwave", "W m-2", .flux),
        ("Faxa_lwdn", "downward longwave", "W m-2", .flux),
        ("Faxa_rainc", "convective rain", "kg m-2 s-1", .flux),
        ("Faxa_rainl", "large-scale rain", "kg m-2 s-1", .flux),
        ("Faxa_snowc", "convective snow", "kg m-2 s-1", .flux),
        ("Faxa_snowl", "large-scale snow", "kg m-2 s-1", .flux),
        ("Faxa_rain", "rain (convective + large-scale)", "kg m-2 s-1", .flux),
        ("Faxa_snow", "snow (convective + large-scale)", "kg m-2 s-1", .flux),
        ("Sx_t", "merged surface temperature", "K", .state),
        ("Sx_avsdr", "merged visible direct albedo", "1", .state),
        ("Sx_anidr", "merged near-infrared direct albedo", "1", .state),
        ("Sx_avsdf", "merged visible diffuse albedo", "1", .state),
        ("Sx_anidf", "merged near-infrared diffuse albedo", "1", .state),
        ("Faxx_taux", "merged zonal surface stress", "N m-2", .flux),
        ("Faxx_tauy", "merged meridional surface stress", "N m-2", .flux),
        ("Faxx_lat", "merged latent heat flux", "W m-2", .flux),
        ("Faxx_sen", "merged sensible heat flux", "W m-2", .flux),
        ("Faxx_lwup", "merged upward longwave", "W m-2", .flux),
        ("Faxx_evap", "merged evaporation", "kg m-2 s-1", .flux),
        ("Sf_lfrac", "land fraction", "1", .state),
        ("Sf_ifrac", "sea-ice fraction", "1", .state),
        ("Sf_ofrac", "open-ocean fraction", "1", .state),
        ("Sl_t", "land surface temperature", "K", .state),
        ("Sl_avsdr", "land visible direct albedo", "1", .state),
        ("Sl_anidr", "land near-infrared direct albedo", "1", .state),
        ("Sl_avsdf", "land visible diffuse albedo", "1", .state),
        ("Sl_anidf", "land near-infrared diffuse albedo", "1", .state),
        ("Fall_swnet", "land net shortwave", "W m-2", .flux),
        ("Fall_lwup", "land upward longwave", "W m-2", .flux),
        ("Fall_sen", "land sensible heat flux", "W m-2", .flux),
        ("Fall_lat", "land latent heat flux", "W m-2", .flux),
        ("Fall_evap", "land evaporation", "kg m-2 s-1", .flux),
        ("Fall_taux", "land zonal surface stress", "N m-2", .flux),
        ("Fall_tauy", "land meridional surface stress", "N m-2", .flux),
        ("Fall_rofl", "land liquid runoff", "kg m-2 s-1", .flux),
        ("Si_ifrac", "sea-ice concentration", "1", .state),
        ("Si_t", "sea-ice surface temperature", "K", .state),
        ("Si_avsdr", "sea-ice visible direct albedo", "1", .state),
        ("Si_anidr", "sea-ice near-infrared direct albedo", "1", .state),
        ("Si_avsdf", "sea-ice visible diffuse albedo", "1", .state),
        ("Si_anidf", "sea-ice near-infrared diffuse albedo", "1", .state),
        ("Faii_swnet", "sea-ice net shortwave", "W m-2", .flux),
        ("Faii_lwup", "sea-ice upward longwave", "W m-2", .flux),
        ("Faii_sen", "sea-ice sensible heat flux", "W m-2", .flux),
        ("Faii_lat", "sea-ice latent heat flux", "W m-2", .flux),
        ("Faii_evap", "sea-ice sublimation", "kg m-2 s-1", .flux),
        ("Faii_taux", "sea-ice zonal surface stress", "N m-2", .flux),
        ("Faii_tauy", "sea-ice meridional surface stress", "N m-2", .flux),
        ("Fioi_melth", "heat flux from ocean to sea ice (melting)", "W m-2", .flux),
        ("Fioi_meltw", "fresh water from sea ice to ocean", "kg m-2 s-1", .flux),
        ("Fioi_swpen", "shortwave through sea ice into ocean", "W m-2", .flux),
        ("So_t", "sea surface temperature", "K", .state),
        ("So_u", "ocean surface zonal current", "m s-1", .state),
        ("So_v", "ocean surface meridional current", "m s-1", .state),
        ("So_s", "sea surface salinity", "g kg-1", .state),
        ("Fioo_q", "ocean freeze (> 0) or melt (< 0) potential", "W m-2", .flux),
        ("Foxx_taux", "zonal stress on the ocean", "N m-2", .flux),
        ("Foxx_tauy", "meridional stress on the ocean", "N m-2", .flux),
        ("Foxx_swnet", "net shortwave into the ocean", "W m-2", .flux),
        ("Foxx_lwdn", "downward longwave over open ocean", "W m-2", .flux),
        ("Foxx_lwup", "upward longwave from open ocean", "W m-2", .flux),
        ("Foxx_sen", "sensible heat flux into the ocean", "W m-2", .flux),
        ("Foxx_lat", "latent heat flux into the ocean", "W m-2", .flux),
        ("Foxx_evap", "evaporation from the ocean", "kg m-2 s-1", .flux),
        ("Foxx_rain", "rain into open ocean", "kg m-2 s-1", .flux),
        ("Foxx_snow", "snow into open ocean", "kg m-2 s-1", .flux),
        ("Foxx_melth", "heat flux from ocean to sea ice", "W m-2", .flux),
        ("Foxx_meltw", "fresh water from sea ice", "kg m-2 s-1", .flux),
        ("Faox_taux", "atmosphere-ocean zonal stress", "N m-2", .flux),
        ("Faox_tauy", "atmosphere-ocean meridional stress", "N m-2", .flux),
        ("Faox_lat", "atmosphere-ocean latent heat flux", "W m-2", .flux),
        ("Faox_sen", "atmosphere-ocean sensible heat flux", "W m-2", .flux),
        ("Faox_evap", "atmosphere-ocean evaporation", "kg m-2 s-1", .flux),
        ("Faox_lwup", "open-ocean upward longwave", "W m-2", .flux),
        ("Faox_swnet", "open-ocean net shortwave", "W m-2", .flux),
        ("So_avsdr", "ocean visible direct albedo", "1", .state),
        ("So_anidr", "ocean near-infrared direct albedo", "1", .state),
        ("So_avsdf", "ocean visible diffuse albedo", "1", .state),
        ("So_anidf", "ocean near-infrared diffuse albedo", "1", .state),
    ]
}
