import Foundation
import TestSupport

/// Judges how a child process that read a corrupt file ended. A result (exit status 0) or an
/// error naming the file is right. A Swift trap (SIGILL or SIGTRAP, "Fatal error") is a bug
/// in this repository's code. Another signal or no end in time counts as netCDF-C's (or
/// HDF5's) only if `ncdump`, netCDF-C's own reader, also crashes or hangs on the file;
/// otherwise it is ours too.
enum ChildVerdict {
    static func outcome(_ ending: LimitedChild.Ending, standardError: String, file: String,
                        input: @escaping @Sendable () -> String) -> FuzzOutcome {
        let shown = String(standardError.suffix(2000))
        switch ending {
        case .exited(0):
            return FuzzOutcome(problems: [], kind: "read", input: input)
        case .exited:
            let named = standardError.contains(file) && !standardError.contains("Fatal error")
            return FuzzOutcome(problems: named ? [] : ["\(ending) with a message that does not name the file: \(shown)"],
                               kind: "clean error", input: input)
        case .signal(let signal) where signal == SIGILL || signal == SIGTRAP || standardError.contains("Fatal error"):
            return FuzzOutcome(problems: ["a trap in Swift code (\(ending)): \(shown)"], kind: "trap", input: input)
        case .signal, .timedOut:
            let reference = LimitedChild.run("/usr/bin/ncdump", [file]).ending
            if case .exited = reference {
                return FuzzOutcome(problems: ["\(ending), but ncdump reads the file (\(reference)): \(shown)"], kind: "crash", input: input)
            }
            return FuzzOutcome(problems: [], kind: "netCDF-C crash or hang (\(ending); ncdump: \(reference))", input: input)
        }
    }
}
