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

    /// Whether the member has written a restart set before its stop date: a retry continues from it.
    public var hasRestartToContinue: Bool {
        RestartPointer.date(inRunDirectory: runDirectory).map { $0 < ModelDate(ymd: stopYMD, tod: stopTOD) } == true
    }

    /// Prepares the member's next attempt and returns its job. Keeps the logs of an earlier
    /// attempt, and writes the member's namelist: continuing from its last restart set
    /// (`start_type = 'continue'`, stopping at the member's own stop date) when it has one
    /// before that date and this is not the first attempt; from the start otherwise — also
    /// when the last restart is at the stop date, where nothing would be left to run.
    func nextJob(definition: EnsembleDefinition, isFirstAttempt: Bool) throws -> CoupledJob {
        try keepEarlierLogs()
        var editor = NamelistEditor(text: try String(contentsOfFile: namelist, encoding: .utf8), file: namelist)
        let continues = !isFirstAttempt && hasRestartToContinue
        try editor.set("start_type", to: continues ? "'continue'" : "'startup'", in: "seq_infodata_inparm")
        if continues {
            // A relative stop counts from the restart: the member's own date keeps its end.
            try editor.set("stop_option", to: "'date'", in: "seq_timemgr_inparm")
            try editor.set("stop_ymd", to: "\(stopYMD)", in: "seq_timemgr_inparm")
            try editor.set("stop_tod", to: "\(stopTOD)", in: "seq_timemgr_inparm")
        }
        try editor.text.write(toFile: namelist, atomically: true, encoding: .utf8)
        return CoupledJob(name: "\(URL(fileURLWithPath: runDirectory).deletingLastPathComponent().lastPathComponent)-\(name)",
                          runDirectory: runDirectory, namelist: namelist, pathsFrom: definition.relativePathsFolder,
                          executable: definition.executable, resources: definition.resources)
    }

    /// Moves the logs of an earlier attempt (`*.log`, the job's output and record), if there
    /// are any, into the next free `RUNDIR/attempt_000n/`, so that the next attempt does not
    /// write over them.
    private func keepEarlierLogs() throws {
        let files = FileManager.default, job = JobFolder(runDirectory: runDirectory)
        let logs = try files.contentsOfDirectory(atPath: runDirectory).filter { $0.hasSuffix(".log") }.map { runDirectory + "/" + $0 }
        let kept = (logs + [job.output, job.record]).filter { files.fileExists(atPath: $0) }
        guard !kept.isEmpty else { return }
        var attempt = 1
        while files.fileExists(atPath: runDirectory + "/attempt" + DriverInstance.suffix(of: attempt)) { attempt += 1 }
        let folder = runDirectory + "/attempt" + DriverInstance.suffix(of: attempt)
        try files.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for path in kept { try files.moveItem(atPath: path, toPath: folder + "/" + URL(fileURLWithPath: path).lastPathComponent) }
    }
}
