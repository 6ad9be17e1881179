import Coupling

/// Where the atmosphere's lowest-level state and downward radiation (`Sa_*`, `Faxa_sw*`,
/// `Faxa_lwdn`) are in a bundle: the slab atmosphere writes them, the land and sea-ice models
/// read them.
struct AtmosphereFields: Sendable {
    private let height, zonalWind, meridionalWind, temperature, potentialTemperature, humidity, pressure, density: Int
    private let visibleDirect, nearInfraredDirect, visibleDiffuse, nearInfraredDiffuse, longwaveDown: Int

    /// The positions of the fields in `bundle`; `context` names the caller in errors.
    init(in bundle: FieldBundle, for context: String) throws(MissingFieldError) {
        func index(_ name: String) throws(MissingFieldError) -> Int { try bundle.requiredIndex(of: name, for: context) }
        height = try index("Sa_z")
        zonalWind = try index("Sa_u")
        meridionalWind = try index("Sa_v")
        temperature = try index("Sa_tbot")
        potentialTemperature = try index("Sa_ptem")
        humidity = try index("Sa_shum")
        pressure = try index("Sa_pbot")
        density = try index("Sa_dens")
        visibleDirect = try index("Faxa_swvdr")
        nearInfraredDirect = try index("Faxa_swndr")
        visibleDiffuse = try index("Faxa_swvdf")
        nearInfraredDiffuse = try index("Faxa_swndf")
        longwaveDown = try index("Faxa_lwdn")
    }

    /// The lowest level at `point` of `bundle`.
    func air(in bundle: FieldBundle, point: Int) -> SurfaceAir {
        SurfaceAir(height: bundle[field: height, point: point], zonalWind: bundle[field: zonalWind, point: point],
                   meridionalWind: bundle[field: meridionalWind, point: point], temperature: bundle[field: temperature, point: point],
                   potentialTemperature: bundle[field: potentialTemperature, point: point],
                   specificHumidity: bundle[field: humidity, point: point], pressure: bundle[field: pressure, point: point],
                   density: bundle[field: density, point: point])
    }

    /// The downward shortwave at `point` of `bundle`.
    func shortwave(in bundle: FieldBundle, point: Int) -> ShortwaveBands {
        ShortwaveBands(visibleDirect: bundle[field: visibleDirect, point: point],
                       nearInfraredDirect: bundle[field: nearInfraredDirect, point: point],
                       visibleDiffuse: bundle[field: visibleDiffuse, point: point],
                       nearInfraredDiffuse: bundle[field: nearInfraredDiffuse, point: point])
    }

    /// The downward longwave at `point` of `bundle`.
    func longwaveDown(in bundle: FieldBundle, point: Int) -> Double {
        bundle[field: longwaveDown, point: point]
    }

    /// Writes the lowest level and the downward radiation of `forcing` to `row`.
    func write(_ forcing: SurfaceForcing, to row: ExportRow) {
        let air = forcing.air
        row[height] = air.height
        row[zonalWind] = air.zonalWind
        row[meridionalWind] = air.meridionalWind
        row[temperature] = air.temperature
        row[potentialTemperature] = air.potentialTemperature
        row[humidity] = air.specificHumidity
        row[pressure] = air.pressure
        row[density] = air.density
        row[visibleDirect] = forcing.shortwave.visibleDirect
        row[nearInfraredDirect] = forcing.shortwave.nearInfraredDirect
        row[visibleDiffuse] = forcing.shortwave.visibleDiffuse
        row[nearInfraredDiffuse] = forcing.shortwave.nearInfraredDiffuse
        row[longwaveDown] = forcing.longwaveDown
    }
}
