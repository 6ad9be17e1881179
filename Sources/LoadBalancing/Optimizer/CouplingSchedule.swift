import Coupling

/// The coupling intervals of a run and how each model component couples: what the driver's
/// run sequence does at each driver step.
///
/// The driver step is the smallest coupling interval (`*_cpl_dt`, stubs included, as the
/// driver's clock does); every interval is a whole number of driver steps. The sequence repeats
/// after `cycleSteps` driver steps: the least common multiple of the present models' intervals,
/// which is one ocean interval in the usual case where the atmosphere's, land's and sea ice's
/// intervals divide the ocean's.
public struct CouplingSchedule: Sendable, Hashable {
    /// Each model component's coupling interval, seconds (`atm_cpl_dt`, ...).
    public let intervals: [ComponentKind: Int64]
    /// How each model component couples.
    public let roles: [ComponentKind: CouplingRole]
    /// The driver step, seconds: the smallest coupling interval.
    public let driverStep: Int64
    /// Driver steps after which the run sequence repeats.
    public let cycleSteps: Int

    /// The longest cycle the predictor will simulate, in driver steps.
    public static let longestCycle = 100_000

    /// - Parameters:
    ///   - intervals: the coupling interval of each of atm, lnd, ice, ocn in seconds (the driver's
    ///     `TimeSettings.couplingIntervals`).
    ///   - roles: how each model couples; missing ones import and export.
    public init(intervals: [ComponentKind: Int64], roles: [ComponentKind: CouplingRole] = [:]) throws(CouplingScheduleError) {
        guard Set(intervals.keys) == Set(ComponentKind.models) else {
            throw CouplingScheduleError("coupling intervals are needed for exactly atm, lnd, ice and ocn")
        }
        guard roles[.cpl] == nil else { throw CouplingScheduleError("the coupler has no coupling role: it is always present") }
        if let bad = ComponentKind.models.first(where: { intervals[$0]! < 1 }) {
            throw CouplingScheduleError("\(bad)_cpl_dt = \(intervals[bad]!): a coupling interval is at least 1 s")
        }
        let step = ComponentKind.models.map { intervals[$0]! }.min()!
        if let bad = ComponentKind.models.first(where: { intervals[$0]! % step != 0 }) {
            throw CouplingScheduleError("\(bad)_cpl_dt = \(intervals[bad]!) is not a multiple of the driver step \(step) s")
        }
        var roles = roles
        for kind in ComponentKind.models where roles[kind] == nil { roles[kind] = .importsAndExports }
        var cycle: Int64 = 1
        for kind in ComponentKind.models where roles[kind] != .absent {
            let steps = intervals[kind]! / step
            cycle = cycle / greatestCommonDivisor(cycle, steps) * steps
            guard cycle <= Int64(Self.longestCycle) else {
                throw CouplingScheduleError("the coupling intervals repeat only after more than \(Self.longestCycle) driver steps")
            }
        }
        self.intervals = intervals
        self.roles = roles
        self.driverStep = step
        self.cycleSteps = Int(cycle)
    }

    /// How component `kind` couples (the coupler always imports and exports).
    public func role(_ kind: ComponentKind) -> CouplingRole { roles[kind] ?? .importsAndExports }

    /// Whether component `kind` takes part in the run (the coupler always does).
    public func isPresent(_ kind: ComponentKind) -> Bool { role(kind) != .absent }

    /// Component `kind`'s coupling interval in driver steps (the coupler works every step).
    public func steps(_ kind: ComponentKind) -> Int { kind == .cpl ? 1 : Int(intervals[kind]! / driverStep) }

    /// Simulated days in one cycle.
    public var cycleDays: Double { Double(cycleSteps) * Double(driverStep) / 86_400 }

    /// Simulated days in one coupling interval of `kind` (one driver step for the coupler).
    public func intervalDays(_ kind: ComponentKind) -> Double { Double(steps(kind)) * Double(driverStep) / 86_400 }

    /// What driver step `step` (0 at the start of the run) does, in the order of the driver's
    /// `CoupledRun.step()`, leaving out what absent components would do:
    /// 1. when the ocean starts an interval: coupler → ocean (unless it imports nothing), the ocean runs;
    /// 2. for land and sea ice starting an interval: coupler → land, coupler → ice (both before
    ///    either runs), land runs, ice runs, land → coupler, ice → coupler;
    /// 3. the coupler's own work for the step (fractions, fluxes, merges, mapping, the ocean
    ///    accumulation: one block, placed before the atmosphere's inputs, where most of it is);
    ///    when the atmosphere starts an interval: coupler → atmosphere, the atmosphere runs,
    ///    atmosphere → coupler;
    /// 4. when the ocean ends an interval: ocean → coupler (the coupler waits for the ocean).
    public func events(atStep step: Int) -> [SequenceEvent] {
        func starts(_ kind: ComponentKind) -> Bool { isPresent(kind) && step % steps(kind) == 0 }
        func inputs(_ kind: ComponentKind) -> [SequenceEvent] { role(kind) == .importsAndExports ? [.exchange(kind)] : [] }
        var events = [SequenceEvent]()
        if starts(.ocn) { events += inputs(.ocn) + [.run(.ocn)] }
        let surface = [ComponentKind.lnd, .ice].filter(starts)
        events += surface.flatMap(inputs) + surface.map { .run($0) } + surface.map { .exchange($0) }
        events.append(.run(.cpl))
        if starts(.atm) { events += inputs(.atm) + [.run(.atm), .exchange(.atm)] }
        if isPresent(.ocn), (step + 1) % steps(.ocn) == 0 { events.append(.exchange(.ocn)) }
        return events
    }
}

private func greatestCommonDivisor(_ a: Int64, _ b: Int64) -> Int64 {
    b == 0 ? a : greatestCommonDivisor(b, a % b)
}
