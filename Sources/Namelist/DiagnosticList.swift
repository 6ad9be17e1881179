/// Several problems, reported together so a user can fix them all in one go.
public struct DiagnosticList: Error, Sendable, CustomStringConvertible {
    /// The problems, in the order they should be shown.
    public var diagnostics: [Diagnostic]

    /// Creates a list holding `diagnostics`.
    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    /// One diagnostic per line.
    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}
