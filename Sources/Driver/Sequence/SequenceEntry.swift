import Foundation

/// One entry of the run sequence: an event and the gate that decides in which driver steps it
/// happens. Its text is `GATE: EVENT` (`ocn interval starts: cpl -> ocn`).
public struct SequenceEntry: Sendable, Hashable, LosslessStringConvertible {
    /// When the event happens.
    public let gate: SequenceGate
    /// What happens.
    public let event: SequenceEvent

    /// An entry for `event` behind `gate`.
    public init(gate: SequenceGate, event: SequenceEvent) {
        self.gate = gate
        self.event = event
    }

    public var description: String { "\(gate): \(event)" }

    /// The entry `description` names, or `nil`.
    public init?(_ description: String) {
        let parts = description.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, let gate = SequenceGate(parts[0]), let event = SequenceEvent(parts[1]) else { return nil }
        self.init(gate: gate, event: event)
    }
}
