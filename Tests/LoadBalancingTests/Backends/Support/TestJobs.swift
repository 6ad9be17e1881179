import Coupling
import Foundation
import LoadBalancing
import Namelist
import TestSupport

/// Coupled jobs for the backend tests, each with its own run directory in `folder`.
enum TestJobs {
    /// A run of the test component everywhere on `ranks` ranks for `days` model days (about
    /// 1.5 ms of run loop a day, after ~0.3 s of start-up). `extra` adds namelist groups, e.g. a
    /// `&test_component_nml` that makes it fail or hang.
    static func testComponent(_ name: String, in folder: TemporaryDirectory, ranks: Int = 1, days: Int = 10, extra: String = "",
                              wallTimeSeconds: Int = 300) -> CoupledJob {
        let pes = ["atm", "lnd", "ice", "ocn", "cpl"].map {
            "  \($0)_ntasks = \(ranks), \($0)_nthreads = 1, \($0)_rootpe = 0, \($0)_pestride = 1"
        }
        let text = (["! written by a backend test", "&cime_pes"] + pes + ["/",
            "&seq_timemgr_inparm",
            "  calendar = 'NO_LEAP', start_ymd = 10101, start_tod = 0",
            "  atm_cpl_dt = 1800, lnd_cpl_dt = 1800, ice_cpl_dt = 3600, ocn_cpl_dt = 3600",
            "  stop_option = 'ndays', stop_n = \(days)",
            "/",
            "&seq_infodata_inparm case_name = '\(name)' /",
            "&components atm = 'test', lnd = 'test', ice = 'test', ocn = 'test' /",
            extra]).joined(separator: "\n") + "\n"
        return CoupledJob(name: name, runDirectory: folder.path + "/" + name, namelist: folder.write("\(name).nml", text),
                          executable: Job.product("coupled-driver"),
                          resources: JobResources(ranks: ranks, wallTimeSeconds: wallTimeSeconds))
    }

    /// A test-component run whose atmosphere fails (throws) in its first run call.
    static func failing(_ name: String, in folder: TemporaryDirectory, ranks: Int = 1) -> CoupledJob {
        testComponent(name, in: folder, ranks: ranks, extra: "&test_component_nml fail_component = 'atm', fail_phase = 'run' /")
    }

    /// A test-component run whose atmosphere hangs in its first run call until it is killed.
    static func hanging(_ name: String, in folder: TemporaryDirectory, ranks: Int = 1, wallTimeSeconds: Int) -> CoupledJob {
        testComponent(name, in: folder, ranks: ranks,
                      extra: "&test_component_nml fail_component = 'atm', fail_phase = 'run', fail_mode = 'hang' /",
                      wallTimeSeconds: wallTimeSeconds)
    }

    /// The default configuration (slab atmosphere, bucket land, thermodynamic ice, slab ocean on
    /// T62 and 1° grids) for `hours` model hours on `ranks` ranks, without history output.
    /// With `pathsFromRepository`, the namelist keeps its relative paths and the job passes
    /// `--paths-from namelists/`.
    static func defaultConfiguration(_ name: String, in folder: TemporaryDirectory, ranks: Int, hours: Int = 6,
                                     pathsFromRepository: Bool = false, wallTimeSeconds: Int = 300) throws -> CoupledJob {
        var editor = NamelistEditor(text: pathsFromRepository ? Repository.text("namelists/default.nml")
                                        : ConfigurationNamelist("default").text, file: "\(name).nml")
        let pes = ["atm", "lnd", "ice", "ocn", "cpl"].map {
            "  \($0)_ntasks = \(ranks), \($0)_nthreads = 1, \($0)_rootpe = 0, \($0)_pestride = 1"
        }
        try editor.replaceGroup("cime_pes", with: (["&cime_pes"] + pes + ["/"]).joined(separator: "\n"))
        try editor.set("stop_option", to: "'nhours'", in: "seq_timemgr_inparm")
        try editor.set("stop_n", to: "\(hours)", in: "seq_timemgr_inparm")
        try editor.set("history_option", to: "'never'", in: "seq_timemgr_inparm")
        try editor.set("case_name", to: "'\(name)'", in: "seq_infodata_inparm")
        return CoupledJob(name: name, runDirectory: folder.path + "/" + name, namelist: folder.write("\(name).nml", editor.text),
                          pathsFrom: pathsFromRepository ? Repository.path("namelists") : nil, executable: Job.product("coupled-driver"),
                          resources: JobResources(ranks: ranks, wallTimeSeconds: wallTimeSeconds))
    }

    /// Submits all `jobs` to `backend`, waits until each has ended and returns their records.
    static func runAll(_ jobs: [CoupledJob], on backend: some ExecutionBackend) async throws -> [JobRecord] {
        var handles = [JobHandle]()
        for job in jobs { handles.append(try await backend.submit(job)) }
        var records = [JobRecord]()
        for handle in handles {
            _ = try await backend.wait(for: handle)
            records.append(try await backend.record(of: handle))
        }
        return records
    }

    /// Ids of the processes whose command line mentions `text` (e.g. a job's run directory).
    static func processes(mentioning text: String) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap(Int32.init).filter { pid in
            guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
            return String(decoding: data.map { $0 == 0 ? 32 : $0 }, as: UTF8.self).contains(text)
        }
    }

    /// Whether `cpl.log` of `job` says the run finished.
    static func succeeded(_ job: CoupledJob) -> Bool {
        (try? String(contentsOfFile: job.runDirectory + "/cpl.log", encoding: .utf8))?.contains("SUCCESSFUL TERMINATION") == true
    }
}
