/// Why no layout can be searched for as asked.
public struct LayoutSearchError: Error, Sendable, Hashable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
