/// A weights file that cannot be used, with what is wrong with it.
public struct WeightsError: Error, Sendable, CustomStringConvertible {
    /// The weights file.
    public let path: String
    /// What is wrong.
    public let message: String
    /// The 0-based number of the matrix entry at fault, when one is.
    public let entry: Int?

    /// An error in the weights file at `path`, optionally naming the 0-based matrix entry at fault.
    public init(path: String, _ message: String, entry: Int? = nil) {
        self.path = path
        self.message = message
        self.entry = entry
    }

    /// `weights file <path>: <message>`.
    public var description: String { "weights file \(path): \(message)" }
}
