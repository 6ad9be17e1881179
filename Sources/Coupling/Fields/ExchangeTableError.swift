/// An exchange table that contradicts itself: a merge term, a sum or a copy naming a field the
/// table does not declare or that nothing provides.
public struct ExchangeTableError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Every contradiction, one per line, each naming the table entry.
    public let problems: [String]

    /// The problems, one per line.
    public var description: String { problems.joined(separator: "\n") }
}
