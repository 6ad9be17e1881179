import Coupling

/// One thing a driver step does. Its text (`cpl -> ocn`, `ocn run`, `cpl fractions`) is what
/// `cpl.log`, `timing/timing.json` and the tests show.
public enum SequenceEvent: Sendable, Hashable, LosslessStringConvertible {
    /// The coupler forms a component's inputs and moves them to it (`cpl -> ocn`): the ranks of
    /// both take part.
    case send(ComponentKind)
    /// A component runs through one coupling interval on its ranks (`ocn run`).
    case run(ComponentKind)
    /// A component's exports move to the coupler (`ocn -> cpl`): the ranks of both take part.
    case receive(ComponentKind)
    /// The coupler's own work on its ranks (`cpl fractions`).
    case coupler(CouplerPhase)
    /// The driver clock moves on by one driver step; alarms ring after it.
    case advanceClock
    /// Every component and the coupler write their history files.
    case history
    /// The coupler writes its time-averaged history file and starts a new averaging period.
    case averagedHistory
    /// Every component and the coupler write a restart set.
    case restart

    public var description: String {
        switch self {
        case .send(let kind): "cpl -> \(kind)"
        case .run(let kind): "\(kind) run"
        case .receive(let kind): "\(kind) -> cpl"
        case .coupler(let phase): "cpl \(phase.rawValue)"
        case .advanceClock: "advance clock"
        case .history: "write history"
        case .averagedHistory: "write averaged history"
        case .restart: "write restart"
        }
    }

    /// The event `description` names, or `nil`.
    public init?(_ description: String) {
        let words = description.split(separator: " ").map(String.init)
        switch words.count {
        case 2 where words == ["advance", "clock"]: self = .advanceClock
        case 2 where words == ["write", "history"]: self = .history
        case 2 where words == ["write", "restart"]: self = .restart
        case 3 where words == ["write", "averaged", "history"]: self = .averagedHistory
        case 2 where words[1] == "run": guard let kind = ComponentKind(rawValue: words[0]) else { return nil }; self = .run(kind)
        case 3 where words == ["cpl", "->", words[2]]:
            guard let kind = ComponentKind(rawValue: words[2]) else { return nil }
            self = .send(kind)
        case 3 where words[1] == "->" && words[2] == "cpl":
            guard let kind = ComponentKind(rawValue: words[0]) else { return nil }
            self = .receive(kind)
        default:
            guard words.first == "cpl", let phase = CouplerPhase(rawValue: words.dropFirst().joined(separator: " ")) else { return nil }
            self = .coupler(phase)
        }
    }
}
