import Coupling

/// When an entry of the run sequence happens within a driver step.
public enum SequenceGate: Sendable, Hashable, LosslessStringConvertible {
    /// Every driver step.
    case everyStep
    /// When a component starts a coupling interval (`atm_cpl_dt`, ...) at the step's start.
    case intervalStarts(ComponentKind)
    /// When a component's coupling interval ends with the step.
    case intervalEnds(ComponentKind)
    /// When a clock alarm rings, after the clock has advanced.
    case alarm(DriverAlarm)

    public var description: String {
        switch self {
        case .everyStep: "every step"
        case .intervalStarts(let kind): "\(kind) interval starts"
        case .intervalEnds(let kind): "\(kind) interval ends"
        case .alarm(let alarm): "\(alarm.rawValue) alarm"
        }
    }

    /// The gate `description` names, or `nil`.
    public init?(_ description: String) {
        let words = description.split(separator: " ").map(String.init)
        switch (words.count, words.last) {
        case (2, "step") where words[0] == "every": self = .everyStep
        case (2, "alarm"): guard let alarm = DriverAlarm(rawValue: words[0]) else { return nil }; self = .alarm(alarm)
        case (3, "starts") where words[1] == "interval":
            guard let kind = ComponentKind(rawValue: words[0]) else { return nil }
            self = .intervalStarts(kind)
        case (3, "ends") where words[1] == "interval":
            guard let kind = ComponentKind(rawValue: words[0]) else { return nil }
            self = .intervalEnds(kind)
        default: return nil
        }
    }
}
