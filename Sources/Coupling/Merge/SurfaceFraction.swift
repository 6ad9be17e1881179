/// The surface fractions merges weight their terms with, named as cpl7 names them.
public enum SurfaceFraction: String, Sendable, Hashable, CaseIterable {
    /// The land fraction.
    case lfrac
    /// The sea-ice fraction.
    case ifrac
    /// The open-ocean fraction.
    case ofrac

    /// Whether the fraction changes in time: the ice and open-ocean fractions follow the ice;
    /// the land fraction is set once, at start-up.
    public var changesInTime: Bool { self != .lfrac }

    /// The fraction of each cell that component `kind` covers: the land's, the sea ice's or the
    /// open ocean's (`nil` for the others, which the atmosphere's surface merge does not weigh).
    public static func covered(by kind: ComponentKind) -> SurfaceFraction? {
        switch kind {
        case .lnd: .lfrac
        case .ice: .ifrac
        case .ocn: .ofrac
        default: nil
        }
    }
}
