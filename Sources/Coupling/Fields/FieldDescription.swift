/// A coupling field: its cpl7 name, what it is and its units.
public struct FieldDescription: Sendable, Hashable {
    /// The cpl7 name (`Sa_tbot`, `Fall_lwup`, ...).
    public let name: String
    /// What the field is, in words (the `long_name` in history files).
    public let longName: String
    /// Its units (the `units` in history files).
    public let units: String
    /// Whether it is a state or a flux: states travel between grids by the state map
    /// (`*_smapname`, bilinear in CESM), fluxes by the conservative flux map (`*_fmapname`).
    public let kind: FieldKind

    /// A field named `name`.
    public init(name: String, longName: String, units: String, kind: FieldKind) {
        self.name = name
        self.longName = longName
        self.units = units
        self.kind = kind
    }
}
