/// A grid the coupler keeps fields on, named by the component whose grid it is. Every model
/// component has one, except where cpl7 shares: the sea ice always runs on the ocean's grid, and
/// a land on the atmosphere's grid shares it (`CouplingPlan.grid(of:)` decides).
public struct CouplerGrid: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The component whose grid this is.
    public let kind: ComponentKind

    /// The grid of component `kind`.
    public init(_ kind: ComponentKind) { self.kind = kind }

    /// The grid named by a component's short name (`"atm"`), as restart files store it.
    public init?(rawValue: String) {
        guard let kind = ComponentKind(rawValue: rawValue) else { return nil }
        self.kind = kind
    }

    /// The atmosphere's grid, the land's own grid and the ocean's grid (shared by the sea ice).
    public static let atmosphere = CouplerGrid(.atm)
    public static let land = CouplerGrid(.lnd)
    public static let ocean = CouplerGrid(.ocn)

    /// The component's short name (`"atm"`), the prefix of the grid's variables in history files.
    public var rawValue: String { kind.rawValue }

    /// The short name.
    public var description: String { rawValue }

    /// In the order components are listed (cpl7's).
    public static func < (a: CouplerGrid, b: CouplerGrid) -> Bool { a.kind < b.kind }
}
