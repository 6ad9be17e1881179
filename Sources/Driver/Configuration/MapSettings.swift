import Coupling
import Namelist

/// One weights-file key of `&seq_maps`, cpl7's name for the map from one component's grid to
/// another's, for fluxes (`f`, conservative) or states (`s`): `atm2ocn_fmapname`.
public struct MapName: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The component whose grid the map starts from, and the one it maps to.
    public let from: ComponentKind
    public let to: ComponentKind
    /// What the map is for: fluxes or states.
    public let fields: FieldKind

    /// The map from `from`'s grid to `to`'s for `fields`.
    public init(from: ComponentKind, to: ComponentKind, for fields: FieldKind) {
        self.from = from
        self.to = to
        self.fields = fields
    }

    /// The namelist key: `atm2ocn_fmapname`, `lnd2atm_smapname`.
    public var key: String { "\(from)2\(to)_\(fields == .flux ? "f" : "s")mapname" }

    /// The key of the map's type: `atm2ocn_fmaptype`.
    public var typeKey: String { "\(from)2\(to)_\(fields == .flux ? "f" : "s")maptype" }

    /// The key.
    public var description: String { key }

    /// By source, then destination, fluxes first.
    public static func < (a: MapName, b: MapName) -> Bool {
        (a.from, a.to, a.fields == .flux ? 0 : 1) < (b.from, b.to, b.fields == .flux ? 0 : 1)
    }
}

/// The two maps, for fluxes and for states, from one component's grid to another's: the
/// `atm2ocn` of `atm2ocn_fmapname` and `atm2ocn_smapname`.
public struct MapPair: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let from: ComponentKind
    public let to: ComponentKind

    /// The maps from `from`'s grid to `to`'s; the sea ice's are the ocean's (they share a grid).
    public init(from: ComponentKind, to: ComponentKind) {
        self.from = from == .ice ? .ocn : from
        self.to = to == .ice ? .ocn : to
    }

    /// The key of the map for `fields`.
    public func name(for fields: FieldKind) -> MapName { MapName(from: from, to: to, for: fields) }

    /// `atm -> ocn`.
    public var description: String { "\(from) -> \(to)" }

    /// By source, then destination.
    public static func < (a: MapPair, b: MapPair) -> Bool { (a.from, a.to) < (b.from, b.to) }
}

/// The mapping-weight files of `&seq_maps` (cpl7 key names), optionally completed by a CESM
/// `seq_maps.rc` file named by `maps_file`: each is a path (relative to the namelist) or
/// `'idmap'` for components on the same grid.
///
/// Every pair of model components has a flux and a state map (`lnd2rof_fmapname`,
/// `atm2wav_smapname`, …); the coupler reads those between grids that exchange fields. The sea
/// ice shares the ocean's grid and maps (`atm2ice_*`, `ice2atm_*`, … may repeat the ocean's or
/// be left out). The land runs on the atmosphere's grid (`atm2lnd_*`/`lnd2atm_*` are `'idmap'`
/// or left out) or on a grid of its own, reached by the `atm2lnd_*` and `lnd2atm_*` maps.
public struct MapSettings: Sendable, Equatable {
    /// The files given, by key (a path, or `'idmap'`).
    public var files: [MapName: String]
    /// The map types given (`*_maptype`), by the key of their map; `'X'` where not given.
    public var types: [MapName: MapType] = [:]
    /// Where each file was given (in `&seq_maps` or the `seq_maps.rc` file), for messages.
    public var locations: [MapName: TextLocation] = [:]

    /// How map `name` moves data (`'X'` unless given).
    public func type(of name: MapName) -> MapType { types[name] ?? .x }

    /// The file of map `name`: a path, `'idmap'`, or `""` when not set.
    public subscript(_ name: MapName) -> String { files[name] ?? "" }

    /// The value meaning "same grid, no weights".
    public static let identity = "idmap"

    /// E3SM's value for a map that is not needed: read as not set.
    static let ignoredIdentity = "idmap_ignore"

    /// The keys of `&seq_maps`: both maps between every ordered pair of model components but the
    /// sea ice and the ocean, which share a grid.
    public static let names: [MapName] = ComponentKind.models.flatMap { from in
        ComponentKind.models.flatMap { to -> [MapName] in
            guard from != to, Set([from, to]) != [.ice, .ocn] else { return [] }
            return [MapName(from: from, to: to, for: .flux), MapName(from: from, to: to, for: .state)]
        }
    }

    /// The ocean's map that a sea-ice map must repeat (the same pair with `ocn` for `ice`).
    static func oceanCounterpart(of name: MapName) -> MapName? {
        guard name.from == .ice || name.to == .ice else { return nil }
        return MapName(from: name.from == .ice ? .ocn : name.from, to: name.to == .ice ? .ocn : name.to, for: name.fields)
    }
}

/// How a map moves data between ranks: `*_maptype`, with cpl7's names.
public enum MapType: String, Sendable, Hashable {
    /// Source values travel to the ranks owning the destination points, which apply their rows
    /// (`Mapper`): bit-for-bit on any layout.
    case x = "X"
    /// Each rank applies the entries of its source points, and the partial sums travel to the
    /// destination's ranks and are added there (`PartialSumMapper`): less to move from a large
    /// source grid to a small destination, but the rounding follows the layout.
    case y = "Y"
}
