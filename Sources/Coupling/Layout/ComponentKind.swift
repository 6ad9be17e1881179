/// The kinds of component the driver couples, named as in CESM.
public enum ComponentKind: String, Sendable, Hashable, CaseIterable, Comparable, Codable, CustomStringConvertible {
    /// The atmosphere.
    case atm
    /// The land.
    case lnd
    /// The sea ice.
    case ice
    /// The ocean.
    case ocn
    /// The coupler.
    case cpl

    /// The order in which components are listed in logs, tables and pictures.
    public static let all: [ComponentKind] = [.atm, .lnd, .ice, .ocn, .cpl]

    /// The model components, without the coupler.
    public static let models: [ComponentKind] = [.atm, .lnd, .ice, .ocn]

    /// The component's name in upper case, as CESM logs show it.
    public var label: String { rawValue.uppercased() }

    /// A plain-language name for messages.
    public var longName: String {
        switch self {
        case .atm: "atmosphere"
        case .lnd: "land"
        case .ice: "sea ice"
        case .ocn: "ocean"
        case .cpl: "coupler"
        }
    }

    /// The CESM short name: `atm`, `lnd`, `ice`, `ocn` or `cpl`.
    public var description: String { rawValue }

    private var order: Int { ComponentKind.all.firstIndex(of: self)! }
    /// Orders kinds as `all` lists them.
    public static func < (a: Self, b: Self) -> Bool { a.order < b.order }
}
