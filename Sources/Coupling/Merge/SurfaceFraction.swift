/// The surface fractions merges weight their terms with, named as cpl7 names them.
public enum SurfaceFraction: String, Sendable, Hashable, CaseIterable {
    /// The land fraction.
    case lfrac
    /// The sea-ice fraction.
    case ifrac
    /// The open-ocean fraction.
    case ofrac
}
