/// A problem with a time-management setting: an invalid date, alarm or stop setting.
///
/// The message is written for the person editing the namelist, e.g.
/// "alarm 'restart': period 1000 s is not a whole number of driver steps (1800 s)".
public struct TimeError: Error, Sendable, CustomStringConvertible {
    /// A human-readable explanation of what is wrong and, where possible, how to fix it.
    public let message: String

    /// Creates an error carrying `message`.
    public init(_ message: String) {
        self.message = message
    }

    /// The error message.
    public var description: String { message }
}
