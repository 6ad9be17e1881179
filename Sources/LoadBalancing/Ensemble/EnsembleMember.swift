import Driver
import Foundation
import Namelist
import TimeManager

/// One member of an ensemble: its run directory (`DIR/member_0001`), its namelist there (the
/// ensemble's namelist with the member's values written in), the values themselves, and the
/// model date its run ends at.
public struct EnsembleMember: Sendable, Hashable, Codable {
    /// The member's number, from 1.
    public let number: Int
    /// The run directory: the member's namelist, logs, history, restarts and job files.
    public let runDirectory: String
    /// The member's namelist in its run directory.
    public let namelist: String
    /// The member's value of each setting (`slab_atm_nml.cloud_albedo` → `0.31`), as namelist text.
    public let values: [String: String]
    /// The end of the member's run (`stop_ymd`, `stop_tod`): a retry continuing from a restart
    /// stops here too.
    public let stopYMD: Int
    /// The second of the day the run ends at.
    public let stopTOD: Int

    /// `member_0001`: the member's folder name.
    public var name: String { Self.name(number) }

    /// `member_0001` for member 1 (numbered as CESM numbers instances).
    public static func name(_ number: Int) -> String { "member" + DriverInstance.suffix(of: number) }

    /// The restart pointer the member's run writes (`rpointer.drv`): present once it has written a restart set.
    public var restartPointer: String { runDirectory + "/rpointer.drv" }

    /// Whether the member has written a restart set a retry can continue from.
    public var hasRestart: Bool { FileManager.default.fileExists(atPath: restartPointer) }

    /// Moves the logs of attempt `attempt` (`*.log` and the job's output and record) into
    /// `RUNDIR/attempt_000k/`, so that the next attempt does not write over them.
    func keepLogs(ofAttempt attempt: Int) throws {
        let files = FileManager.default
        let folder = runDirectory + "/attempt" + DriverInstance.suffix(of: attempt)
        try files.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let logs = (try files.contentsOfDirectory(atPath: runDirectory)).filter { $0.hasSuffix(".log") }.map { runDirectory + "/" + $0 }
        let job = JobFolder(runDirectory: runDirectory)
        for path in logs + [job.output, job.record] where files.fileExists(atPath: path) {
            let target = folder + "/" + URL(fileURLWithPath: path).lastPathComponent
            try? files.removeItem(atPath: target)
            try files.moveItem(atPath: path, toPath: target)
        }
    }

    /// Writes the member's namelist for its next run: from the start, or continuing from its
    /// last restart set (`start_type = 'continue'`) up to its own stop date, and returns the job.
    func job(definition: EnsembleDefinition, continuing: Bool) throws -> CoupledJob {
        var editor = NamelistEditor(text: try String(contentsOfFile: namelist, encoding: .utf8), file: namelist)
        if continuing {
            try editor.set("start_type", to: "'continue'", in: "seq_infodata_inparm")
            try editor.set("stop_option", to: "'date'", in: "seq_timemgr_inparm")
            try editor.set("stop_ymd", to: "\(stopYMD)", in: "seq_timemgr_inparm")
            try editor.set("stop_tod", to: "\(stopTOD)", in: "seq_timemgr_inparm")
            try editor.text.write(toFile: namelist, atomically: true, encoding: .utf8)
        }
        return CoupledJob(name: "\(URL(fileURLWithPath: runDirectory).deletingLastPathComponent().lastPathComponent)-\(name)",
                          runDirectory: runDirectory, namelist: namelist, pathsFrom: definition.relativePathsFolder,
                          executable: definition.executable, resources: definition.resources)
    }
}
