import Foundation
import Testing
import TestSupport

/// Every failure point a short default run passes through, made to fail in turn: each must end
/// the job on every rank within 30 s with one message naming what failed, leave no process
/// behind, and leave `rpointer.drv` naming a complete restart set that a continued run can use.
@Suite("Fault injection at every failure site", .serialized)
struct FaultInjectionTests {
    /// Every injected job must have ended within this many seconds.
    static let limit = 30.0
    /// Where the ranks are chosen from: fixed, so a failing case can be run again.
    static let seed: UInt64 = 10

    /// Sites whose failure is reported as a warning, the run going on: the timing report is
    /// written after the science is complete.
    static let warningSites: Set<String> = ["timing.write"]

    @Test("each site a short run passes through, failing on a chosen rank and call, ends the job cleanly")
    func everySite() throws {
        let survey = try FaultSiteSurvey.shared.get()
        let sites = survey.counts.keys.sorted()
        print("fault injection: \(sites.count) sites: \(sites.joined(separator: ", "))")
        // The sites that must be reached, by kind: a failure point the driver stopped passing
        // through would drop out of the test unseen.
        for expected in ["pnetcdf.create", "pnetcdf.write", "pnetcdf.close", "netcdf.open", "netcdf.read", "file.rename", "file.fsync",
                         "file.write", "atm.initialize", "atm.run", "atm.run-nan", "cpl.send-nan", "ocn.restart-write", "lnd.history-write", "ice.finalize"] {
            #expect(sites.contains(expected), "the survey run did not pass through '\(expected)'")
        }
        var continued = false
        for (index, site) in sites.enumerated() {
            var random = FuzzRandom(seed: Self.seed, case: index)
            let ranks = survey.counts[site]!.filter { $0.value > 0 }.keys.sorted()
            let rank = random.pick(ranks)
            let call = random.inRange(1 ... survey.counts[site]![rank]!)
            let run = TemporaryDirectory("fault")
            let namelist = run.write("faults.nml", survey.namelist)
            let job = RankExitJob(ranks: FaultSiteSurvey.ranks, arguments: [namelist, "--rundir", run.path + "/run"],
                                  timeout: Self.limit * 2, recordingIn: run.path,
                                  environment: ["COUPLED_DRIVER_FAIL": "\(site):\(rank):\(call)"])
            let what = "\(site):\(rank):\(call)"
            let log = (try? String(contentsOfFile: run.path + "/run/cpl.log", encoding: .utf8)) ?? ""
            print("fault injection: \(what): exit \(job.result.exitCode) after \(String(format: "%.1f", job.result.seconds)) s")
            #expect(!job.result.timedOut && job.result.seconds < Self.limit, "\(what): the job took \(job.result.seconds) s")
            #expect(leftoverProcesses(of: run.path).isEmpty, "\(what): processes left behind: \(leftoverProcesses(of: run.path))")
            let injected = "failure injected at site '\(site)' (call \(call) on world rank \(rank)"
            if Self.warningSites.contains(site) {
                #expect(job.result.exitCode == 0, "\(what): \(job.result.standardError)")
                #expect(log.contains("warning: ") && log.contains(injected), "\(what): no warning in cpl.log:\n\(log)")
            } else {
                #expect(job.everyRankExitedNonZero, "\(what): not every rank exited non-zero: \(job.exitSummary)")
                #expect(!job.aborted, "\(what): ended with MPI_Abort instead of every rank agreeing:\n\(job.result.standardError)")
                let message = site.hasSuffix("-nan") ? "found by check_nans" : injected
                let printed = job.result.standardError.components(separatedBy: message).count - 1
                #expect(printed == 1, "\(what): «\(message)» printed \(printed) times:\n\(job.result.standardError)")
                #expect(log.contains("ERROR: ") && log.contains(message), "\(what): cpl.log does not say what failed:\n\(log)")
            }
            let set = try restartSet(in: run.path + "/run")
            #expect(set.problems.isEmpty, "\(what): \(set.problems)")
            // One continued run proves the set that survived a failure can be used.
            if !continued, set.problems.isEmpty, !set.files.isEmpty, !Self.warningSites.contains(site) {
                continued = true
                let text = survey.namelist.replacingOccurrences(of: "start_type = 'startup'", with: "start_type = 'continue'")
                let path = run.write("continue.nml", text)
                #expect(text.contains("start_type = 'continue'"))
                let result = Job.mpirun(ranks: FaultSiteSurvey.ranks, "coupled-driver", [path, "--rundir", run.path + "/run"], timeout: 120)
                #expect(result.exitCode == 0, "continuing after \(what) failed:\n\(result.output)")
                print("fault injection: continued from the restart set left by \(what): exit \(result.exitCode)")
            }
        }
        #expect(continued, "no injected failure left a restart set to continue from")
    }

    /// The files `rpointer.drv` names (none if there is no pointer yet), and what is wrong with
    /// them: each must exist under its final name and be a complete netCDF file.
    private func restartSet(in directory: String) throws -> (files: [String], problems: [String]) {
        guard let text = try? String(contentsOfFile: directory + "/rpointer.drv", encoding: .utf8) else { return ([], []) }
        let files = text.split(separator: "\n").map(String.init)
        var problems = [String]()
        if files.isEmpty { problems.append("rpointer.drv names no file") }
        for file in files {
            if file.hasSuffix(".incomplete") { problems.append("rpointer.drv names an incomplete file \(file)") }
            let header = Job.run("/usr/bin/ncdump", ["-h", directory + "/" + file], timeout: 30)
            if header.exitCode != 0 { problems.append("\(file) is not a readable netCDF file: \(header.output)") }
            else if !header.standardOutput.contains("restart_file_complete") { problems.append("\(file) lacks its completion marker") }
        }
        return (files, problems)
    }

    /// `coupled-driver` processes still running in run directory `folder`.
    private func leftoverProcesses(of folder: String) -> String {
        let result = Job.run("/usr/bin/pgrep", ["-a", "-f", "coupled-driver.*\(folder)"], timeout: 10)
        return result.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
