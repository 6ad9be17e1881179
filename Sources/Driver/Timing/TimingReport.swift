import Coupling
import Foundation
import MPI
import Pictures

/// The timing of a run, in the spirit of CESM's timing file: the processor layout, how long
/// initialisation and the run loop took, throughput (seconds per simulated day, simulated years
/// per day) for the whole model and each component, cost in processor-hours per simulated year,
/// the coupler's share and its communication, memory high-water per component, and every timer
/// with its minimum and maximum over the ranks that used it. Written as `timing/summary.txt`,
/// `timing/timing.json`, `timing/timeline.svg` (a few coupling intervals, one row per
/// processor group) and `timing/layout.svg` in the run directory; `coupled-driver timing`
/// reads the JSON back.
public struct TimingReport: Codable, Sendable {
    /// One component's layout and cost.
    public struct Component: Codable, Sendable {
        /// The component's short name (`atm`, `lnd`, `ice`, `ocn`, `cpl`).
        public let name: String
        /// The registered model it ran (`slab`, ...), or `-` when it has none.
        public let model: String
        /// MPI tasks in its processor set.
        public let tasks: Int
        /// Threads per task.
        public let threads: Int
        /// The world rank of its first task.
        public let rootRank: Int
        /// The distance between its tasks' world ranks.
        public let stride: Int
        /// The slowest task's run time, seconds.
        public let runSeconds: Double
        /// Its run time per simulated day, seconds.
        public let secondsPerSimulatedDay: Double
        /// Its throughput: simulated years per wall-clock day, at its own run time.
        public let simulatedYearsPerDay: Double
        /// The largest peak resident memory of its tasks, MiB.
        public let peakMemoryMiB: Double
        /// How many fields it imports and exports (0 and 0 for an absent component; the
        /// coupler's are left 0).
        public let importCount: Int
        /// How many fields it exports (see `importCount`).
        public let exportCount: Int
    }

    /// One timer over the ranks that used it.
    public struct Timer: Codable, Sendable {
        /// The timer's name (`atm run`, `cpl map atm->ocn`, ...).
        public let name: String
        /// How many ranks used the timer.
        public let ranks: Int
        /// The most calls on any one rank.
        public let calls: Int
        /// The smallest total over those ranks, seconds.
        public let minimumSeconds: Double
        /// The largest total over those ranks, seconds.
        public let maximumSeconds: Double
        /// The mean total over those ranks, seconds.
        public let meanSeconds: Double
    }

    /// The case name (`case_name`).
    public let caseName: String
    /// MPI ranks in the job.
    public let worldSize: Int
    /// Model time covered by the run loop, in days.
    public let simulatedDays: Double
    /// Initialisation time, seconds: each component's and the coupler's `init` on its slowest rank, summed.
    public let initSeconds: Double
    /// The run loop's wall time on the slowest rank, seconds.
    public let runSeconds: Double
    /// Run-loop seconds per simulated day.
    public let secondsPerSimulatedDay: Double
    /// The whole model's throughput: simulated years per wall-clock day (365-day years).
    public let simulatedYearsPerDay: Double
    /// Processor-hours per simulated year: ranks × threads on each, times the run time.
    public let processorHoursPerSimulatedYear: Double
    /// The coupler's own work on its slowest rank (maps, merges, fractions, fluxes, budgets,
    /// history; not its communication), seconds, and its share of the run loop.
    public let couplerSeconds: Double
    /// `couplerSeconds` as a fraction (0 to 1) of the run loop's time.
    public let couplerShare: Double
    /// Moving fields between components and the coupler (`cpl rearrange`) on the slowest rank,
    /// seconds; includes waiting for the other side.
    public let communicationSeconds: Double
    /// The layout and cost of each component laid out, the coupler's included, in
    /// `ComponentKind.all` order.
    public let components: [Component]
    /// Every timer, in the order first used.
    public let timers: [Timer]
    /// The phases of a few coupling intervals, each group's as its root rank saw them.
    public let timeline: [TimelinePicture.Bar]
    /// Which driver steps the timeline shows, as text (`steps 48-143 of 240`).
    public let timelineSteps: String
    /// The run sequence the driver executed (`nil` if the run ended before the coupling was set up).
    public let sequence: RunSequence?
    /// The run-sequence events each group's root rank took part in, per driver step of the
    /// timeline's window, in rank order (`nil` in reports written before the run sequence was
    /// recorded, so that `coupled-driver timing` still reads them).
    public let events: [RankEvents]?

    /// Gathers every rank's timers to rank 0 and builds the report there (`nil` on other ranks).
    static func gather(timers: Timers, timeline: TimelineRecorder, totalSteps: Int, world: Communicator,
                       configuration: DriverConfiguration, plan: CouplingPlan?, sequence: RunSequence?,
                       simulatedSeconds: Int64) throws -> TimingReport? {
        let mine = try JSONEncoder().encode(RankTiming(rank: world.rank, timers: timers, bars: timeline.bars, events: timeline.events))
        guard let all = try world.gatherv(Array(mine), root: 0) else { return nil }
        let ranks = try all.map { try JSONDecoder().decode(RankTiming.self, from: Data($0)) }
        let window = timeline.window
        return TimingReport(ranks: ranks, configuration: configuration, plan: plan, sequence: sequence, simulatedSeconds: simulatedSeconds,
                            timelineSteps: window.isEmpty ? "none" : "steps \(window.lowerBound + 1)-\(window.upperBound) of \(totalSteps)")
    }

    init(ranks: [RankTiming], configuration: DriverConfiguration, plan: CouplingPlan?, sequence: RunSequence?, simulatedSeconds: Int64,
         timelineSteps: String) {
        timeline = ranks.flatMap(\.bars)
        events = ranks.flatMap(\.events)
        self.sequence = sequence
        self.timelineSteps = timelineSteps
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
        initSeconds = layout.models.map { maximum("\($0.rawValue) init") }.reduce(0, +) + maximum("cpl init")
        secondsPerSimulatedDay = simulatedDays > 0 ? runSeconds / simulatedDays : 0
        simulatedYearsPerDay = secondsPerSimulatedDay > 0 ? 86_400 / secondsPerSimulatedDay / 365 : 0
        // Hardware threads: on each rank, the most threads any of its components uses.
        let hardware = (0 ..< ranks.count).map { rank in
            layout.components(onRank: rank).map { layout[$0].nthreads }.max() ?? 1
        }.reduce(0, +)
        processorHoursPerSimulatedYear = simulatedDays > 0 ? Double(hardware) * runSeconds / 3600 / (simulatedDays / 365) : 0
        // Per rank: the coupler's own work (maps, merges, fractions, fluxes, budgets, history) and
        // its communication (`cpl rearrange`, which includes waiting for the other side); the
        // report takes the slowest rank of each.
        let couplerPerRank = ranks.map { r in
            r.timers.filter { $0.name.hasPrefix("cpl ") && $0.name != "cpl init" && !$0.name.hasPrefix("cpl rearrange") }.map(\.seconds).reduce(0, +)
        }
        let coupler = couplerPerRank.max() ?? 0
        couplerSeconds = coupler
        couplerShare = runSeconds > 0 ? coupler / runSeconds : 0
        communicationSeconds = ranks.map { r in r.timers.filter { $0.name.hasPrefix("cpl rearrange") }.map(\.seconds).reduce(0, +) }.max() ?? 0
        let days = simulatedDays
        components = layout.components.map { kind in
            let set = layout[kind]
            let run = kind == .cpl ? coupler : maximum("\(kind.rawValue) run")
            let memory = set.ranks.filter { $0 < ranks.count }.map { ranks[$0].peakMemory }.max() ?? 0
            let perDay = days > 0 ? run / days : 0
            return Component(name: kind.rawValue, model: configuration.modelNames[kind] ?? "-", tasks: set.ntasks, threads: set.nthreads,
                             rootRank: set.rootRank, stride: set.stride, runSeconds: run, secondsPerSimulatedDay: perDay,
                             simulatedYearsPerDay: perDay > 0 ? 86_400 / perDay / 365 : 0, peakMemoryMiB: Double(memory) / 1_048_576,
                             importCount: plan?.summary(kind)?.imports.count ?? 0, exportCount: plan?.summary(kind)?.exports.count ?? 0)
        }
        timers = order.map { name in
            let list = byName[name]!
            let seconds = list.map(\.seconds)
            return Timer(name: name, ranks: list.count, calls: list.map(\.calls).max() ?? 0, minimumSeconds: seconds.min() ?? 0,
                         maximumSeconds: seconds.max() ?? 0, meanSeconds: seconds.reduce(0, +) / Double(max(list.count, 1)))
        }
    }

    /// The processor layout the run had.
    public var layout: ProcessorLayout {
        var sets = [ComponentKind: ProcessorSet]()
        for c in components {
            if let kind = ComponentKind(rawValue: c.name) {
                sets[kind] = ProcessorSet(ntasks: c.tasks, nthreads: c.threads, rootRank: c.rootRank, stride: c.stride)
            }
        }
        return ProcessorLayout(sets: sets)
    }

    /// The timeline picture.
    public var timelinePicture: TimelinePicture {
        TimelinePicture(title: "Timeline of case '\(caseName)' on \(worldSize) ranks (\(timelineSteps))",
                        subtitle: "one row per processor group, as its root rank saw it; hover a bar for its phase and times",
                        bars: timeline, layout: layout)
    }

    /// The summary as text.
    public var summary: String {
        var lines = ["coupled-driver timing summary for case '\(caseName)'", ""]
        lines.append("processor layout (\(worldSize) MPI ranks):")
        lines.append("  component  model   tasks  threads  root  stride  run s      s/sim day  sim years/day  peak MiB")
        for c in components {
            lines.append("  " + [padded(c.name, 9), padded(c.model, 7), padded("\(c.tasks)", 6), padded("\(c.threads)", 8), padded("\(c.rootRank)", 5),
                                 padded("\(c.stride)", 7), padded(fixed(c.runSeconds, 3), 10), padded(fixed(c.secondsPerSimulatedDay, 4), 10),
                                 padded(fixed(c.simulatedYearsPerDay, 2), 14), fixed(c.peakMemoryMiB, 1)].joined(separator: " "))
        }
        lines += ["",
                  "simulated days:                      \(fixed(simulatedDays, 3))",
                  "initialisation, seconds:             \(fixed(initSeconds, 3))",
                  "run loop, seconds:                   \(fixed(runSeconds, 3))",
                  "seconds per simulated day:           \(fixed(secondsPerSimulatedDay, 4))",
                  "simulated years per day (throughput): \(fixed(simulatedYearsPerDay, 2))",
                  "cost, processor-hours per sim year:  \(fixed(processorHoursPerSimulatedYear, 3))",
                  "coupler's own work, s (share):      \(fixed(couplerSeconds, 3)) (\(fixed(100 * couplerShare, 1))%)",
                  "coupler communication and waits, s:  \(fixed(communicationSeconds, 3))",
                  "timeline (timing/timeline.svg):      \(timelineSteps)",
                  "",
                  "timers (seconds over the ranks that use each):",
                  "  name                            ranks  calls      min          max          mean"]
        for t in timers {
            lines.append("  " + [padded(t.name, 31), padded("\(t.ranks)", 6), padded("\(t.calls)", 10), padded(fixed(t.minimumSeconds, 4), 12),
                                 padded(fixed(t.maximumSeconds, 4), 12), fixed(t.meanSeconds, 4)].joined(separator: " "))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Writes `summary.txt`, `timing.json` and the pictures into `folder` (a run directory's
    /// `timing`, or a member's `timing_0001`).
    func write(into folder: String) throws {
        try makeDirectories(folder)
        try writeTextFile(summary, to: folder + "/summary.txt", site: Self.faultSite)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try writeTextFile(String(decoding: try encoder.encode(self), as: UTF8.self) + "\n", to: folder + "/timing.json", site: Self.faultSite)
        try drawPictures(into: folder)
    }

    /// Writes `timeline.svg` and `layout.svg` into `folder` (a run directory's `timing`).
    public func drawPictures(into folder: String) throws {
        try makeDirectories(folder)
        try writeTextFile(timelinePicture.svg, to: folder + "/timeline.svg", site: Self.faultSite)
        let layoutPicture = LayoutPicture(layout: layout, worldSize: worldSize, title: "Processor layout of case '\(caseName)' on \(worldSize) ranks")
        try writeTextFile(layoutPicture.svg, to: folder + "/layout.svg", site: Self.faultSite)
    }

    /// The fault-injection site of the timing files' writes: a failure there is a warning.
    static let faultSite = "timing.write"

    /// The report a run wrote into `runDirectory` (`timing/timing.json`).
    public static func read(from runDirectory: String) throws -> TimingReport {
        try read(fromFolder: resolve("timing", against: runDirectory))
    }

    /// The report in `folder` (`timing.json`): a run directory's `timing`, or a member's `timing_0001`.
    public static func read(fromFolder folder: String) throws -> TimingReport {
        let path = folder + "/timing.json"
        let text: String
        do { text = try readTextFile(path) } catch { throw TimingReportError(path: path, reason: "cannot be read: \(error.reason)") }
        do {
            return try JSONDecoder().decode(TimingReport.self, from: Data(text.utf8))
        } catch {
            throw TimingReportError(path: path, reason: "is not a coupled-driver timing report: \(error)")
        }
    }
}

/// A timing report that cannot be read.
public struct TimingReportError: Error, CustomStringConvertible {
    /// The report's path.
    public let path: String
    /// Why it cannot be read, worded to follow the path (`cannot be read: ...`).
    public let reason: String
    /// The path followed by the reason.
    public var description: String { "\(path) \(reason)" }
}

/// Text padded with spaces to `width` (not cut), for table columns.
func padded(_ text: String, _ width: Int) -> String {
    text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
}

/// `value` with `digits` decimals.
func fixed(_ value: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", value) }
