/// What weights a term of the water ledger or a water store, point by point.
public enum WaterWeight: Sendable, Hashable {
    /// The whole cell: the field is per unit cell area.
    case cell
    /// A surface fraction the coupler keeps on the component's grid (the land's `lfrac`).
    case fraction(SurfaceFraction)
    /// A field of the component's own last export at that moment (the sea ice's `Si_ifrac`:
    /// before the exports of a run arrive, the concentration the run received its inputs over;
    /// after, the one its outputs are per unit of).
    case exported(String)
}

/// One term of the coupler's water ledger: water that component `column` gained through what
/// the coupler sent it for a run (`imported`) or through what it exported after the run
/// (`exported`), as `sign` × `weight` × the sum of `fields`, per unit area, over the run. The
/// ledger counts a run's terms when its exports arrive, so that, run by run, they can be held
/// against the change of the component's water store (`WaterStore`).
public struct WaterTerm: Sendable, Hashable {
    /// Whether the fields are of the run's inputs or of its exports.
    public enum Moment: Sendable, Hashable {
        case imported
        case exported
    }

    /// The component whose water the term changes.
    public let column: ComponentKind
    public let moment: Moment
    /// The fields summed (kg m⁻² s⁻¹, or W m⁻² for a `frazil` term).
    public let fields: [String]
    public let weight: WaterWeight
    /// +1 for a gain, −1 for a loss.
    public let sign: Double
    /// Whether the field is a freezing potential (`Fioo_q`): the water is its positive part
    /// divided by the latent heat of fusion.
    public let frazil: Bool

    /// A term of `column`'s water.
    public init(_ column: ComponentKind, _ moment: Moment, _ fields: [String], _ weight: WaterWeight, _ sign: Double,
                frazil: Bool = false) {
        self.column = column
        self.moment = moment
        self.fields = fields
        self.weight = weight
        self.sign = sign
        self.frazil = frazil
    }
}

/// The export in which component `column` reports the water it holds, kg per unit area,
/// weighted by `weight` (`Sa_wstor`, the atmosphere's column water less the precipitation it
/// has exported but not yet lost).
public struct WaterStore: Sendable, Hashable {
    public let column: ComponentKind
    public let field: String
    public let weight: WaterWeight

    /// `column`'s store.
    public init(_ column: ComponentKind, _ field: String, _ weight: WaterWeight = .cell) {
        self.column = column
        self.field = field
        self.weight = weight
    }
}
