/// A field a component declares that the driver cannot use, with the reason.
public struct FieldDeclarationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong, naming the field.
    public let description: String

    /// An error saying `description`.
    public init(_ description: String) { self.description = description }
}
