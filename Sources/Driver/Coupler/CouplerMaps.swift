import Coupling
import MPI

/// The maps between the coupler's grids that the run needs (`CouplingPlan.maps`), read once at
/// start-up on the coupler's ranks, with the checks cpl7 leaves to the user: each weights file
/// must fit the grids it connects (sizes) and their masks (a flux map from a surface grid must
/// treat exactly that grid's points as valid sources; a flux map to a grid other than the
/// atmosphere's must reach every point of it). The maps' cell areas are the coupler's areas for
/// conservation.
final class CouplerMaps {
    /// The maps from one grid to another: for fluxes (conservative) and for states. Where only
    /// one kind of field travels, the other is the same map, never applied.
    struct Direction {
        let flux: any FieldMap
        let state: any FieldMap

        /// Maps fields `fields` of `x` into the fields of the same names of `y`, on the other
        /// grid: states by the state map, fluxes by the flux map, as `table` declares them; with
        /// `weights`, each weighted by them (`S(w·x) / S(w)`, 0 where `S(w)` is 0). `y`'s other
        /// fields keep their values. Each field's sums are its own, so mapping fields together
        /// or apart gives the same bits: the fields of one map go in one pass, written where `y`
        /// holds them.
        func map(_ fields: [String], of x: FieldBundle, weightedBy weights: [Double]? = nil, table: ExchangeTable,
                 into y: inout FieldBundle) throws {
            let parts: [([String], any FieldMap)] = state === flux ? [(fields, state)] : [
                (fields.filter { table.description(of: $0)?.kind == .state }, state),
                (fields.filter { table.description(of: $0)?.kind != .state }, flux),
            ]
            func positions(_ fields: [String], in bundle: FieldBundle) -> [Int] {
                fields.map { name in
                    guard let position = bundle.index(of: name) else { preconditionFailure("no field \(name) in bundle \(bundle.fieldNames)") }
                    return position
                }
            }
            for (fields, map) in parts where !fields.isEmpty {
                let targets = positions(fields, in: y)
                if let weights {
                    try map.map(positions(fields, in: x), of: x, weightedBy: weights, into: &y, fields: targets, emptyValue: 0)
                    continue
                }
                let source = x.subset(fields)
                // Fields consecutive in `y` take the map's result in place, run by run.
                var start = 0
                while start < targets.count {
                    var end = start + 1
                    while end < targets.count, targets[end] == targets[end - 1] + 1 { end += 1 }
                    try map.map(start == 0 && end == targets.count ? source : source.subset(Array(fields[start ..< end])),
                                into: &y, fromField: targets[start])
                    start = end
                }
            }
        }
    }

    /// A pair of grids, in the direction of a map.
    private struct GridPair: Hashable {
        let from: CouplerGrid
        let to: CouplerGrid
    }

    private let directions: [MapPair: Direction]
    /// The maps' areas of the coupler's points of each grid, where the weights give them.
    private let areas: [CouplerGrid: [Double]]

    /// The maps of `pair` (`nil` when the run needs none).
    func direction(_ pair: MapPair) -> Direction? { directions[pair] }

    /// The maps' cell areas of the coupler's points of `grid` (`nil` when no map gives them).
    func area(of grid: CouplerGrid) -> [Double]? { areas[grid] }

    /// Reads the maps `plan` needs from the files `settings` names, between the coupler's points
    /// of each grid (`domains`). Collective over the coupler's ranks.
    /// With `bitForBit` (`bfbflag`), every map is of type 'X'.
    init(plan: CouplingPlan, settings: MapSettings, bitForBit: Bool, domains: [CouplerGrid: Domain], communicator: Communicator,
         threads: ThreadTeam) throws {
        func grids(_ pair: MapPair) -> GridPair { GridPair(from: plan.grid(of: pair.from), to: plan.grid(of: pair.to)) }
        let pairs = Set(plan.maps.keys.map { MapPair(from: $0.from, to: $0.to) }).sorted { a, b in
            Self.areaOrder(grids(a), grids(b)) || (!Self.areaOrder(grids(b), grids(a)) && a < b)
        }
        // One map per file and direction: a state map that is the flux map is the same object,
        // so fields weighted alike go through it in one pass.
        var cache = [String: any FieldMap]()
        var directions = [MapPair: Direction]()
        for pair in pairs {
            let between = grids(pair)
            guard let source = domains[between.from], let destination = domains[between.to] else { continue }
            func map(_ fields: FieldKind) throws -> (any FieldMap)? {
                let name = pair.name(for: fields)
                guard plan.maps[name] != nil else { return nil }
                let path = settings[name], type = bitForBit ? .x : settings.type(of: name)
                let key = "\(path)>\(between.from)>\(between.to)>\(type.rawValue)"
                if let known = cache[key] { return known }
                let made = try loadMap(path, type: type, from: source, to: destination, communicator: communicator, threads: threads)
                cache[key] = made
                return made
            }
            let flux = try map(.flux), state = try map(.state)
            guard let any = flux ?? state else { continue }
            directions[pair] = Direction(flux: flux ?? any, state: state ?? any)
        }
        self.directions = directions

        // Mask checks and the maps' areas, each rank for its own points. A grid's areas come
        // from the first flux map, in `areaOrder`, that has them (the ocean's maps to and from
        // the atmosphere first, as cpl7 reads them).
        var areas = [CouplerGrid: [Double]]()
        let mismatch = try collectively(communicator) { () -> String? in
            let range = { (d: Domain) in d.decomposition.segments.first.map { $0.start ..< $0.end } ?? 0 ..< 0 }
            for pair in pairs {
                let name = pair.name(for: .flux), path = settings[name], between = grids(pair)
                guard directions[pair] != nil, plan.maps[name] != nil, path != MapSettings.identity,
                      let source = domains[between.from], let destination = domains[between.to] else { continue }
                let w = try WeightsFile(path: path)
                if let problem = try w.maskProblem(from: .init(kind: pair.from, grid: between.from, domain: source, points: range(source)),
                                                   to: .init(kind: pair.to, grid: between.to, domain: destination, points: range(destination)),
                                                   among: "this rank's points") {
                    return problem
                }
                if areas[between.from] == nil, w.has(.area, of: .source) { areas[between.from] = try w.read(.area, of: .source, points: range(source)) }
                if areas[between.to] == nil, w.has(.area, of: .destination) {
                    areas[between.to] = try w.read(.area, of: .destination, points: range(destination))
                }
            }
            return nil
        }
        let anyMismatch = try communicator.allReduce(mismatch == nil ? Int.max : communicator.rank, .minimum)
        if anyMismatch != Int.max {
            throw CouplerError(try communicator.broadcast(mismatch ?? "", root: anyMismatch))
        }
        self.areas = areas
    }

    /// The order maps are read and give areas in: pairs with the atmosphere grid first, the
    /// ocean's before the other surfaces' (in cpl7's order); within a pair, toward the
    /// atmosphere first; then pairs without the atmosphere.
    private static func areaOrder(_ a: GridPair, _ b: GridPair) -> Bool {
        func key(_ p: GridPair) -> (Int, Int, ComponentKind, ComponentKind) {
            let surface = p.from == .atmosphere ? p.to : p.from
            let touchesAtmosphere = p.from == .atmosphere || p.to == .atmosphere
            return (touchesAtmosphere ? 0 : 1, surface == .ocean ? 0 : 1, surface.kind, p.to == .atmosphere ? .atm : p.to.kind)
        }
        return key(a) < key(b)
    }
}

/// The map of `type` in weights file `path` (`'idmap'`: none) from `source` to `destination`,
/// checked against both grids' sizes. Collective over the coupler's ranks.
private func loadMap(_ path: String, type: MapType, from source: Domain, to destination: Domain, communicator: Communicator,
                     threads: ThreadTeam) throws -> any FieldMap {
    guard path != MapSettings.identity else { return IdentityMap() }
    let weights = try collectively(communicator) { try WeightsFile(path: path) }
    try weights.checkFits(.source, points: source.grid.size, gridName: "the \(source.grid.name) grid \(source.grid)")
    try weights.checkFits(.destination, points: destination.grid.size, gridName: "the \(destination.grid.name) grid \(destination.grid)")
    switch type {
    case .x:
        return try Mapper(weights: weights, communicator: communicator, source: source.decomposition,
                          destination: destination.decomposition, threads: threads)
    case .y:
        return try PartialSumMapper(weights: weights, communicator: communicator, source: source.decomposition,
                                    destination: destination.decomposition, threads: threads)
    }
}
