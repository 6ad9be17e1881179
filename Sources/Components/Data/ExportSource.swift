/// Where a data model takes the values of one of its exports from.
public enum ExportSource: Sendable, Hashable, CustomStringConvertible {
    /// The forcing field of that name, read from the file (an export, or a total such as `Faxa_swdn`).
    case forcing(String)
    /// The same value everywhere, always.
    case constant(Double)
    /// A fixed share of a forcing field (a band of the total shortwave).
    case share(Double, of: String)
    /// The values of another export (`Sa_ptem` as `Sa_tbot`).
    case sameAs(String)
    /// Moist air density from the exports `Sa_pbot`, `Sa_tbot` and `Sa_shum`, as CESM's datm:
    /// `ρ = (p − 0.378 e) / (R_d T)` with vapour pressure `e = q p / (0.622 + 0.378 q)`.
    case airDensity

    /// How the source reads in a log: `file (tbot)`, `constant 10`, `0.31 × Faxa_swdn`, ...
    public var description: String {
        switch self {
        case .forcing(let field): "forcing \(field)"
        case .constant(let value): "constant \(value)"
        case .share(let share, let field): "\(share) × forcing \(field)"
        case .sameAs(let field): "same as \(field)"
        case .airDensity: "air density from Sa_pbot, Sa_tbot, Sa_shum"
        }
    }
}
