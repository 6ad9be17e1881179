/// A plug-in library that cannot be used, or a call into it that failed, with the library's
/// path and what went wrong.
public struct PluginError: Error, Sendable, CustomStringConvertible {
    /// The library's path, resolved against the namelist's folder.
    public let library: String
    /// What went wrong.
    public let message: String

    /// An error of the library at `library`: `message`.
    public init(library: String, _ message: String) {
        self.library = library
        self.message = message
    }

    /// `plug-in PATH: message`.
    public var description: String { "plug-in \(library): \(message)" }
}
