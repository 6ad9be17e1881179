import Foundation
import TestSupport

/// The failure points a short default run passes through: the run (3 ranks, 2 days, history
/// and a restart set each day, `check_nans` on) is made once with
/// `COUPLED_DRIVER_FAIL_RECORD`, and each rank's record says which fault-injection sites it
/// passed and how often. Shared by the fault-injection tests, which run the same namelist
/// again with one failure injected.
struct FaultSiteSurvey: Sendable {
    /// The ranks of the run.
    static let ranks = 3
    /// The namelist of the run.
    let namelist: String
    /// How often each rank passed each site: `counts[site][rank]`.
    let counts: [String: [Int: Int]]

    /// The survey, or why it could not be made; made on first use.
    static let shared: Result<FaultSiteSurvey, FaultSurveyFailure> = make()

    private static func make() -> Result<FaultSiteSurvey, FaultSurveyFailure> {
        let folder = TemporaryDirectory("faultsites")
        var namelist = ConfigurationNamelist("default")
        namelist.allOn(ranks: ranks)
        namelist.set("case_name", "'faults'", in: "seq_infodata_inparm")
        namelist.set("check_nans", ".true.", in: "seq_infodata_inparm")
        namelist.set("stop_option", "'ndays'", in: "seq_timemgr_inparm")
        namelist.set("stop_n", "2", in: "seq_timemgr_inparm")
        namelist.set("history_option", "'ndays'", in: "seq_timemgr_inparm")
        namelist.set("history_n", "1", in: "seq_timemgr_inparm")
        namelist.set("restart_option", "'ndays'", in: "seq_timemgr_inparm")
        namelist.set("restart_n", "1", in: "seq_timemgr_inparm")
        folder.write("survey.nml", namelist.text)
        let records = folder.path + "/records"
        try! FileManager.default.createDirectory(atPath: records, withIntermediateDirectories: true)
        var environment = Job.mpiEnvironment
        environment["COUPLED_DRIVER_FAIL_RECORD"] = records
        let result = Job.run("/usr/bin/mpirun", ["--oversubscribe", "-n", "\(ranks)", Job.product("coupled-driver"), folder.path + "/survey.nml",
                                                 "--rundir", folder.path + "/run"], timeout: 300, environment: environment)
        guard result.exitCode == 0 else { return .failure(FaultSurveyFailure(description: "the survey run failed:\n\(result.output)")) }
        var counts = [String: [Int: Int]]()
        for rank in 0 ..< ranks {
            guard let text = try? String(contentsOfFile: records + "/fault-sites.rank\(rank).txt", encoding: .utf8) else {
                return .failure(FaultSurveyFailure(description: "rank \(rank) wrote no record of its fault-injection sites"))
            }
            for line in text.split(separator: "\n") {
                let parts = line.split(separator: " ")
                guard parts.count == 2, let n = Int(parts[1]) else { continue }
                counts[String(parts[0]), default: [:]][rank] = n
            }
        }
        return .success(FaultSiteSurvey(namelist: namelist.text, counts: counts))
    }
}

/// Why the survey run could not be made.
struct FaultSurveyFailure: Error, CustomStringConvertible {
    let description: String
}
