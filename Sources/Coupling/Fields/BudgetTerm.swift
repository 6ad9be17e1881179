/// One term of the coupler's heat and water budgets (cpl7's `seq_diag`): what the component of
/// `column` gains, per unit area, through the sum of `fields` weighted by `fraction`, on that
/// component's grid.
public struct BudgetTerm: Sendable, Hashable {
    /// The budget row (`lwdn`, `rain`, `melth`, ...).
    public let row: String
    /// The component whose gain (or, with `sign` −1, loss) the term is.
    public let column: ComponentKind
    /// The fields summed (each read where the coupler keeps it on the column's grid).
    public let fields: [String]
    /// The surface fraction weighting the sum; `nil` for the whole cell.
    public let fraction: SurfaceFraction?
    /// +1 for a gain, −1 for a loss.
    public let sign: Double
    /// Components that must be present for the transfer to happen (an ice–ocean flux needs an ocean).
    public let requires: [ComponentKind]

    /// A term of row `row` for `column`.
    public init(_ row: String, _ column: ComponentKind, _ fields: [String], _ fraction: SurfaceFraction?, _ sign: Double,
                requires: [ComponentKind] = []) {
        self.row = row
        self.column = column
        self.fields = fields
        self.fraction = fraction
        self.sign = sign
        self.requires = requires
    }
}
