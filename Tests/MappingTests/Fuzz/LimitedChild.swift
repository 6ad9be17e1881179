import Foundation
import TestSupport

/// Runs a program in a child process with limits on memory and time, and says how it
/// ended: the fuzz tests open corrupt files there, because netCDF-C and HDF5 crash or allocate
/// without bound on some, which must not take the test process with them.
///
/// The memory limit (`ulimit -v`) makes a huge allocation fail, as on a cluster node, so the
/// library reports an error instead of the machine swapping. MPI starts as an isolated
/// singleton (no `orted`) in its own session folder, which keeps a run to tens of milliseconds.
enum LimitedChild {
    /// How a child ended.
    enum Ending: Equatable, CustomStringConvertible {
        case exited(Int32)
        case signal(Int32)
        case timedOut

        var description: String {
            switch self {
            case .exited(let status): "exit status \(status)"
            case .signal(let signal): "signal \(signal) (\(String(cString: strsignal(signal))))"
            case .timedOut: "no end within the time limit"
            }
        }
    }

    /// Address space a child may use, in kilobytes.
    static let memoryLimit = 2_000_000

    /// Runs `executable` with `arguments`; gives how it ended and its standard error.
    static func run(_ executable: String, _ arguments: [String], timeout: Duration = .seconds(10)) -> (ending: Ending, standardError: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "ulimit -v \(memoryLimit) && exec \"$0\" \"$@\"", executable] + arguments
        // Each child gets its own Open MPI session folder: children starting at the same time
        // must not make and remove each other's.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("fuzz-child-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        var environment = Job.mpiEnvironment
        environment["OMPI_MCA_ess_singleton_isolated"] = "1"
        environment["OMPI_MCA_orte_tmpdir_base"] = scratch
        environment["SWIFT_BACKTRACE"] = "enable=no"
        process.environment = environment
        let errorPath = scratch + "/stderr"
        _ = FileManager.default.createFile(atPath: errorPath, contents: nil)
        guard let errorFile = FileHandle(forWritingAtPath: errorPath) else { return (.exited(-1), "cannot create \(errorPath)") }
        process.standardError = errorFile
        process.standardOutput = FileHandle.nullDevice
        do { try process.run() } catch { return (.exited(-1), "cannot start \(executable): \(error)") }
        let clock = ContinuousClock(), start = clock.now
        var timedOut = false
        while process.isRunning {
            if clock.now - start > timeout {
                timedOut = true
                kill(process.processIdentifier, SIGKILL)
                break
            }
            usleep(2000)
        }
        process.waitUntilExit()
        try? errorFile.close()
        let standardError = (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
        if timedOut { return (.timedOut, standardError) }
        return (process.terminationReason == .uncaughtSignal ? .signal(process.terminationStatus) : .exited(process.terminationStatus),
                standardError)
    }
}
