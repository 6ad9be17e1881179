import CMPI

/// An error reported by the MPI library, with the library's own explanation.
public struct MPIError: Error, CustomStringConvertible, Sendable {
    /// The MPI error code (`MPI_SUCCESS` is never stored here).
    public let code: Int32
    /// The MPI call that failed, e.g. `MPI_Allreduce`.
    public let operation: String
    /// The text `MPI_Error_string` gives for `code`.
    public let message: String

    /// The error `code` returned by `operation`, with the library's text for it.
    public init(code: Int32, operation: String) {
        self.code = code
        self.operation = operation
        var buffer = [CChar](repeating: 0, count: Int(MPI_MAX_ERROR_STRING) + 1)
        var length: Int32 = 0
        if MPI_Error_string(code, &buffer, &length) == MPI_SUCCESS {
            self.message = String(decoding: buffer.prefix(Int(length)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        } else {
            self.message = "unknown MPI error"
        }
    }

    /// An error of this module's own (`code` is an MPI error class), with its own `message`.
    init(code: Int32, operation: String, message: String) {
        self.code = code
        self.operation = operation
        self.message = message
    }

    /// `OPERATION failed: MESSAGE (MPI error CODE)`.
    public var description: String { "\(operation) failed: \(message) (MPI error \(code))" }
}

/// Throws an `MPIError` unless `code` is `MPI_SUCCESS`.
@inline(__always)
func check(_ code: Int32, _ operation: @autoclosure () -> String) throws(MPIError) {
    if code != MPI_SUCCESS { throw MPIError(code: code, operation: operation()) }
}
