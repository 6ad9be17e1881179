import Coupling
import MPI

/// The maps between the atmosphere grid and one surface grid — the ocean's (`atm2ocn_*`,
/// `ocn2atm_*`; the sea ice shares it) or a land's own (`atm2lnd_*`, `lnd2atm_*`) — read once
/// at start-up on the coupler's ranks, with the checks cpl7 leaves to the user: each weights
/// file must fit the grids it connects (sizes) and the surface's mask (the surface →
/// atmosphere flux map must treat exactly the surface's points as valid sources; the
/// atmosphere → surface flux map must reach every surface point). The maps' cell areas are the
/// coupler's areas for conservation.
final class SurfaceMaps {
    /// The maps of one direction: for fluxes (conservative) and for states. A direction the run
    /// does not need is the identity, never applied.
    struct Direction {
        let flux: any FieldMap
        let state: any FieldMap

        /// `x` on the other grid (`pointCount` points): its states by the state map, its fluxes
        /// by the flux map, as `table` declares them; with `weights`, each weighted by them
        /// (`S(w·x) / S(w)`, 0 where `S(w)` is 0), in one pass when both maps are one.
        func map(_ x: FieldBundle, weightedBy weights: [Double]? = nil, table: ExchangeTable, pointCount: Int) throws -> FieldBundle {
            let parts: [([String], any FieldMap)] = state === flux ? [(x.fieldNames, state)] : [
                (x.fieldNames.filter { table.description(of: $0)?.kind == .state }, state),
                (x.fieldNames.filter { table.description(of: $0)?.kind != .state }, flux),
            ]
            var result = FieldBundle(fields: x.fieldNames, pointCount: pointCount)
            for (fields, map) in parts where !fields.isEmpty {
                var y = FieldBundle(fields: fields, pointCount: pointCount)
                if let weights {
                    try map.map(x.subset(fields), weightedBy: weights, into: &y, emptyValue: 0)
                } else {
                    try map.map(x.subset(fields), into: &y)
                }
                result.assign(from: y)
            }
            return result
        }
    }

    /// The weights files of one surface, as `&seq_maps` names them (`'idmap'`: same grid).
    struct Files {
        let toSurfaceFlux: String
        let toSurfaceState: String
        let toAtmosphereFlux: String
        let toAtmosphereState: String
    }

    let toSurface: Direction
    let toAtmosphere: Direction
    /// The maps' areas of the coupler's atmosphere and surface points, when the weights give them.
    let atmosphereArea: [Double]?
    let surfaceArea: [Double]?

    /// The maps between the atmosphere grid and surface grid `grid` (the ocean's or a land's
    /// own) that `plan` needs, or `nil` when it needs none. Collective over the coupler's ranks.
    static func make(for grid: SurfaceGrid, plan: CouplingPlan, settings s: MapSettings, communicator: Communicator,
                     threads: ThreadTeam, atmosphere: Domain?, surface: Domain?) throws -> SurfaceMaps? {
        let (name, toSurface, toAtmosphere, files): (String, Bool, Bool, Files)
        switch grid {
        case .ocean:
            (name, toSurface, toAtmosphere) = ("ocean", plan.mapsAtmosphereToOcean, plan.mapsOceanToAtmosphere)
            files = Files(toSurfaceFlux: s.atmToOceanFlux, toSurfaceState: s.atmToOceanState,
                          toAtmosphereFlux: s.oceanToAtmFlux, toAtmosphereState: s.oceanToAtmState)
        case .land:
            (name, toSurface, toAtmosphere) = ("land", plan.mapsAtmosphereToLand, plan.mapsLandToAtmosphere)
            files = Files(toSurfaceFlux: s.atmToLandFlux, toSurfaceState: s.atmToLandState,
                          toAtmosphereFlux: s.landToAtmFlux, toAtmosphereState: s.landToAtmState)
        case .atmosphere:
            return nil
        }
        return try SurfaceMaps(surfaceName: name, toSurface: toSurface, toAtmosphere: toAtmosphere, files: files,
                               communicator: communicator, threads: threads, atmosphere: atmosphere, surface: surface)
    }

    /// The maps of the directions needed between `atmosphere` and `surface` (named
    /// `surfaceName` in messages), or `nil` when neither is. Collective over the coupler's ranks.
    private init?(surfaceName: String, toSurface needsToSurface: Bool, toAtmosphere needsToAtmosphere: Bool, files: Files,
                  communicator: Communicator, threads: ThreadTeam, atmosphere: Domain?, surface: Domain?) throws {
        guard needsToSurface || needsToAtmosphere, let atmosphere, let surface else { return nil }
        let toSurfaceFlux = needsToSurface ? files.toSurfaceFlux : MapSettings.identity
        let toSurfaceState = needsToSurface ? files.toSurfaceState : MapSettings.identity
        let toAtmosphereFlux = needsToAtmosphere ? files.toAtmosphereFlux : MapSettings.identity
        let toAtmosphereState = needsToAtmosphere ? files.toAtmosphereState : MapSettings.identity
        // One map per file and direction: a state map that is the flux map is the same object,
        // so fields weighted alike go through it in one pass.
        var cache = [String: any FieldMap]()
        func map(_ path: String, from source: Domain, to destination: Domain) throws -> any FieldMap {
            let key = path + (source.grid == atmosphere.grid ? ">surface" : ">atm")
            if let known = cache[key] { return known }
            let made = try loadMap(path, from: source, to: destination, communicator: communicator, threads: threads)
            cache[key] = made
            return made
        }
        toSurface = Direction(flux: try map(toSurfaceFlux, from: atmosphere, to: surface),
                              state: try map(toSurfaceState, from: atmosphere, to: surface))
        toAtmosphere = Direction(flux: try map(toAtmosphereFlux, from: surface, to: atmosphere),
                                 state: try map(toAtmosphereState, from: surface, to: atmosphere))

        // Mask checks and the maps' areas, each rank for its own points.
        var surfaceAreas: [Double]? = nil, atmosphereAreas: [Double]? = nil
        let mismatch = try collectively(communicator) { () -> String? in
            var problem: String? = nil
            let range = { (d: Domain) in d.decomposition.segments.first.map { $0.start ..< $0.end } ?? 0 ..< 0 }
            if toAtmosphereFlux != MapSettings.identity {
                let w = try WeightsFile(path: toAtmosphereFlux)
                if w.has(.mask, of: .source) {
                    let mask = try w.read(.mask, of: .source, points: range(surface))
                    let bad = (0 ..< mask.count).filter { (mask[$0] > 0) != (surface.mask[$0] > 0) }
                    if let first = bad.first {
                        problem = "weights file \(toAtmosphereFlux): its source mask (mask_a) differs from the \(surfaceName) grid's mask at "
                            + "\(bad.count) of this rank's points, first at lon \(surface.longitude[first]), lat \(surface.latitude[first]) "
                            + "(weights made for another land mask?)"
                    }
                }
                if w.has(.area, of: .source) { surfaceAreas = try w.read(.area, of: .source, points: range(surface)) }
                if w.has(.area, of: .destination) { atmosphereAreas = try w.read(.area, of: .destination, points: range(atmosphere)) }
            }
            if toSurfaceFlux != MapSettings.identity, problem == nil {
                let w = try WeightsFile(path: toSurfaceFlux)
                if w.has(.mask, of: .destination) {
                    let mask = try w.read(.mask, of: .destination, points: range(surface))
                    if let first = (0 ..< mask.count).first(where: { surface.mask[$0] > 0 && mask[$0] == 0 }) {
                        problem = "weights file \(toSurfaceFlux): \(surfaceName) point at lon \(surface.longitude[first]), "
                            + "lat \(surface.latitude[first]) is masked out as a destination (mask_b = 0), so the \(surfaceName) "
                            + "there would get no forcing"
                    }
                }
                if surfaceAreas == nil, w.has(.area, of: .destination) { surfaceAreas = try w.read(.area, of: .destination, points: range(surface)) }
                if atmosphereAreas == nil, w.has(.area, of: .source) { atmosphereAreas = try w.read(.area, of: .source, points: range(atmosphere)) }
            }
            return problem
        }
        let anyMismatch = try communicator.allReduce(mismatch == nil ? Int.max : communicator.rank, .minimum)
        if anyMismatch != Int.max {
            throw CouplerError(try communicator.broadcast(mismatch ?? "", root: anyMismatch))
        }
        surfaceArea = surfaceAreas
        atmosphereArea = atmosphereAreas
    }
}

/// The map in weights file `path` (`'idmap'`: none) from `source` to `destination`, checked
/// against both grids' sizes. Collective over the coupler's ranks.
private func loadMap(_ path: String, from source: Domain, to destination: Domain, communicator: Communicator,
                     threads: ThreadTeam) throws -> any FieldMap {
    guard path != MapSettings.identity else { return IdentityMap() }
    let weights = try collectively(communicator) { try WeightsFile(path: path) }
    try weights.checkFits(.source, points: source.grid.size, gridName: "the \(source.grid.name) grid \(source.grid)")
    try weights.checkFits(.destination, points: destination.grid.size, gridName: "the \(destination.grid.name) grid \(destination.grid)")
    return try Mapper(weights: weights, communicator: communicator, source: source.decomposition,
                      destination: destination.decomposition, threads: threads)
}
