/// What the coupler's ledger counts: the water a component holds (kg) or its heat (J).
public enum LedgerQuantity: String, Sendable, Hashable, CaseIterable {
    case water
    case heat
}

/// What weights a term of the ledger or a store, point by point.
public enum LedgerWeight: Sendable, Hashable {
    /// The whole cell: the field is per unit cell area.
    case cell
    /// A surface fraction the coupler keeps on the component's grid (the land's `lfrac`).
    case fraction(SurfaceFraction)
    /// A field of the component's own last export at that moment (the sea ice's `Si_ifrac`:
    /// before the exports of a run arrive, the concentration the run received its inputs over;
    /// after, the one its outputs are per unit of).
    case exported(String)
}

/// One term of the coupler's ledger: water or heat that component `column` gained through
/// what the coupler sent it for a run (`imported`) or through what it exported after the run
/// (`exported`), as `factor` × `weight` × the sum of `fields`, per unit area, over the run. The
/// ledger counts a run's terms when its exports arrive, so that, run by run, they can be held
/// against the change of the component's store (`LedgerStore`).
///
/// The factor is ±1 for a flux of the quantity itself, or converts one: −L_f for snow, which
/// carries the heat its melting will take; L_v for evaporation, whose vapour carries the heat of
/// vaporisation (the latent heat flux of a surface that sublimates also counts L_f, which the
/// snow or ice lost gives back).
public struct LedgerTerm: Sendable, Hashable {
    /// Whether the fields are of the run's inputs or of its exports.
    public enum Moment: Sendable, Hashable {
        case imported
        case exported
    }

    public let quantity: LedgerQuantity
    /// The component whose water or heat the term changes.
    public let column: ComponentKind
    public let moment: Moment
    /// The fields summed (kg m⁻² s⁻¹ or W m⁻², per unit of `weight`).
    public let fields: [String]
    public let weight: LedgerWeight
    /// What the sum of the fields is multiplied by: +1 for a gain, −1 for a loss, or a latent heat.
    public let factor: Double
    /// Whether the field is a freezing potential (`Fioo_q`, W m⁻²): only its positive part
    /// counts, the latent heat the freezing releases; as water, divided by L_f.
    public let frazil: Bool

    /// A term of `column`'s water or heat.
    public init(_ quantity: LedgerQuantity, _ column: ComponentKind, _ moment: Moment, _ fields: [String], _ weight: LedgerWeight,
                _ factor: Double, frazil: Bool = false) {
        self.quantity = quantity
        self.column = column
        self.moment = moment
        self.fields = fields
        self.weight = weight
        self.factor = factor
        self.frazil = frazil
    }
}

/// The export in which component `column` reports the water (kg) or heat (J) it holds per unit
/// area, weighted by `weight` (`Sa_wstor`, the atmosphere's column water less the precipitation
/// it has exported but not yet lost; `So_hstor`, the heat of the ocean's mixed layer above its
/// freezing point).
public struct LedgerStore: Sendable, Hashable {
    public let quantity: LedgerQuantity
    public let column: ComponentKind
    public let field: String
    public let weight: LedgerWeight

    /// `column`'s store of `quantity`.
    public init(_ quantity: LedgerQuantity, _ column: ComponentKind, _ field: String, _ weight: LedgerWeight = .cell) {
        self.quantity = quantity
        self.column = column
        self.field = field
        self.weight = weight
    }
}
