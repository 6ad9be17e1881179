/// Why coupling intervals cannot describe a run the driver would make.
public struct CouplingScheduleError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong with the intervals.
    public let message: String

    /// An error saying `message`.
    public init(_ message: String) { self.message = message }

    /// The message.
    public var description: String { message }
}
