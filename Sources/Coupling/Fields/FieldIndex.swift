/// A field a component needs is missing from the bundle the driver gave it (a component
/// whose setup lists a field it then does not find, or a bundle of another component).
public struct MissingFieldError: Error, Sendable, CustomStringConvertible {
    /// The missing field.
    public let field: String
    /// What the component was doing.
    public let context: String

    /// What is missing and where.
    public var description: String { "\(context): the coupler gave no field '\(field)'" }
}

extension FieldBundle {
    /// The storage position of field `name`, or an error naming `context` (what the caller
    /// was doing, e.g. `"mymodel imports"`) if it is absent. Look positions up once per call
    /// of the component, then read and write values by position.
    public func requiredIndex(of name: String, for context: String) throws(MissingFieldError) -> Int {
        guard let index = index(of: name) else { throw MissingFieldError(field: name, context: context) }
        return index
    }
}
