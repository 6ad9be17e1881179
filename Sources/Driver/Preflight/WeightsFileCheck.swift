import Coupling
import Namelist

/// The grids of SCRIP grid files, each read whole once (`coupled-driver check` compares them with
/// several weights files).
struct GridFileCache {
    private var domains: [String: Domain] = [:]

    /// Every point of the grid in `path` (named `name`), or `nil` when it cannot be read (the
    /// model's own check reports that).
    mutating func domain(_ path: String, name: String) -> Domain? {
        if let known = domains[path] { return known }
        guard let grid = try? ScripGrid(path: path, name: name),
              let domain = try? grid.domain(for: .block(globalSize: grid.description.size, parts: 1, part: 0)) else { return nil }
        domains[path] = domain
        return domain
    }
}

/// One weights file checked against the grids of the components it maps between, as
/// `coupled-driver check` does before a run (CIME's `check_maps` in part):
///
/// - error: `n_a` and `n_b` (headers only) differ from the grids' sizes;
/// - error: a flux map's masks do not fit the grids' (`WeightsFile.maskProblem`, as the coupler
///   finds when it reads the map);
/// - warning: the file's point coordinates (`xc_a`/`yc_a`, `xc_b`/`yc_b`) differ from the grid
///   files' centres by more than `coordinateTolerance` degrees (weights made for another grid);
/// - warning: a flux (conservative) map from a grid without masked points whose row sums (`S`
///   summed over each destination point, what `frac_b` records) differ from 1 by more than
///   `rowSumTolerance` on unmasked destination points (points the map does not cover, or covers
///   twice).
///
/// Each finding names the key, the file and where the key is set.
struct WeightsFileCheck {
    /// How far a file's coordinates may be from the grid's, in degrees.
    static let coordinateTolerance = 1.0e-3
    /// How far a row sum may be from 1.
    static let rowSumTolerance = 1.0e-6
    /// How many entries are read at a time for the row sums.
    private static let chunkEntries = 1 << 20

    private(set) var findings: [Diagnostic] = []
    private let name: MapName
    private let location: TextLocation?

    /// Checks `path`, the file of map `name` (set at `location`), from the coupler grid of
    /// component `source` to that of `destination`, each with the setup its model foresees.
    init(name: MapName, path: String, location: TextLocation?, source: (kind: ComponentKind, grid: CouplerGrid, setup: PlannedSetup),
         destination: (kind: ComponentKind, grid: CouplerGrid, setup: PlannedSetup), grids: inout GridFileCache) {
        self.name = name
        self.location = location
        let weights: WeightsFile
        do {
            weights = try WeightsFile(path: path)
            // Worded as the coupler words it when it reads the map.
            for (side, grid) in [(WeightsFile.Side.source, source.setup.grid), (.destination, destination.setup.grid)] {
                try weights.checkFits(side, points: grid.size, gridName: "the \(grid.name) grid \(grid)")
            }
        } catch {
            report(.error, "\(error)")
            return
        }
        let from = source.setup.gridFile.flatMap { grids.domain($0, name: source.kind.rawValue) }
        let to = destination.setup.gridFile.flatMap { grids.domain($0, name: destination.kind.rawValue) }
        do {
            if let from { try compareCoordinates(weights, .source, with: from, of: source.kind) }
            if let to { try compareCoordinates(weights, .destination, with: to, of: destination.kind) }
            if name.fields == .flux, let from, let to {
                if let problem = try weights.maskProblem(from: .init(kind: name.from, grid: source.grid, domain: from, points: 0 ..< from.localSize),
                                                         to: .init(kind: name.to, grid: destination.grid, domain: to, points: 0 ..< to.localSize),
                                                         among: "its \(from.localSize) points") {
                    report(.error, problem)
                } else if from.mask.allSatisfy({ $0 > 0 }) {
                    try checkRowSums(weights, to: to, of: destination.kind)
                }
            }
        } catch {
            report(.error, "\(error)")
        }
    }

    private mutating func report(_ severity: Diagnostic.Severity, _ message: String) {
        findings.append(Diagnostic("\(name.key): \(message)", at: location, severity: severity))
    }

    /// Warns when the file's coordinates of `side` are not `grid`'s centres (longitudes compared
    /// modulo 360°, and not at the poles).
    private mutating func compareCoordinates(_ weights: WeightsFile, _ side: WeightsFile.Side, with grid: Domain,
                                             of kind: ComponentKind) throws(WeightsError) {
        guard weights.has(.longitude, of: side), weights.has(.latitude, of: side) else { return }
        let points = 0 ..< grid.localSize
        let longitude = try weights.read(.longitude, of: side, points: points), latitude = try weights.read(.latitude, of: side, points: points)
        var differing = 0, worst = 0.0, first: Int?
        for i in points {
            let dlat = abs(latitude[i] - grid.latitude[i])
            let turn = abs(longitude[i] - grid.longitude[i]).truncatingRemainder(dividingBy: 360)
            let dlon = abs(grid.latitude[i]) > 89.999 ? 0 : min(turn, 360 - turn)
            let distance = max(dlat, dlon)
            guard distance > Self.coordinateTolerance || distance.isNaN else { continue }
            differing += 1
            if first == nil { first = i }
            worst = max(worst, distance.isNaN ? .infinity : distance)
        }
        guard let first else { return }
        let (x, y) = side == .source ? ("xc_a", "yc_a") : ("xc_b", "yc_b")
        report(.warning, "weights file \(weights.path): its \(side.rawValue) coordinates (\(x), \(y)) differ from the \(kind.longName) "
            + "grid's centres at \(differing) of \(grid.localSize) points, by up to \(worst)°; first at point \(first + 1): "
            + "lon \(longitude[first]), lat \(latitude[first]) in the file, lon \(grid.longitude[first]), lat \(grid.latitude[first]) "
            + "in the grid (weights made for another grid?)")
    }

    /// Warns when the matrix's row sums are not 1 on the unmasked points of `grid`.
    private mutating func checkRowSums(_ weights: WeightsFile, to grid: Domain, of kind: ComponentKind) throws(WeightsError) {
        var sums = [Double](repeating: 0, count: weights.destinationSize)
        var start = 0
        while start < weights.entryCount {
            let end = min(start + Self.chunkEntries, weights.entryCount)
            let entries = try weights.entries(start ..< end)
            for (row, weight) in zip(entries.rows, entries.weights) { sums[Int(row)] += weight }
            start = end
        }
        var off = 0, unmasked = 0, lowest = Double.infinity, highest = -Double.infinity, first: Int?
        for point in sums.indices where grid.mask[point] > 0 {
            unmasked += 1
            lowest = min(lowest, sums[point])
            highest = max(highest, sums[point])
            guard abs(sums[point] - 1) > Self.rowSumTolerance else { continue }
            off += 1
            if first == nil { first = point }
        }
        guard let first else { return }
        report(.warning, "weights file \(weights.path): the row sums (frac_b) of \(off) of the \(kind.longName) grid's \(unmasked) "
            + "unmasked points differ from 1 (from \(lowest) to \(highest)); first at lon \(grid.longitude[first]), lat \(grid.latitude[first]). "
            + "A conservative map from a grid without masked points should cover each of them exactly once")
    }
}
