/// The surface fractions of cpl7, on the coupler's points of its grids:
/// - ocean grid: `afrac` (1), `ifrac` = mask × ice concentration, `ofrac` = mask − `ifrac`;
/// - atmosphere grid: `afrac` (1), `lfrin` = 1 − S(ocean mask) (fixed: the land the ocean's mask
///   leaves), `lfrac` = `lfrin`, `ifrac` = S(`ifrac`), `ofrac` = S(`ofrac`), with S the ocean →
///   atmosphere flux map;
/// - a land's own grid: `lfrac` = `lfrin`, the land's own fraction (its grid's); then on the
///   atmosphere grid `lfrin` = `lfrac` = L(land `lfrin`), with L the land → atmosphere flux map,
///   as cpl7 maps it, so that the land's fluxes merged with `lfrac` are conserved exactly.
///
/// On the atmosphere grid `lfrac + ifrac + ofrac` = 1 to round-off, because S is linear and
/// S(mask) is the ocean-covered fraction of each atmosphere cell (with a land grid of its own,
/// to the extent that the land's fractions complement the ocean mask).
public struct SurfaceFractions: Sendable {
    /// Fields `afrac, ifrac, ofrac, lfrac, lfrin` on the atmosphere grid (if there is one).
    public private(set) var atmosphere: FieldBundle
    /// Fields `afrac, ifrac, ofrac` on the ocean grid (if there is one).
    public private(set) var ocean: FieldBundle
    /// Fields `lfrac, lfrin` on a land's own grid (empty when the land shares the atmosphere's).
    public private(set) var land: FieldBundle
    /// The ocean grid's mask (1 ocean, 0 land) on the coupler's points.
    public let oceanMask: [Double]

    /// The names of the fraction fields and what they are, for history files.
    public static let descriptions: [String: (longName: String, units: String)] = [
        "afrac": ("atmosphere fraction", "1"), "ifrac": ("sea-ice fraction", "1"), "ofrac": ("open-ocean fraction", "1"),
        "lfrac": ("land fraction", "1"), "lfrin": ("land fraction from the ocean mask", "1"),
    ]

    /// The fields of the fraction bundle on each grid that has one.
    private static let fields: [CouplerGrid: [String]] = [
        .atmosphere: ["afrac", "ifrac", "ofrac", "lfrac", "lfrin"], .ocean: ["afrac", "ifrac", "ofrac"], .land: ["lfrac", "lfrin"],
    ]

    /// The merge weights kept on `grid`: all three on the atmosphere's, no land on the ocean's,
    /// only the land on a land's own, none on the other components' grids.
    public static func kept(on grid: CouplerGrid) -> Set<SurfaceFraction> {
        Set(SurfaceFraction.allCases.filter { fields[grid]?.contains($0.rawValue) == true })
    }

    /// Fractions with no sea ice, all land where there is no ocean grid; on a land's own grid
    /// (`landGrid`), the land's own fraction.
    public init(atmosphereGrid: Domain?, oceanGrid: Domain?, landGrid: Domain? = nil) {
        let nAtm = atmosphereGrid?.localSize ?? 0
        atmosphere = FieldBundle(fields: Self.fields[.atmosphere]!, pointCount: nAtm)
        ocean = FieldBundle(fields: Self.fields[.ocean]!, pointCount: oceanGrid?.localSize ?? 0)
        land = FieldBundle(fields: Self.fields[.land]!, pointCount: landGrid?.localSize ?? 0)
        if let landGrid {
            let own = landGrid.fraction.map { min(1, max(0, $0)) }
            land.setValues(own, of: "lfrac")
            land.setValues(own, of: "lfrin")
        }
        oceanMask = oceanGrid?.mask.map { $0 > 0 ? 1 : 0 } ?? []
        for p in 0 ..< nAtm {
            atmosphere[field: 0, point: p] = 1
            atmosphere[field: 3, point: p] = 1
            atmosphere[field: 4, point: p] = 1
        }
        for p in 0 ..< ocean.pointCount {
            ocean[field: 0, point: p] = 1
            ocean[field: 2, point: p] = oceanMask[p]
        }
    }

    /// `lfrin` = 1 − S(mask): the share of each atmosphere cell not covered by ocean cells.
    public mutating func computeLandFraction(map: any FieldMap) throws {
        var x = FieldBundle(fields: ["mask"], pointCount: oceanMask.count)
        x.setValues(oceanMask, of: "mask")
        var covered = FieldBundle(fields: ["mask"], pointCount: atmosphere.pointCount)
        try map.map(x, into: &covered)
        for p in 0 ..< atmosphere.pointCount {
            let land = min(1, max(0, 1 - covered[field: 0, point: p]))
            atmosphere[field: 4, point: p] = land
            atmosphere[field: 3, point: p] = land
        }
    }

    /// `lfrin` = `lfrac` = L(land `lfrin`) on the atmosphere grid, for a land on its own grid;
    /// `map` is the land → atmosphere flux map.
    public mutating func mapLandFraction(map: any FieldMap) throws {
        var mapped = FieldBundle(fields: ["lfrin"], pointCount: atmosphere.pointCount)
        try map.map(land.subset(["lfrin"]), into: &mapped)
        let values = mapped.values(of: "lfrin")
        atmosphere.setValues(values, of: "lfrin")
        atmosphere.setValues(values, of: "lfrac")
    }

    /// New ice and open-ocean fractions from the ice concentration (none: no ice).
    public mutating func update(iceConcentration: [Double]?, map: (any FieldMap)?) throws {
        for p in 0 ..< ocean.pointCount {
            let ice = oceanMask[p] * min(1, max(0, iceConcentration?[p] ?? 0))
            ocean[field: 1, point: p] = ice
            ocean[field: 2, point: p] = oceanMask[p] - ice
        }
        guard let map else { return }
        var mapped = FieldBundle(fields: ["ifrac", "ofrac"], pointCount: atmosphere.pointCount)
        try map.map(ocean.subset(["ifrac", "ofrac"]), into: &mapped)
        for p in 0 ..< atmosphere.pointCount {
            atmosphere[field: 1, point: p] = mapped[field: 0, point: p]
            atmosphere[field: 2, point: p] = mapped[field: 1, point: p]
        }
    }

    /// A fraction over the coupler's ocean points (`"ifrac"`, `"ofrac"`).
    public func onOcean(_ name: String) -> [Double] { ocean.values(of: name) }

    /// The bundle of fractions on `grid` (`nil` on a grid that keeps none).
    public func on(_ grid: CouplerGrid) -> FieldBundle? {
        switch grid {
        case .atmosphere: atmosphere
        case .land: land
        case .ocean: ocean
        default: nil
        }
    }

    /// `lfrin` on the atmosphere points.
    public var landFractionInput: [Double] { atmosphere.values(of: "lfrin") }
}
