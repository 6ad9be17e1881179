/// Why a cost model cannot be fitted to a component's measurements.
public struct CostFitError: Error, Sendable, Hashable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
