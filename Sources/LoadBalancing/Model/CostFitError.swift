/// Why a cost model cannot be fitted to a component's measurements.
public struct CostFitError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong with the samples.
    public let message: String

    /// An error saying `message`.
    public init(_ message: String) { self.message = message }

    /// The message.
    public var description: String { message }
}
