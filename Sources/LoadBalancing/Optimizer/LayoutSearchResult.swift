/// What the layout search found: the fastest layout, and the best of each other arrangement.
public struct LayoutSearchResult: Sendable {
    /// The layout with the least predicted time per simulated day.
    public let best: LayoutProposal
    /// The best layout of every other arrangement offered, fastest first.
    public let alternatives: [LayoutProposal]

    /// A result with `best` first and the other arrangements' best layouts, fastest first.
    public init(best: LayoutProposal, alternatives: [LayoutProposal]) {
        self.best = best
        self.alternatives = alternatives
    }
}
