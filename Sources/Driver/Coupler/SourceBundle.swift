import Coupling

/// A bundle of fields the coupler keeps on one of its grids, which imports, budgets and history
/// read: a component's exports on its own grid, those exports mapped to another grid, or the
/// coupler's open-ocean fluxes.
enum SourceBundle: Sendable, Hashable, Comparable {
    /// What component `kind` last exported, on its grid.
    case received(ComponentKind)
    /// Component `kind`'s exports mapped to `grid`; the atmosphere's carry the sums the table
    /// declares (`Faxa_rain`), and the ocean's on the atmosphere grid carry the coupler's
    /// open-ocean fluxes and albedos.
    case mapped(ComponentKind, to: CouplerGrid)
    /// The coupler's open-ocean fluxes, on the ocean grid.
    case oceanFluxes

    /// The source component (none for the coupler's fluxes).
    var component: ComponentKind? {
        switch self {
        case .received(let kind), .mapped(let kind, _): kind
        case .oceanFluxes: nil
        }
    }

    /// cpl7's name of the bundle in history files: `a2x`, `a2x_o` (the atmosphere's exports on
    /// the ocean grid), `xao` (the open-ocean fluxes), `xao_a` (the ocean's surface and those
    /// fluxes on the atmosphere grid).
    var name: String {
        switch self {
        case .received(let kind): "\(kind.letter)2x"
        case .mapped(.ocn, let grid) where grid == .atmosphere: "xao_\(grid.kind.letter)"
        case .mapped(let kind, let grid): "\(kind.letter)2x_\(grid.kind.letter)"
        case .oceanFluxes: "xao"
        }
    }

    /// Received bundles first, then mapped ones by source and grid, then the fluxes.
    static func < (a: SourceBundle, b: SourceBundle) -> Bool { a.order < b.order }

    private var order: (Int, ComponentKind, ComponentKind) {
        switch self {
        case .received(let kind): (0, kind, kind)
        case .mapped(let kind, let grid): (1, kind, grid.kind)
        case .oceanFluxes: (2, .cpl, .cpl)
        }
    }
}
