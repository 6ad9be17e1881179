/// Why no layout can be searched for as asked.
public struct LayoutSearchError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong with the request.
    public let message: String

    /// An error saying `message`.
    public init(_ message: String) { self.message = message }

    /// The message.
    public var description: String { message }
}
