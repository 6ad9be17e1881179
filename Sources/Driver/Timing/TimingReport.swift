import Coupling
import Foundation
import MPI

/// The timing of a run, in the spirit of CESM's timing file: the processor layout, how long
/// initialisation and the run loop took, throughput (seconds per simulated day, simulated years
/// per day) for the whole model and each component, cost in processor-hours per simulated year,
/// the coupler's share and its communication, memory high-water per component, and every timer
/// with its minimum and maximum over the ranks that used it. Written as `timing/summary.txt`
/// and `timing/timing.json` in the run directory.
struct TimingReport: Codable, Sendable {
    struct Component: Codable, Sendable {
        let name: String
        let model: String
        let tasks: Int
        let threads: Int
        let rootRank: Int
        let stride: Int
        /// The slowest task's run time, seconds.
        let runSeconds: Double
        let secondsPerSimulatedDay: Double
        let simulatedYearsPerDay: Double
        /// The largest peak resident memory of its tasks, MiB.
        let peakMemoryMiB: Double
    }

    struct Timer: Codable, Sendable {
        let name: String
        let ranks: Int
        let calls: Int
        let minimumSeconds: Double
        let maximumSeconds: Double
        let meanSeconds: Double
    }

    let caseName: String
    let worldSize: Int
    let simulatedDays: Double
    let initSeconds: Double
    let runSeconds: Double
    let secondsPerSimulatedDay: Double
    let simulatedYearsPerDay: Double
    /// Processor-hours per simulated year: ranks × threads on each, times the run time.
    let processorHoursPerSimulatedYear: Double
    let couplerSeconds: Double
    let couplerShare: Double
    let communicationSeconds: Double
    let components: [Component]
    let timers: [Timer]

    /// Gathers every rank's timers to rank 0 and builds the report there (`nil` on other ranks).
    static func gather(timers: Timers, world: Communicator, configuration: DriverConfiguration, simulatedSeconds: Int64)
        throws(MPIError) -> TimingReport? {
        let mine = RankTiming(rank: world.rank, timers: timers).encoded
        guard let all = try world.gatherv(Array(mine.utf8), root: 0) else { return nil }
        let ranks = all.enumerated().map { RankTiming(rank: $0.offset, encoded: String(decoding: $0.element, as: UTF8.self)) }
        return TimingReport(ranks: ranks, configuration: configuration, simulatedSeconds: simulatedSeconds)
    }

    init(ranks: [RankTiming], configuration: DriverConfiguration, simulatedSeconds: Int64) {
        let layout = configuration.layout
        caseName = configuration.run.caseName
        worldSize = ranks.count
        simulatedDays = Double(simulatedSeconds) / 86_400
        var byName = [String: [(rank: Int, seconds: Double, calls: Int)]]()
        var order = [String]()
        for r in ranks {
            for t in r.timers {
                if byName[t.name] == nil { order.append(t.name) }
                byName[t.name, default: []].append((r.rank, t.seconds, t.calls))
            }
        }
        func maximum(_ name: String) -> Double { byName[name]?.map(\.seconds).max() ?? 0 }
        runSeconds = maximum("run loop")
        initSeconds = ComponentKind.models.map { maximum("\($0.rawValue) init") }.reduce(0, +) + maximum("cpl init")
        secondsPerSimulatedDay = simulatedDays > 0 ? runSeconds / simulatedDays : 0
        simulatedYearsPerDay = secondsPerSimulatedDay > 0 ? 86_400 / secondsPerSimulatedDay / 365 : 0
        // Hardware threads: on each rank, the most threads any of its components uses.
        let hardware = (0 ..< ranks.count).map { rank in
            ComponentKind.all.filter { layout[$0].contains(rank: rank) }.map { layout[$0].nthreads }.max() ?? 1
        }.reduce(0, +)
        processorHoursPerSimulatedYear = simulatedDays > 0 ? Double(hardware) * runSeconds / 3600 / (simulatedDays / 365) : 0
        // Per rank: its coupler and communication time; the report takes the slowest rank.
        let couplerPerRank = ranks.map { r in r.timers.filter { $0.name.hasPrefix("cpl ") && $0.name != "cpl init" }.map(\.seconds).reduce(0, +) }
        let coupler = couplerPerRank.max() ?? 0
        couplerSeconds = coupler
        couplerShare = runSeconds > 0 ? coupler / runSeconds : 0
        communicationSeconds = ranks.map { r in r.timers.filter { $0.name.hasPrefix("cpl rearrange") }.map(\.seconds).reduce(0, +) }.max() ?? 0
        let days = simulatedDays
        components = ComponentKind.all.map { kind in
            let set = layout[kind]
            let run = kind == .cpl ? coupler : maximum("\(kind.rawValue) run")
            let memory = set.ranks.filter { $0 < ranks.count }.map { ranks[$0].peakMemory }.max() ?? 0
            let perDay = days > 0 ? run / days : 0
            return Component(name: kind.rawValue, model: configuration.modelNames[kind] ?? "-", tasks: set.ntasks, threads: set.nthreads,
                             rootRank: set.rootRank, stride: set.stride, runSeconds: run, secondsPerSimulatedDay: perDay,
                             simulatedYearsPerDay: perDay > 0 ? 86_400 / perDay / 365 : 0, peakMemoryMiB: Double(memory) / 1_048_576)
        }
        timers = order.map { name in
            let list = byName[name]!
            let seconds = list.map(\.seconds)
            return Timer(name: name, ranks: list.count, calls: list.map(\.calls).max() ?? 0, minimumSeconds: seconds.min() ?? 0,
                         maximumSeconds: seconds.max() ?? 0, meanSeconds: seconds.reduce(0, +) / Double(max(list.count, 1)))
        }
    }

    /// The summary as text.
    var summary: String {
        var lines = ["coupled-driver timing summary for case '\(caseName)'", ""]
        lines.append("processor layout (\(worldSize) MPI ranks):")
        lines.append("  component  model   tasks  threads  root  stride  run s      s/sim day  sim years/day  peak MiB")
        for c in components {
            lines.append("  " + [pad(c.name, 9), pad(c.model, 7), pad("\(c.tasks)", 6), pad("\(c.threads)", 8), pad("\(c.rootRank)", 5),
                                 pad("\(c.stride)", 7), pad(fixed(c.runSeconds, 3), 10), pad(fixed(c.secondsPerSimulatedDay, 4), 10),
                                 pad(fixed(c.simulatedYearsPerDay, 2), 14), fixed(c.peakMemoryMiB, 1)].joined(separator: " "))
        }
        lines += ["",
                  "simulated days:                      \(fixed(simulatedDays, 3))",
                  "initialisation, seconds:             \(fixed(initSeconds, 3))",
                  "run loop, seconds:                   \(fixed(runSeconds, 3))",
                  "seconds per simulated day:           \(fixed(secondsPerSimulatedDay, 4))",
                  "simulated years per day (throughput): \(fixed(simulatedYearsPerDay, 2))",
                  "cost, processor-hours per sim year:  \(fixed(processorHoursPerSimulatedYear, 3))",
                  "coupler, seconds (share of run):     \(fixed(couplerSeconds, 3)) (\(fixed(100 * couplerShare, 1))%)",
                  "coupler communication, seconds:      \(fixed(communicationSeconds, 3))",
                  "",
                  "timers (seconds over the ranks that use each):",
                  "  name                            ranks  calls      min          max          mean"]
        for t in timers {
            lines.append("  " + [pad(t.name, 31), pad("\(t.ranks)", 6), pad("\(t.calls)", 10), pad(fixed(t.minimumSeconds, 4), 12),
                                 pad(fixed(t.maximumSeconds, 4), 12), fixed(t.meanSeconds, 4)].joined(separator: " "))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Writes `timing/summary.txt` and `timing/timing.json` under `runDirectory`.
    func write(to runDirectory: String) throws {
        let folder = resolve("timing", against: runDirectory)
        try makeDirectories(folder)
        try writeTextFile(summary, to: folder + "/summary.txt")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try writeTextFile(String(decoding: try encoder.encode(self), as: UTF8.self) + "\n", to: folder + "/timing.json")
    }
}

private func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
}

/// `value` with `digits` decimals.
func fixed(_ value: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", value) }
