/// A forcing file, or a data model setting, that a data model (`datm`, `docn`) cannot use.
///
/// The message says what is wrong in words a user can act on; the description adds the file
/// and the variable concerned when they are known:
/// `forcing file '/run/datm.nc', variable 'time': units 'fortnights since 2000-01-01' ...`.
public struct ForcingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The forcing file, if the problem concerns one.
    public let file: String?
    /// The variable of the file, if the problem concerns one.
    public let variable: String?
    /// What is wrong.
    public let message: String

    /// An error saying `message`, about `variable` of `file` when given.
    public init(_ message: String, file: String? = nil, variable: String? = nil) {
        self.message = message
        self.file = file
        self.variable = variable
    }

    /// The same error, naming `file` and `variable` unless it already names a file or a variable.
    public func located(file: String, variable: String? = nil) -> ForcingError {
        ForcingError(message, file: self.file ?? file, variable: self.variable ?? variable)
    }

    /// The message, preceded by the file and the variable when known.
    public var description: String {
        switch (file, variable) {
        case let (file?, variable?): "forcing file '\(file)', variable '\(variable)': \(message)"
        case let (file?, nil): "forcing file '\(file)': \(message)"
        case let (nil, variable?): "variable '\(variable)': \(message)"
        case (nil, nil): message
        }
    }
}
