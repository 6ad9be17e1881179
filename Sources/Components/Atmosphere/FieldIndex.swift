import Coupling

/// A field a component needs is missing from the bundle the driver gave it.
public struct MissingFieldError: Error, Sendable, CustomStringConvertible {
    /// The missing field.
    public let field: String
    /// What the component was doing.
    public let context: String

    /// What is missing and where.
    public var description: String { "\(context): the coupler gave no field '\(field)'" }
}

extension FieldBundle {
    /// The storage position of field `name`, or an error naming `context` if it is absent.
    func requiredIndex(of name: String, for context: String) throws(MissingFieldError) -> Int {
        guard let index = index(of: name) else { throw MissingFieldError(field: name, context: context) }
        return index
    }
}
