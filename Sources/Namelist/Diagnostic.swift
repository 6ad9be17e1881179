/// One finding in an input file, such as a namelist or a resource file: a problem that stops
/// the run (an error) or something the user should look at (a warning).
///
/// Rendered like a compiler message: `drv_in:12:5: error: missing '=' after key 'stop_n'`.
public struct Diagnostic: Error, Sendable, Hashable, CustomStringConvertible {
    /// How serious a finding is.
    public enum Severity: String, Sendable, Hashable {
        /// The run cannot go ahead as configured.
        case error
        /// The run can go ahead, but probably not as the user means it to.
        case warning
    }

    /// Where the finding is, or `nil` when it concerns no particular place.
    public let location: TextLocation?
    /// What is wrong, in words a user can act on.
    public let message: String
    /// Whether it stops the run.
    public let severity: Severity

    /// Creates a finding of `severity` (an error unless given) with `message` at `location`.
    public init(_ message: String, at location: TextLocation?, severity: Severity = .error) {
        self.message = message
        self.location = location
        self.severity = severity
    }

    /// A warning with `message` at `location`.
    public static func warning(_ message: String, at location: TextLocation?) -> Diagnostic {
        Diagnostic(message, at: location, severity: .warning)
    }

    /// `file:line:column: error: message`, or `error: message` without a location.
    public var description: String {
        (location.map { "\($0): " } ?? "") + "\(severity.rawValue): \(message)"
    }
}
