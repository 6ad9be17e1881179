/// The kinds of component the driver couples, named as in CESM.
public enum ComponentKind: String, Sendable, Hashable, CaseIterable, Comparable, Codable, CustomStringConvertible {
    /// The atmosphere.
    case atm
    /// The land.
    case lnd
    /// The river runoff model.
    case rof
    /// The sea ice.
    case ice
    /// The ocean.
    case ocn
    /// The land ice (ice sheets).
    case glc
    /// The ocean surface waves.
    case wav
    /// The coupler.
    case cpl

    /// The order in which components are listed in logs, tables and pictures (cpl7's).
    public static let all: [ComponentKind] = [.atm, .lnd, .rof, .ice, .ocn, .glc, .wav, .cpl]

    /// The model components, without the coupler.
    public static let models: [ComponentKind] = all.filter { $0 != .cpl }

    /// The component's name in upper case, as CESM logs show it.
    public var label: String { rawValue.uppercased() }

    /// A plain-language name for messages.
    public var longName: String {
        switch self {
        case .atm: "atmosphere"
        case .lnd: "land"
        case .rof: "river runoff"
        case .ice: "sea ice"
        case .ocn: "ocean"
        case .glc: "land ice"
        case .wav: "ocean waves"
        case .cpl: "coupler"
        }
    }

    /// cpl7's one-letter name, used in the names of coupling bundles (`a2x`, `x2o`, `l2x_r`):
    /// the short name's first letter.
    public var letter: String { String(rawValue.prefix(1)) }

    /// The CESM short name: `atm`, `lnd`, `rof`, `ice`, `ocn`, `glc`, `wav` or `cpl`.
    public var description: String { rawValue }

    private var order: Int { ComponentKind.all.firstIndex(of: self)! }
    /// Orders kinds as `all` lists them.
    public static func < (a: Self, b: Self) -> Bool { a.order < b.order }
}
