import Coupling
import Foundation
import Synchronization

/// Ends a job whose driver step (or finalisation) takes longer than `hang_timeout` seconds,
/// instead of letting it hang until the batch system kills it.
///
/// Every rank runs its own watchdog thread. The driver tells it when a watched stretch begins
/// and what the rank is doing (running a component, which coupler exchange with which ranks,
/// writing which file). When a stretch has lasted longer than the timeout, the watchdog appends one line
/// to `cpl.log` and to standard error saying where this rank is waiting, gives the other
/// ranks a moment to report too, and ends the process with exit code 124; `mpirun` then ends
/// the rest of the job.
final class HangWatchdog: Sendable {
    /// What the rank is doing, as the driver last said.
    private struct Activity {
        var started: Double?
        var stretch = ""
        var doing = "starting"
    }

    private let timeout: Double
    private let worldRank: Int
    private let worldSize: Int
    private let logPath: String
    private let activity = Mutex(Activity())
    private let stopped = Atomic<Bool>(false)

    /// How long a rank that has reported waits for the others to report before it ends the job.
    static let reportingGrace = 2.0
    /// The exit code of a job the watchdog ended (as `timeout(1)` uses).
    static let exitCode: Int32 = 124

    /// Starts watching this rank (world rank `worldRank` of `worldSize`); reports go to `logPath`.
    init(timeout: Double, worldRank: Int, worldSize: Int, logPath: String) {
        self.timeout = timeout
        self.worldRank = worldRank
        self.worldSize = worldSize
        self.logPath = logPath
        let thread = Thread { [self] in watch() }
        thread.name = "hang watchdog"
        thread.start()
    }

    /// A watched stretch begins: `stretch` names it in reports (`the driver step at model time ...`).
    func begin(_ stretch: String) {
        let now = Self.now()
        activity.withLock {
            $0.started = now
            $0.stretch = stretch
        }
    }

    /// The stretch has ended; the watchdog waits for the next.
    func end() {
        activity.withLock { $0.started = nil }
    }

    /// What the rank does now (`running atm (model 'slab') from ...`, `the coupler sends ...`).
    func doing(_ description: String) {
        activity.withLock { $0.doing = description }
    }

    /// Stops watching (the run is over).
    func stop() {
        stopped.store(true, ordering: .relaxed)
    }

    private func watch() {
        while !stopped.load(ordering: .relaxed) {
            Thread.sleep(forTimeInterval: min(0.25, timeout / 4))
            let now = Self.now()
            let (started, stretch, doing) = activity.withLock { ($0.started, $0.stretch, $0.doing) }
            guard let started, now - started > timeout, !stopped.load(ordering: .relaxed) else { continue }
            let report = "HANG: world rank \(worldRank) of \(worldSize): \(stretch) has taken "
                + "\(String(format: "%.1f", now - started)) s, more than hang_timeout = \(timeout) s; this rank is \(doing)"
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
