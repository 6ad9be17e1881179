#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// Makes a chosen call fail on purpose, so that tests can reach every failure point of a run
/// and check that each one ends the job cleanly (one message, every rank exits, nothing lost).
///
/// Switched on by the environment, read once when the driver starts (`arm(worldRank:)`):
/// - `COUPLED_DRIVER_FAIL=SITE:RANK:N` makes the `N`th call through site `SITE` on world rank
///   `RANK` fail (`pnetcdf.close:1:2`: the second PnetCDF close on rank 1);
/// - `COUPLED_DRIVER_FAIL_RECORD=DIR` writes, when the run ends, `DIR/fault-sites.rank<R>.txt`
///   with each site rank `R` passed through and how often (`SITE COUNT` lines).
///
/// Unarmed, a site costs one load and a branch. Sites are the calls that touch the file system
/// (netCDF and PnetCDF, text files, renames, flushes) and each phase of each component.
public enum FaultInjection {
    /// The environment variable naming the call to fail.
    public static let failVariable = "COUPLED_DRIVER_FAIL"
    /// The environment variable naming the folder where each rank records the sites it passed.
    public static let recordVariable = "COUPLED_DRIVER_FAIL_RECORD"

    private struct Plan: Sendable {
        var target: (site: String, rank: Int, call: Int)?
        var recordDirectory: String?
        var worldRank: Int
        var counts: [String: Int] = [:]
    }

    private static let plan = Mutex<Plan?>(nil)
    /// Whether either variable was set: the only thing an unarmed site reads.
    private static let armed = Atomic<Bool>(false)

    /// Reads the environment for world rank `worldRank`. Returns a description of a malformed
    /// `COUPLED_DRIVER_FAIL` value, or nil.
    @discardableResult
    public static func arm(worldRank: Int) -> String? {
        let fail = getenv(failVariable).map { String(cString: $0) }
        let record = getenv(recordVariable).map { String(cString: $0) }
        guard fail != nil || record != nil else { return nil }
        var target: (String, Int, Int)?
        if let fail {
            let parts = fail.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 3, !parts[0].isEmpty, let rank = Int(parts[1]), let call = Int(parts[2]), rank >= 0, call >= 1 else {
                return "\(failVariable)='\(fail)' is not SITE:RANK:N (for example pnetcdf.close:1:2)"
            }
            target = (String(parts[0]), rank, call)
        }
        plan.withLock { $0 = Plan(target: target, recordDirectory: record, worldRank: worldRank) }
        armed.store(true, ordering: .releasing)
        return nil
    }

    /// Passes through `site`: counts the call and, if it is the one chosen, returns the
    /// description of the failure to report in place of the call's own outcome.
    @inline(__always)
    public static func failure(at site: @autoclosure () -> String) -> String? {
        guard armed.load(ordering: .acquiring) else { return nil }
        return count(site())
    }

    private static func count(_ site: String) -> String? {
        plan.withLock { plan -> String? in
            guard plan != nil else { return nil }
            plan!.counts[site, default: 0] += 1
            let call = plan!.counts[site]!
            guard let target = plan!.target, target.site == site, target.rank == plan!.worldRank, target.call == call else { return nil }
            return "failure injected at site '\(site)' (call \(call) on world rank \(target.rank), \(failVariable))"
        }
    }

    /// Writes the record of the sites this rank passed, if recording was asked for.
    public static func writeRecord() {
        guard armed.load(ordering: .acquiring) else { return }
        let (directory, rank, counts) = plan.withLock { ($0?.recordDirectory, $0?.worldRank ?? 0, $0?.counts ?? [:]) }
        guard let directory, let file = fopen(directory + "/fault-sites.rank\(rank).txt", "w") else { return }
        for (site, n) in counts.sorted(by: { $0.key < $1.key }) { fputs("\(site) \(n)\n", file) }
        fclose(file)
    }
}

/// An error made by `FaultInjection` at a site that is not a library call (a component phase).
public struct InjectedFailure: Error, CustomStringConvertible, Sendable {
    /// What `FaultInjection.failure(at:)` said.
    public let description: String
    /// The failure `description`.
    public init(_ description: String) { self.description = description }
}
