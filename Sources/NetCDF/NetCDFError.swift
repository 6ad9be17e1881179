/// An error from netCDF-C or PnetCDF, naming the file, the variable and the call.
public struct NetCDFError: Error, CustomStringConvertible, Sendable {
    /// The library status code (0 is never stored here; -1 for errors found by this module).
    public let code: Int32
    /// The file the operation was on.
    public let path: String
    /// The variable, dimension or attribute involved, if any.
    public let subject: String?
    /// What was being done, e.g. `reading` or `nc_open`.
    public let operation: String
    /// The library's explanation of `code`, or this module's.
    public let message: String

    /// An error from `operation` on the file at `path`, about `subject` if one is involved.
    public init(code: Int32, path: String, subject: String? = nil, operation: String, message: String) {
        self.code = code
        self.path = path
        self.subject = subject
        self.operation = operation
        self.message = message
    }

    /// `path: subject: operation: message`, for logs and the command line.
    public var description: String {
        var text = "\(path)"
        if let subject { text += ": \(subject)" }
        text += ": \(operation): \(message)"
        return text
    }
}
