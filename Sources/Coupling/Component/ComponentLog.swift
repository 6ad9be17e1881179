/// A component's log file (`atm.log`, `ocn.log`, ...), written only by the component's
/// first task so that thousands of tasks do not write thousands of lines.
public struct ComponentLog: Sendable {
    private let file: LogFile?

    /// A log writing to `file` (pass `nil` on tasks other than the first).
    public init(file: LogFile?) {
        self.file = file
    }

    /// A log that writes nothing.
    public static let discarding = ComponentLog(file: nil)

    /// Writes one line (on the first task only).
    public func write(_ line: String) {
        file?.write(line)
    }

    /// Whether lines written here reach a file (true on the first task).
    public var isWriting: Bool { file != nil }
}
