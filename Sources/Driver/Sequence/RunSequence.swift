import Coupling

/// What one driver step does, as data: the events (send to a component, run it, receive from
/// it, the coupler's own phases, the clock, budgets, history, restart), each behind the gate
/// that decides in which steps it happens.
///
/// The driver executes this value (`CoupledRun`), every rank walking the same entries and doing
/// only what its processor groups take part in; `balance`'s `TimelinePredictor` simulates the
/// same value, read back from the test runs' `timing/timing.json`. `cpl.log` prints it at
/// start-up.
///
/// The driver step is the smallest coupling interval given (stubs included, as the driver's
/// clock does); every interval is a whole number of driver steps. The sequence repeats after
/// `cycleSteps` steps: the least common multiple of the intervals that gate its entries.
public struct RunSequence: Sendable, Hashable {
    /// `cpl_seq_option`: where the ocean runs and when its state comes back.
    public let option: SequenceOption
    /// The model components' coupling intervals, seconds (`atm_cpl_dt`, ...); a component
    /// without one is absent.
    public let intervals: [ComponentKind: Int64]
    /// How each model component couples.
    public let roles: [ComponentKind: CouplingRole]
    /// The events of one driver step, in order, each with its gate.
    public let entries: [SequenceEntry]
    /// The driver step, seconds: the smallest coupling interval.
    public let driverStep: Int64
    /// Driver steps after which the gates repeat.
    public let cycleSteps: Int

    /// The longest cycle a sequence may have, in driver steps.
    public static let longestCycle = 100_000

    /// The sequence of `option` for components with these intervals and roles:
    ///
    /// `CESM1_MOD` (cpl7's default order):
    /// 1. when the ocean starts an interval: cpl -> ocn (the forcing averaged over the last
    ///    interval), the ocean runs (beside everything else where its ranks are its own);
    /// 2. for land, sea ice, waves and river runoff starting an interval: cpl -> lnd, ice, wav,
    ///    rof (all before any runs, so on disjoint ranks they run side by side), their runs
    ///    (lnd, ice, rof, wav), then lnd, rof, ice, wav -> cpl;
    /// 3. when the land ice starts an interval: cpl -> glc (after the land's exports are in),
    ///    the land ice runs;
    /// 4. when the atmosphere starts an interval: the coupler's fractions and atm/ocn fluxes,
    ///    cpl -> atm (the surface merge), the atmosphere runs, atm -> cpl, the coupler maps it
    ///    to the ocean grid;
    /// 5. when the land ice started an interval: glc -> cpl;
    /// 6. every step: the coupler adds the step's ocean forcing to the interval's sum;
    /// 7. when the ocean's interval ends: ocn -> cpl;
    /// 8. the clock advances; the budgets and the sums of the averaged history (when asked for),
    ///    then history, averaged history and restart at their alarms.
    ///
    /// The other options move parts of this order, as cpl7's driver loop does:
    /// - `_TIGHT`: the ocean runs after the surface components instead of first, and its state
    ///   comes back (step 7) right after theirs, before step 3, so the atmosphere–ocean fluxes
    ///   of that step already use it;
    /// - `CESM1_ORIG`: step 6 comes between the fractions and the fluxes of step 4;
    /// - `RASM_OPTION1`: the fluxes and step 6 come first, before step 1;
    /// - `RASM_OPTION2`: after step 2 come the fractions, the fluxes and step 6, then cpl -> ocn,
    ///   step 3, cpl -> atm, the ocean's run, and the rest of step 4.
    ///
    /// Events of absent components are left out, and so is cpl -> X for a component that
    /// imports nothing. A component without an interval is absent; missing roles of the others
    /// mean `importsAndExports`.
    public init(option: SequenceOption, intervals: [ComponentKind: Int64], roles: [ComponentKind: CouplingRole] = [:],
                budgets: Bool = false, averagedHistory: Bool = false) throws(RunSequenceError) {
        var roles = roles
        for kind in ComponentKind.models where roles[kind] == nil { roles[kind] = intervals[kind] == nil ? .absent : .importsAndExports }
        var entries = [SequenceEntry]()
        func add(_ gate: SequenceGate, _ events: SequenceEvent...) {
            for event in events where Self.takesPlace(event, roles: roles) { entries.append(SequenceEntry(gate: gate, event: event)) }
        }
        func surfaceComponents() {
            for kind in [ComponentKind.lnd, .ice, .wav, .rof] { add(.intervalStarts(kind), .send(kind)) }
            for kind in [ComponentKind.lnd, .ice, .rof, .wav] { add(.intervalStarts(kind), .run(kind)) }
            if option.isTight { add(.intervalStarts(.ocn), .run(.ocn)) }
            for kind in [ComponentKind.lnd, .rof, .ice, .wav] { add(.intervalStarts(kind), .receive(kind)) }
            if roles[.rof] == .importsAndExports { add(.everyStep, .coupler(.accumulateRiverForcing)) }
            if option.isTight { add(.intervalEnds(.ocn), .receive(.ocn)) }
        }
        let accumulate = SequenceEvent.coupler(.accumulateOceanForcing)
        switch option {
        case .cesm1Orig, .cesm1OrigTight, .cesm1Mod, .cesm1ModTight:
            add(.intervalStarts(.ocn), .send(.ocn))
            if !option.isTight { add(.intervalStarts(.ocn), .run(.ocn)) }
            surfaceComponents()
            add(.intervalStarts(.glc), .send(.glc), .run(.glc))
            add(.intervalStarts(.atm), .coupler(.fractions))
            if option.accumulatesBeforeFluxes { add(.everyStep, accumulate) }
            add(.intervalStarts(.atm), .coupler(.oceanFluxes), .send(.atm), .run(.atm), .receive(.atm), .coupler(.mapAtmosphereToOcean))
            add(.intervalStarts(.glc), .receive(.glc))
            if !option.accumulatesBeforeFluxes { add(.everyStep, accumulate) }
        case .rasmOption1:
            add(.intervalStarts(.atm), .coupler(.oceanFluxes))
            add(.everyStep, accumulate)
            add(.intervalStarts(.ocn), .send(.ocn), .run(.ocn))
            surfaceComponents()
            add(.intervalStarts(.glc), .send(.glc), .run(.glc))
            add(.intervalStarts(.atm), .coupler(.fractions), .send(.atm), .run(.atm), .receive(.atm), .coupler(.mapAtmosphereToOcean))
            add(.intervalStarts(.glc), .receive(.glc))
        case .rasmOption2:
            surfaceComponents()
            add(.intervalStarts(.atm), .coupler(.fractions), .coupler(.oceanFluxes))
            add(.everyStep, accumulate)
            add(.intervalStarts(.ocn), .send(.ocn))
            add(.intervalStarts(.glc), .send(.glc), .run(.glc))
            add(.intervalStarts(.atm), .send(.atm))
            add(.intervalStarts(.ocn), .run(.ocn))
            add(.intervalStarts(.atm), .run(.atm), .receive(.atm), .coupler(.mapAtmosphereToOcean))
            add(.intervalStarts(.glc), .receive(.glc))
        }
        if !option.isTight { add(.intervalEnds(.ocn), .receive(.ocn)) }
        add(.everyStep, .advanceClock)
        if budgets { add(.everyStep, .coupler(.budgets)) }
        if averagedHistory { add(.everyStep, .coupler(.accumulateHistory)) }
        add(.alarm(.history), .history)
        if averagedHistory { add(.alarm(.historyAverage), .averagedHistory) }
        add(.alarm(.restart), .restart)
        try self.init(option: option, intervals: intervals, roles: roles, entries: entries)
    }

    /// A sequence with the given entries, checked against the intervals and roles.
    private init(option: SequenceOption, intervals: [ComponentKind: Int64], roles: [ComponentKind: CouplingRole],
                 entries: [SequenceEntry]) throws(RunSequenceError) {
        guard intervals[.cpl] == nil, roles[.cpl] == nil else {
            throw RunSequenceError("the coupler has no coupling interval or role: it works every driver step")
        }
        if let missing = ComponentKind.models.first(where: { intervals[$0] == nil && roles[$0] != .absent }) {
            throw RunSequenceError("\(missing) takes part but has no coupling interval (\(missing)_cpl_dt)")
        }
        let given = ComponentKind.models.filter { intervals[$0] != nil }
        if let bad = given.first(where: { intervals[$0]! < 1 }) {
            throw RunSequenceError("\(bad)_cpl_dt = \(intervals[bad]!): a coupling interval is at least 1 s")
        }
        guard let step = given.map({ intervals[$0]! }).min() else { throw RunSequenceError("no component has a coupling interval") }
        if let bad = given.first(where: { intervals[$0]! % step != 0 }) {
            throw RunSequenceError("\(bad)_cpl_dt = \(intervals[bad]!) is not a multiple of the driver step \(step) s")
        }
        if let stray = entries.first(where: { !Self.takesPlace($0.event, roles: roles) }) {
            throw RunSequenceError("the entry '\(stray)' names a component that does not take part in it")
        }
        var cycle: Int64 = 1
        for entry in entries {
            guard let kind = entry.gate.component else { continue }
            guard let interval = intervals[kind] else {
                throw RunSequenceError("the entry '\(entry)' follows the interval of \(kind), which has none")
            }
            let steps = interval / step
            cycle = cycle / greatestCommonDivisor(cycle, steps) * steps
            guard cycle <= Int64(Self.longestCycle) else {
                throw RunSequenceError("the coupling intervals repeat only after more than \(Self.longestCycle) driver steps")
            }
        }
        self.option = option
        self.intervals = intervals
        self.roles = roles
        self.entries = entries
        self.driverStep = step
        self.cycleSteps = Int(cycle)
    }

    /// Whether `event` happens at all with these roles.
    private static func takesPlace(_ event: SequenceEvent, roles: [ComponentKind: CouplingRole]) -> Bool {
        switch event {
        case .send(let kind): roles[kind] == .importsAndExports
        case .run(let kind), .receive(let kind): roles[kind] != .absent
        case .coupler, .advanceClock, .history, .averagedHistory, .restart: true
        }
    }

    /// How component `kind` couples (the coupler always imports and exports).
    public func role(_ kind: ComponentKind) -> CouplingRole { roles[kind] ?? .importsAndExports }

    /// Whether component `kind` takes part in the run (the coupler always does).
    public func isPresent(_ kind: ComponentKind) -> Bool { role(kind) != .absent }

    /// Component `kind`'s coupling interval in driver steps (the coupler, and a component
    /// without an interval, every step).
    public func steps(_ kind: ComponentKind) -> Int { intervals[kind].map { Int($0 / driverStep) } ?? 1 }

    /// Simulated days in one cycle.
    public var cycleDays: Double { Double(cycleSteps) * Double(driverStep) / 86_400 }

    /// Simulated days in one coupling interval of `kind` (one driver step for the coupler).
    public func intervalDays(_ kind: ComponentKind) -> Double { Double(steps(kind)) * Double(driverStep) / 86_400 }

    /// Whether `gate` is open in driver step `step` (0 at the start of the case), with
    /// `ringing` saying which alarms ring once the clock has advanced.
    public func isOpen(_ gate: SequenceGate, atStep step: Int, ringing: (DriverAlarm) -> Bool) -> Bool {
        switch gate {
        case .everyStep: true
        case .intervalStarts(let kind): step % steps(kind) == 0
        case .intervalEnds(let kind): (step + 1) % steps(kind) == 0
        case .alarm(let alarm): ringing(alarm)
        }
    }

    /// The events of driver step `step` (0 at the start of the case), in order, with the alarms
    /// in `ringing` ringing.
    public func events(atStep step: Int, ringing: Set<DriverAlarm> = []) -> [SequenceEvent] {
        entries.filter { isOpen($0.gate, atStep: step, ringing: ringing.contains) }.map(\.event)
    }

    /// The sequence as `cpl.log` shows it: a heading, then one numbered line per entry.
    public var lines: [String] {
        ["run sequence (cpl_seq_option = '\(option.rawValue)', driver step \(driverStep) s, repeats every \(cycleSteps) step\(cycleSteps == 1 ? "" : "s")):"]
            + entries.enumerated().map { index, entry in
                (index < 9 ? "   " : "  ") + "\(index + 1). \(entry.gate): \(entry.event)"
            }
    }
}

extension SequenceGate {
    /// The component whose coupling interval the gate follows, if any.
    var component: ComponentKind? {
        switch self {
        case .intervalStarts(let kind), .intervalEnds(let kind): kind
        case .everyStep, .alarm: nil
        }
    }
}

extension RunSequence: Codable {
    private enum CodingKeys: String, CodingKey { case option, intervals, roles, entries }

    /// Encodes the option, the intervals and roles keyed by component name, and the entries as text.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(option, forKey: .option)
        try container.encode(Dictionary(uniqueKeysWithValues: intervals.map { ($0.key.rawValue, $0.value) }), forKey: .intervals)
        try container.encode(Dictionary(uniqueKeysWithValues: roles.map { ($0.key.rawValue, $0.value) }), forKey: .roles)
        try container.encode(entries.map(\.description), forKey: .entries)
    }

    /// Decodes what `encode(to:)` wrote, keeping the entries exactly as they were written.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func kinds<Value: Decodable>(_ key: CodingKeys, _: Value.Type) throws -> [ComponentKind: Value] {
            var result = [ComponentKind: Value]()
            for (name, value) in try container.decode([String: Value].self, forKey: key) {
                guard let kind = ComponentKind(rawValue: name) else {
                    throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "'\(name)' is not a component")
                }
                result[kind] = value
            }
            return result
        }
        let texts = try container.decode([String].self, forKey: .entries)
        var entries = [SequenceEntry]()
        for text in texts {
            guard let entry = SequenceEntry(text) else {
                throw DecodingError.dataCorruptedError(forKey: .entries, in: container, debugDescription: "'\(text)' is not a run-sequence entry")
            }
            entries.append(entry)
        }
        do {
            try self.init(option: try container.decode(SequenceOption.self, forKey: .option), intervals: try kinds(.intervals, Int64.self),
                          roles: try kinds(.roles, CouplingRole.self), entries: entries)
        } catch let error as RunSequenceError {
            throw DecodingError.dataCorruptedError(forKey: .entries, in: container, debugDescription: error.message)
        }
    }
}

private func greatestCommonDivisor(_ a: Int64, _ b: Int64) -> Int64 {
    b == 0 ? a : greatestCommonDivisor(b, a % b)
}
