/// The grids the coupler keeps surface fractions and merged fields on: the atmosphere's (shared
/// by a land on the same grid), a land's own, and the ocean's (shared by the sea ice).
public enum SurfaceGrid: String, Sendable, Hashable, CaseIterable {
    case atmosphere = "atm"
    case land = "lnd"
    case ocean = "ocn"
}
