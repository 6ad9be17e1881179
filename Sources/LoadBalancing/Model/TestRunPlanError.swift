/// Why the test runs cannot be planned as asked.
public struct TestRunPlanError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What cannot be planned, and why.
    public let message: String

    /// An error saying `message`.
    public init(_ message: String) { self.message = message }

    /// The message.
    public var description: String { message }
}
