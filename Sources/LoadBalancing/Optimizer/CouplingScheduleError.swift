/// Why coupling intervals cannot describe a run the driver would make.
public struct CouplingScheduleError: Error, Sendable, Hashable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
