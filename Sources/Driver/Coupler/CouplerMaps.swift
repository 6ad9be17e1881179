import Coupling
import MPI

/// The maps the coupler uses between the atmosphere and ocean grids, read once at start-up on
/// the coupler's ranks, with the checks cpl7 leaves to the user: each weights file must fit the
/// grids it connects (sizes) and the ocean's land mask (the ocean → atmosphere map must treat
/// exactly the ocean's points as valid sources; the atmosphere → ocean maps must reach every
/// ocean point). The maps' cell areas are the coupler's areas for conservation.
final class CouplerMaps {
    let atmToOceanFlux: any FieldMap
    let atmToOceanState: any FieldMap
    let oceanToAtmFlux: any FieldMap
    let oceanToAtmState: any FieldMap
    /// The maps' areas of the coupler's atmosphere and ocean points, when maps are used.
    let atmosphereArea: [Double]?
    let oceanArea: [Double]?

    /// The maps this run needs, or `nil` when it needs none. Collective over the coupler's ranks.
    init?(plan: CouplingPlan, settings: MapSettings, communicator: Communicator, threads: ThreadTeam,
          atmosphere: Domain?, ocean: Domain?) throws {
        guard plan.mapsAtmosphereToOcean || plan.mapsOceanToAtmosphere, let atmosphere, let ocean else { return nil }
        var cache = [String: any FieldMap]()
        func map(_ path: String, from source: Domain, to destination: Domain) throws -> any FieldMap {
            let key = path + (source.grid == atmosphere.grid ? ">ocn" : ">atm")
            if let known = cache[key] { return known }
            let made = try loadMap(path, from: source, to: destination, communicator: communicator, threads: threads)
            cache[key] = made
            return made
        }
        let a2oFlux = plan.mapsAtmosphereToOcean ? settings.atmToOceanFlux : MapSettings.identity
        let a2oState = plan.mapsAtmosphereToOcean ? settings.atmToOceanState : MapSettings.identity
        let o2aFlux = plan.mapsOceanToAtmosphere ? settings.oceanToAtmFlux : MapSettings.identity
        let o2aState = plan.mapsOceanToAtmosphere ? settings.oceanToAtmState : MapSettings.identity
        atmToOceanFlux = try map(a2oFlux, from: atmosphere, to: ocean)
        atmToOceanState = try map(a2oState, from: atmosphere, to: ocean)
        oceanToAtmFlux = try map(o2aFlux, from: ocean, to: atmosphere)
        oceanToAtmState = try map(o2aState, from: ocean, to: atmosphere)

        // Mask checks and the maps' areas, each rank for its own points.
        var oceanAreas: [Double]? = nil, atmosphereAreas: [Double]? = nil
        let mismatch = try collectively(communicator) { () -> String? in
            var problem: String? = nil
            let range = { (d: Domain) in d.decomposition.segments.first.map { $0.start ..< $0.end } ?? 0 ..< 0 }
            if o2aFlux != MapSettings.identity {
                let w = try WeightsFile(path: o2aFlux)
                if w.has(.mask, of: .source) {
                    let mask = try w.read(.mask, of: .source, points: range(ocean))
                    let bad = (0 ..< mask.count).filter { (mask[$0] > 0) != (ocean.mask[$0] > 0) }
                    if let first = bad.first {
                        problem = "weights file \(o2aFlux): its source mask (mask_a) differs from the ocean grid's mask at "
                            + "\(bad.count) of this rank's points, first at lon \(ocean.longitude[first]), lat \(ocean.latitude[first]) "
                            + "(weights made for another land mask?)"
                    }
                }
                if w.has(.area, of: .source) { oceanAreas = try w.read(.area, of: .source, points: range(ocean)) }
                if w.has(.area, of: .destination) { atmosphereAreas = try w.read(.area, of: .destination, points: range(atmosphere)) }
            }
            if a2oFlux != MapSettings.identity, problem == nil {
                let w = try WeightsFile(path: a2oFlux)
                if w.has(.mask, of: .destination) {
                    let mask = try w.read(.mask, of: .destination, points: range(ocean))
                    if let first = (0 ..< mask.count).first(where: { ocean.mask[$0] > 0 && mask[$0] == 0 }) {
                        problem = "weights file \(a2oFlux): ocean point at lon \(ocean.longitude[first]), lat \(ocean.latitude[first]) "
                            + "is masked out as a destination (mask_b = 0), so the ocean there would get no forcing"
                    }
                }
                if oceanAreas == nil, w.has(.area, of: .destination) { oceanAreas = try w.read(.area, of: .destination, points: range(ocean)) }
                if atmosphereAreas == nil, w.has(.area, of: .source) { atmosphereAreas = try w.read(.area, of: .source, points: range(atmosphere)) }
            }
            return problem
        }
        let anyMismatch = try communicator.allReduce(mismatch == nil ? Int.max : communicator.rank, .minimum)
        if anyMismatch != Int.max {
            throw CouplerError(try communicator.broadcast(mismatch ?? "", root: anyMismatch))
        }
        oceanArea = oceanAreas
        atmosphereArea = atmosphereAreas
    }
}

/// The map in weights file `path` (`'idmap'`: none) from `source` to `destination`, checked
/// against both grids' sizes. Collective over the coupler's ranks.
func loadMap(_ path: String, from source: Domain, to destination: Domain, communicator: Communicator,
             threads: ThreadTeam) throws -> any FieldMap {
    guard path != MapSettings.identity else { return IdentityMap() }
    let weights = try collectively(communicator) { try WeightsFile(path: path) }
    try weights.checkFits(.source, points: source.grid.size, gridName: "the \(source.grid.name) grid \(source.grid)")
    try weights.checkFits(.destination, points: destination.grid.size, gridName: "the \(destination.grid.name) grid \(destination.grid)")
    return try Mapper(weights: weights, communicator: communicator, source: source.decomposition,
                      destination: destination.decomposition, threads: threads)
}

/// The cell areas weights file `path` gives for `side` over `domain`'s points on this rank, if
/// it has them (`nil` for `'idmap'`).
func mapAreas(_ path: String, _ side: WeightsFile.Side, over domain: Domain) throws -> [Double]? {
    guard path != MapSettings.identity else { return nil }
    let weights = try WeightsFile(path: path)
    guard weights.has(.area, of: side) else { return nil }
    let range = domain.decomposition.segments.first.map { $0.start ..< $0.end } ?? 0 ..< 0
    return try weights.read(.area, of: side, points: range)
}
