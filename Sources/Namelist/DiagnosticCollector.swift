/// Collects diagnostics from several readers so a command can report every problem at once.
///
/// A collector is meant to be used by one task while reading configuration;
/// it is deliberately not `Sendable`.
public final class DiagnosticCollector {
    /// Every diagnostic reported so far, in the order reported.
    public private(set) var diagnostics: [Diagnostic] = []

    /// Creates an empty collector.
    public init() {}

    /// Records one problem.
    public func report(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
    }

    /// Records several problems, for example those from `unknownGroupDiagnostics(in:known:)`.
    public func report(contentsOf newDiagnostics: [Diagnostic]) {
        diagnostics.append(contentsOf: newDiagnostics)
    }

    /// Whether no problem has been reported.
    public var isEmpty: Bool { diagnostics.isEmpty }

    /// Throws every recorded problem as one `DiagnosticList`, if there is any.
    public func throwIfAny() throws(DiagnosticList) {
        if !diagnostics.isEmpty {
            throw DiagnosticList(diagnostics)
        }
    }
}

@available(*, unavailable, message: "a DiagnosticCollector belongs to the task that reads the configuration")
extension DiagnosticCollector: Sendable {}
