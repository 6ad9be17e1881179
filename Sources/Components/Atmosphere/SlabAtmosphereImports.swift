import Coupling

/// Where the merged surface fields (`Sx_*`, `Faxx_*`) are in the slab atmosphere's imports.
struct SlabAtmosphereImports: Sendable {
    private let temperature, visibleDirect, nearInfraredDirect, visibleDiffuse, nearInfraredDiffuse: Int
    private let zonalStress, meridionalStress, latentHeat, sensibleHeat, longwaveUp, evaporation: Int

    /// The positions of the fields in `imports`.
    init(in imports: FieldBundle) throws(MissingFieldError) {
        func index(_ name: String) throws(MissingFieldError) -> Int { try imports.requiredIndex(of: name, for: "slab atmosphere imports") }
        temperature = try index("Sx_t")
        visibleDirect = try index("Sx_avsdr")
        nearInfraredDirect = try index("Sx_anidr")
        visibleDiffuse = try index("Sx_avsdf")
        nearInfraredDiffuse = try index("Sx_anidf")
        zonalStress = try index("Faxx_taux")
        meridionalStress = try index("Faxx_tauy")
        latentHeat = try index("Faxx_lat")
        sensibleHeat = try index("Faxx_sen")
        longwaveUp = try index("Faxx_lwup")
        evaporation = try index("Faxx_evap")
    }

    /// The merged surface at `point` of `imports`.
    func surface(in imports: FieldBundle, point: Int) -> MergedSurface {
        let albedos = SurfaceAlbedos(visibleDirect: imports[field: visibleDirect, point: point],
                                     nearInfraredDirect: imports[field: nearInfraredDirect, point: point],
                                     visibleDiffuse: imports[field: visibleDiffuse, point: point],
                                     nearInfraredDiffuse: imports[field: nearInfraredDiffuse, point: point])
        return MergedSurface(temperature: imports[field: temperature, point: point], albedos: albedos,
                             zonalStress: imports[field: zonalStress, point: point],
                             meridionalStress: imports[field: meridionalStress, point: point],
                             latentHeat: imports[field: latentHeat, point: point], sensibleHeat: imports[field: sensibleHeat, point: point],
                             longwaveUp: imports[field: longwaveUp, point: point], evaporation: imports[field: evaporation, point: point])
    }
}
