/// The component models the driver can run, by name: what `&components` selects from
/// (`atm = 'slab'`). Built-in models and plug-ins register here.
public struct ComponentRegistry: Sendable {
    /// One registered model.
    public struct Entry: Sendable {
        /// The name used in the namelist (case-insensitive, stored lowercased).
        public let name: String
        /// The component kinds the model can be.
        public let kinds: Set<ComponentKind>
        /// The namelist groups the model reads (so the driver knows them as valid groups).
        public let namelistGroups: [String]
        /// One line for `--help` and error messages.
        public let summary: String
        /// Makes a new instance for the component kind it will be.
        public let make: @Sendable (ComponentKind) -> any Component
    }

    private var entries: [String: Entry] = [:]

    /// An empty registry.
    public init() {}

    /// Registers a model under `name`, replacing an earlier one of that name. `make` is given the
    /// kind the model is to be, so one name can stand for related models of several kinds
    /// (`slab` atmosphere and `slab` ocean).
    public mutating func register(_ name: String, kinds: Set<ComponentKind>, namelistGroups: [String] = [], summary: String,
                                  make: @escaping @Sendable (ComponentKind) -> any Component) {
        let key = name.lowercased()
        entries[key] = Entry(name: key, kinds: kinds, namelistGroups: namelistGroups.map { $0.lowercased() }, summary: summary, make: make)
    }

    /// Registers a model whose instances do not depend on the kind they are.
    public mutating func register(_ name: String, kinds: Set<ComponentKind>, namelistGroups: [String] = [], summary: String,
                                  make: @escaping @Sendable () -> any Component) {
        register(name, kinds: kinds, namelistGroups: namelistGroups, summary: summary) { (_: ComponentKind) in make() }
    }

    /// The model registered under `name` (case-insensitive).
    public func entry(named name: String) -> Entry? { entries[name.lowercased()] }

    /// Every registered name, sorted.
    public var names: [String] { entries.keys.sorted() }

    /// The names of the models that can be component `kind`, sorted.
    public func names(for kind: ComponentKind) -> [String] {
        entries.values.filter { $0.kinds.contains(kind) }.map(\.name).sorted()
    }

    /// Every namelist group some registered model reads.
    public var namelistGroups: [String] { Array(Set(entries.values.flatMap(\.namelistGroups))).sorted() }
}
