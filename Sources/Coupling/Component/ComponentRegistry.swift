/// The component models the driver can run, by name: what `&components` selects from
/// (`atm = 'slab'`). Built-in models register here by name, and families of models by a
/// prefix that takes an argument (`ocn = 'plugin:libmyocean.so'`).
public struct ComponentRegistry: Sendable {
    /// One registered model.
    public struct Entry: Sendable {
        /// The name used in the namelist (case-insensitive, stored lowercased; a family
        /// member keeps its argument as written: `plugin:Lib/libOcean.so`).
        public let name: String
        /// The component kinds the model can be.
        public let kinds: Set<ComponentKind>
        /// The namelist groups the model reads (so the driver knows them as valid groups).
        public let namelistGroups: [String]
        /// One line for `--help` and error messages.
        public let summary: String
        /// Makes a new instance for the component kind it will be.
        public let make: @Sendable (ComponentKind) -> any Component
        /// What makes the model unusable as the given kind before it runs (a plug-in library
        /// that does not load), given the folder relative paths resolve against; `nil` if
        /// nothing does.
        public let problem: @Sendable (ComponentKind, _ directory: String) -> String?
    }

    /// Models named `prefix:argument`, such as `plugin:path/to/libmyocean.so`.
    private struct Family: Sendable {
        /// The prefix before the colon (case-insensitive, stored lowercased).
        let prefix: String
        /// What the argument after the colon is, for messages (`path/to/libmodel.so`).
        let argumentName: String
        /// The component kinds a member can be.
        let kinds: Set<ComponentKind>
        /// The namelist groups members read.
        let namelistGroups: [String]
        /// One line for `--help` and error messages.
        let summary: String
        /// Makes a new instance of the member with `argument` for the kind it will be.
        let make: @Sendable (_ argument: String, ComponentKind) -> any Component
        /// What makes the member with `argument` unusable as the given kind, given the folder
        /// relative paths resolve against; `nil` if nothing does.
        let problem: @Sendable (_ argument: String, ComponentKind, _ directory: String) -> String?
    }

    /// The model name of an absent component (`&components` default): no grid, no fields, and
    /// no ranks unless `&cime_pes` places it.
    public static let stub = "stub"

    private var entries: [String: Entry] = [:]
    private var families: [String: Family] = [:]

    /// An empty registry.
    public init() {}

    /// Registers a model under `name`, replacing an earlier one of that name. `make` is given the
    /// kind the model is to be, so one name can stand for related models of several kinds
    /// (`slab` atmosphere and `slab` ocean).
    public mutating func register(_ name: String, kinds: Set<ComponentKind>, namelistGroups: [String] = [], summary: String,
                                  make: @escaping @Sendable (ComponentKind) -> any Component) {
        let key = name.lowercased()
        entries[key] = Entry(name: key, kinds: kinds, namelistGroups: namelistGroups.map { $0.lowercased() }, summary: summary, make: make,
                             problem: { _, _ in nil })
    }

    /// Registers a model whose instances do not depend on the kind they are.
    public mutating func register(_ name: String, kinds: Set<ComponentKind>, namelistGroups: [String] = [], summary: String,
                                  make: @escaping @Sendable () -> any Component) {
        register(name, kinds: kinds, namelistGroups: namelistGroups, summary: summary) { (_: ComponentKind) in make() }
    }

    /// Registers the family of models named `prefix:argument`, replacing an earlier family of
    /// that prefix. `problem` checks a member before the run (on every rank alike, and in
    /// `coupled-driver check`); `make` makes it.
    public mutating func registerFamily(_ prefix: String, argumentName: String, kinds: Set<ComponentKind>, namelistGroups: [String] = [],
                                        summary: String,
                                        problem: @escaping @Sendable (_ argument: String, ComponentKind, _ directory: String) -> String?,
                                        make: @escaping @Sendable (_ argument: String, ComponentKind) -> any Component) {
        let key = prefix.lowercased()
        families[key] = Family(prefix: key, argumentName: argumentName, kinds: kinds, namelistGroups: namelistGroups.map { $0.lowercased() },
                               summary: summary, make: make, problem: problem)
    }

    /// The model registered under `name` (case-insensitive), or the member of a family that
    /// `name` (`prefix:argument`, the prefix case-insensitive) names.
    public func entry(named name: String) -> Entry? {
        if let entry = entries[name.lowercased()] { return entry }
        guard let colon = name.firstIndex(of: ":"), let family = families[name[..<colon].lowercased()] else { return nil }
        let argument = String(name[name.index(after: colon)...])
        return Entry(name: family.prefix + ":" + argument, kinds: family.kinds, namelistGroups: family.namelistGroups, summary: family.summary,
                     make: { kind in family.make(argument, kind) }, problem: { kind, directory in family.problem(argument, kind, directory) })
    }

    /// Every registered name, sorted (families not included).
    public var names: [String] { entries.keys.sorted() }

    /// How members of the families that can be component `kind` are named
    /// (`plugin:path/to/libmodel.so`), sorted.
    public func familyPatterns(for kind: ComponentKind) -> [String] {
        families.values.filter { $0.kinds.contains(kind) }.map { "\($0.prefix):\($0.argumentName)" }.sorted()
    }

    /// The names of the models that can be component `kind`, sorted.
    public func names(for kind: ComponentKind) -> [String] {
        entries.values.filter { $0.kinds.contains(kind) }.map(\.name).sorted()
    }

    /// Every namelist group some registered model or family reads.
    public var namelistGroups: [String] {
        Array(Set(entries.values.flatMap(\.namelistGroups) + families.values.flatMap(\.namelistGroups))).sorted()
    }
}
