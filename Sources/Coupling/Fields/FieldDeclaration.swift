/// One row of the exchange table: a field, where it comes from and how each component that
/// imports it gets it.
public struct FieldDeclaration: Sendable, Hashable {
    /// The field's name, meaning, units and kind.
    public let description: FieldDescription
    /// Where it comes from.
    public let origin: FieldOrigin
    /// The components that import it, each with how its import is formed.
    public let importers: [ComponentKind: ImportRule]

    /// A row for `name`.
    public init(_ name: String, _ longName: String, _ units: String, _ kind: FieldKind, from origin: FieldOrigin,
                to importers: [ComponentKind: ImportRule] = [:]) {
        description = FieldDescription(name: name, longName: longName, units: units, kind: kind)
        self.origin = origin
        self.importers = importers
    }

    /// The field's name.
    public var name: String { description.name }
}
