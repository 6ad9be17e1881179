/// One problem found in an input file, such as a namelist or a resource file.
///
/// Rendered like a compiler message: `drv_in:12:5: error: missing '=' after key 'stop_n'`.
public struct Diagnostic: Error, Sendable, Hashable, CustomStringConvertible {
    /// Where the problem is, or `nil` when it concerns no particular place.
    public let location: TextLocation?
    /// What is wrong, in words a user can act on.
    public let message: String

    /// Creates a diagnostic with `message` at `location`.
    public init(_ message: String, at location: TextLocation?) {
        self.message = message
        self.location = location
    }

    /// `file:line:column: error: message`, or `error: message` without a location.
    public var description: String {
        if let location {
            return "\(location): error: \(message)"
        }
        return "error: \(message)"
    }
}
