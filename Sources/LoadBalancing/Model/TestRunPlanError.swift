/// Why the test runs cannot be planned as asked.
public struct TestRunPlanError: Error, Sendable, Hashable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
