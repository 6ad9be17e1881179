/// How the coupler forms one field of a component's inputs.
public enum ImportRule: Sendable, Hashable {
    /// The field itself, from where it comes from (`FieldOrigin`), on the importer's grid
    /// (mapped with the state or flux map when the grids differ). When its source component is
    /// absent the importer gets `fallback` everywhere, or, without one, the run cannot start.
    case copy(fallback: Double? = nil)
    /// A surface fraction the coupler keeps (`Sf_lfrac`).
    case fraction(SurfaceFraction)
    /// `Σ fraction × field` over the terms, in order, each field on the importer's grid (mapped
    /// weighted by its fraction when it comes from another grid); a term whose source component
    /// is absent is left out.
    case merge([MergeTerm])
}

/// One term of a merge: a field weighted by a surface fraction, or a field already per unit
/// area of the whole cell (the sea ice's `Fioi_meltw`), taken as it is.
public struct MergeTerm: Sendable, Hashable {
    /// The fraction that weights the field; `nil` for a field per unit cell area.
    public let fraction: SurfaceFraction?
    /// The field (its origin says where it comes from).
    public let field: String

    /// `fraction × field`.
    public init(_ fraction: SurfaceFraction, _ field: String) {
        self.fraction = fraction
        self.field = field
    }

    /// `field` as it is: a flux per unit area of the whole cell.
    public init(wholeCell field: String) {
        self.fraction = nil
        self.field = field
    }
}
