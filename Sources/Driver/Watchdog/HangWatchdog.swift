import Coupling
import Foundation
import Synchronization

/// Ends a job that has stopped making progress, instead of letting it hang until the batch
/// system kills it. On by default; `hang_timeout` (see `HangTimeout`) sets or removes the limit.
///
/// Every rank runs its own watchdog thread from start-up to exit. The driver tells it when a
/// watched stretch begins — initialisation, the coupler's set-up, each driver step (with its
/// history and restart writes), finalisation, the timing report, the end of a failed run — and
/// what the rank is doing in it (running a component, which coupler exchange with which ranks,
/// writing which file). When a stretch has lasted longer than its limit, the watchdog appends
/// one line to `cpl.log` and to standard error naming the stretch, the rank and what it waits
/// for, gives the other ranks a moment to report too, and ends the process with exit code 124;
/// `mpirun` then ends the rest of the job.
final class HangWatchdog: Sendable {
    /// Which limit a stretch has (see `HangTimeout.seconds(duringStartup:slowestStep:)`).
    enum Phase: Sendable {
        /// Initialisation and the coupler's set-up.
        case startup
        /// A driver step.
        case step
        /// Finalisation, the timing report, the end of a failed run.
        case ending
    }

    /// What the rank is doing, as the driver last said.
    private struct Activity {
        var started: Double?
        var phase = Phase.startup
        var stretch = ""
        var doing = "starting"
        var slowestStep = 0.0
    }

    private let timeout: HangTimeout
    private let worldRank: Int
    private let worldSize: Int
    private let logPath: String
    private let activity = Mutex(Activity())
    private let stopped = Atomic<Bool>(false)

    /// How long a rank that has reported waits for the others to report before it ends the job.
    static let reportingGrace = 2.0
    /// The exit code of a job the watchdog ended (as `timeout(1)` uses).
    static let exitCode: Int32 = 124

    /// Starts watching this rank (world rank `worldRank` of `worldSize`; reports go to
    /// `logPath`), or nil when `timeout` is `.off`.
    init?(timeout: HangTimeout, worldRank: Int, worldSize: Int, logPath: String) {
        guard timeout != .off else { return nil }
        self.timeout = timeout
        self.worldRank = worldRank
        self.worldSize = worldSize
        self.logPath = logPath
        let thread = Thread { [self] in watch() }
        thread.name = "hang watchdog"
        thread.start()
    }

    /// A watched stretch begins: `stretch` names it in reports (`the driver step at model time ...`).
    func begin(_ stretch: String, phase: Phase) {
        let now = Self.now()
        activity.withLock {
            $0.started = now
            $0.phase = phase
            $0.stretch = stretch
        }
    }

    /// The stretch has ended; the watchdog waits for the next. A driver step's length joins the
    /// automatic limit.
    func end() {
        let now = Self.now()
        activity.withLock {
            if $0.phase == .step, let started = $0.started { $0.slowestStep = max($0.slowestStep, now - started) }
            $0.started = nil
        }
    }

    /// What the rank does now (`running atm (model 'slab') from ...`, `the coupler sends ...`).
    func doing(_ description: String) {
        activity.withLock { $0.doing = description }
    }

    /// Stops watching (the process is about to exit).
    func stop() {
        stopped.store(true, ordering: .relaxed)
    }

    private func watch() {
        while !stopped.load(ordering: .relaxed) {
            Thread.sleep(forTimeInterval: 0.25)
            let now = Self.now()
            let (started, phase, stretch, doing, slowest) = activity.withLock { ($0.started, $0.phase, $0.stretch, $0.doing, $0.slowestStep) }
            let limit = timeout.seconds(duringStartup: phase == .startup, slowestStep: slowest)
            guard let started, now - started > limit, !stopped.load(ordering: .relaxed) else { continue }
            let report = "HANG: world rank \(worldRank) of \(worldSize): \(stretch) has taken "
                + "\(String(format: "%.1f", now - started)) s, more than \(timeout.describe(limit: limit)); this rank is \(doing)"
            printToStandardError(report)
            LogFile.append(report + "\n", toFileAt: logPath)
            Thread.sleep(forTimeInterval: Self.reportingGrace)
            // The first rank to end says so: `mpirun` may kill the others before their grace ends.
            let ending = "The job is being ended by the hang watchdog (exit code \(Self.exitCode)).\n"
            if (try? String(contentsOfFile: logPath, encoding: .utf8))?.contains(ending) != true {
                LogFile.append(ending, toFileAt: logPath)
            }
            _exit(Self.exitCode)
        }
    }

    /// Monotonic seconds.
    private static func now() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) * 1.0e-9
    }
}
