import Foundation
import TestSupport

/// The outputs of one good, short run of the default configuration — a complete restart set
/// named by `rpointer.drv`, coupler and component history, logs and timing files — made once
/// per test process, so that the bad-input catalog can put them into every case's run directory
/// and check that a failing run leaves them as they were.
struct GoodRun: Sendable {
    /// Every file of the run directory, by path relative to it.
    let files: [String: Data]

    /// The good run, or why it could not be made; made on first use.
    static let shared: Result<GoodRun, GoodRunFailure> = make()

    /// The good run's namelist on `ranks` ranks: the default configuration for 3 hours, with a
    /// restart set and history files at the end.
    static func namelist(ranks: Int) -> ConfigurationNamelist {
        var namelist = ConfigurationNamelist("default")
        namelist.allOn(ranks: ranks)
        namelist.set("stop_option", "'nhours'", in: "seq_timemgr_inparm")
        namelist.set("stop_n", "3", in: "seq_timemgr_inparm")
        namelist.set("restart_option", "'end'", in: "seq_timemgr_inparm")
        namelist.set("history_option", "'end'", in: "seq_timemgr_inparm")
        return namelist
    }

    /// The files `rpointer.drv` names.
    var restartSet: [String] {
        String(decoding: files["rpointer.drv"] ?? Data(), as: UTF8.self).split(separator: "\n").map(String.init)
    }

    /// The regular files under `directory`, by path relative to it.
    static func files(in directory: String) -> [String: Data] {
        var files = [String: Data]()
        let root = URL(fileURLWithPath: directory)
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return files }
        for case let relative as String in enumerator {
            let url = root.appendingPathComponent(relative)
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
            files[relative] = FileManager.default.contents(atPath: url.path)
        }
        return files
    }

    private static func make() -> Result<GoodRun, GoodRunFailure> {
        let folder = TemporaryDirectory("goodrun")
        let path = folder.write("good.nml", namelist(ranks: 2).text)
        let result = Job.mpirun(ranks: 2, "coupled-driver", [path, "--rundir", folder.path + "/run"], timeout: 120)
        guard result.exitCode == 0, !result.timedOut else { return .failure(GoodRunFailure(output: result.output)) }
        let run = GoodRun(files: files(in: folder.path + "/run"))
        // The coupler's and the five components' (atmosphere, land, river, sea ice, ocean).
        guard run.restartSet.count == 6, run.restartSet.allSatisfy({ run.files[$0] != nil }) else {
            return .failure(GoodRunFailure(output: "the good run did not leave a restart set of 6 files: \(run.files.keys.sorted())"))
        }
        return .success(run)
    }
}

/// The good run failed, so the catalog has nothing to protect.
struct GoodRunFailure: Error, CustomStringConvertible {
    let output: String
    var description: String { "the good run failed: \(output)" }
}
