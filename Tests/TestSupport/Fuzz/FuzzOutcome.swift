/// What one fuzz case gave: the problems found (empty when the input was handled as it
/// should be), what kind of handling it was (counted per run: "parsed", "rejected", "clean
/// error", ...), and a description of the input, made only when the case fails.
public struct FuzzOutcome: Sendable {
    public var problems: [String]
    public var kind: String
    public var input: @Sendable () -> String

    public init(problems: [String], kind: String, input: @escaping @Sendable () -> String) {
        self.problems = problems
        self.kind = kind
        self.input = input
    }
}
