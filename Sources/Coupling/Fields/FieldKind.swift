/// Whether a field is a state (an instantaneous value, mapped with the state map and merged as
/// a fraction-weighted mean) or a flux (per unit area, mapped conservatively).
public enum FieldKind: String, Sendable, Hashable {
    /// An instantaneous value (temperature, albedo, fraction).
    case state
    /// A flux per unit area (W m-2, kg m-2 s-1, N m-2), positive downward.
    case flux
}
