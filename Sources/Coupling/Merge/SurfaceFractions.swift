/// The surface fractions of cpl7, on the coupler's points of both grids:
/// - ocean grid: `afrac` (1), `ifrac` = mask × ice concentration, `ofrac` = mask − `ifrac`;
/// - atmosphere grid: `afrac` (1), `lfrin` = 1 − S(ocean mask) (fixed: the land the ocean's mask
///   leaves), `lfrac` = `lfrin`, `ifrac` = S(`ifrac`), `ofrac` = S(`ofrac`), with S the ocean →
///   atmosphere flux map.
///
/// On the atmosphere grid `lfrac + ifrac + ofrac` = 1 to round-off, because S is linear and
/// S(mask) is the ocean-covered fraction of each atmosphere cell.
public struct SurfaceFractions: Sendable {
    /// Fields `afrac, ifrac, ofrac, lfrac, lfrin` on the atmosphere grid (if there is one).
    public private(set) var atmosphere: FieldBundle
    /// Fields `afrac, ifrac, ofrac` on the ocean grid (if there is one).
    public private(set) var ocean: FieldBundle
    /// The ocean grid's mask (1 ocean, 0 land) on the coupler's points.
    public let oceanMask: [Double]

    /// The names of the fraction fields and what they are, for history files.
    public static let descriptions: [String: (longName: String, units: String)] = [
        "afrac": ("atmosphere fraction", "1"), "ifrac": ("sea-ice fraction", "1"), "ofrac": ("open-ocean fraction", "1"),
        "lfrac": ("land fraction", "1"), "lfrin": ("land fraction from the ocean mask", "1"),
    ]

    /// The fields of the fraction bundle on the atmosphere grid and on the ocean grid.
    private static let atmosphereFields = ["afrac", "ifrac", "ofrac", "lfrac", "lfrin"]
    private static let oceanFields = ["afrac", "ifrac", "ofrac"]

    /// The merge weights kept on the atmosphere grid (all three) or on the ocean grid (no land).
    public static func kept(onAtmosphereGrid: Bool) -> Set<SurfaceFraction> {
        let fields = onAtmosphereGrid ? atmosphereFields : oceanFields
        return Set(SurfaceFraction.allCases.filter { fields.contains($0.rawValue) })
    }

    /// Fractions with no sea ice, all land where there is no ocean grid.
    public init(atmosphereGrid: Domain?, oceanGrid: Domain?) {
        let nAtm = atmosphereGrid?.localSize ?? 0
        atmosphere = FieldBundle(fields: Self.atmosphereFields, pointCount: nAtm)
        ocean = FieldBundle(fields: Self.oceanFields, pointCount: oceanGrid?.localSize ?? 0)
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

    /// A fraction over the coupler's atmosphere points (`"lfrac"`, ...).
    public func onAtmosphere(_ name: String) -> [Double] { atmosphere.values(of: name) }

    /// A fraction over the coupler's ocean points (`"ifrac"`, `"ofrac"`).
    public func onOcean(_ name: String) -> [Double] { ocean.values(of: name) }

    /// `lfrin` on the atmosphere points.
    public var landFractionInput: [Double] { atmosphere.values(of: "lfrin") }
}
