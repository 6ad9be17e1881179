/// A failure during a coupled run, with where and when it happened: which component
/// (or driver phase), which world rank, what model time, and the underlying error.
public struct RunFailure: Error, CustomStringConvertible {
    /// What failed: `atm (model 'slab')`, or a driver phase like `history write`.
    public let what: String
    /// The phase: initialize, run, finalize, ...
    public let phase: String
    /// The world rank the failure happened on.
    public let worldRank: Int
    /// The model time, as CESM writes dates (`0001-01-02-03600`), if the clock was running.
    public let modelTime: String?
    /// The underlying error, as text.
    public let reason: String
    /// Whether every rank found the same failure at the same point (a bad configuration seen
    /// by all): then no rank needs telling (see `JobEnding`).
    public var sharedByAllRanks = false

    /// A failure of `what` during `phase` on world rank `worldRank`, at `modelTime` if the clock was running.
    public init(what: String, phase: String, worldRank: Int, modelTime: String?, reason: String, sharedByAllRanks: Bool = false) {
        self.what = what
        self.phase = phase
        self.worldRank = worldRank
        self.modelTime = modelTime
        self.reason = reason
        self.sharedByAllRanks = sharedByAllRanks
    }

    /// One line naming what failed, the phase and the reason, plus the rank and model time unless every rank failed alike.
    public var description: String {
        if sharedByAllRanks { return "\(what) failed during \(phase): \(reason)" }
        var text = "\(what) failed on world rank \(worldRank) during \(phase)"
        if let modelTime { text += " at model time \(modelTime)" }
        return text + ": " + reason
    }

    /// The same failure on the rank `first` ranks further on: where a member of a multi-driver
    /// job counts its ranks from the job's rank `first`.
    func countingRanks(from first: Int) -> RunFailure {
        RunFailure(what: what, phase: phase, worldRank: worldRank + first, modelTime: modelTime, reason: reason, sharedByAllRanks: sharedByAllRanks)
    }
}
