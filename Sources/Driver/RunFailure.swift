import Coupling
import MPI

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
    /// by all): then the job can end without `MPI_Abort`.
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
}

/// Reports a failure on this rank (stderr and `cpl.log` in the run directory) and ends every
/// process of the job with `MPI_Abort`, so no rank waits forever for one that failed.
public func abortJob(_ failure: RunFailure, runDirectory: String) -> Never {
    let message = "ERROR: \(failure)\nThe job is being ended on every rank (MPI_Abort)."
    printToStandardError(message)
    LogFile.append("\n" + message + "\n", toFileAt: resolve("cpl.log", against: runDirectory))
    MPIRuntime.abort(code: 1)
}
