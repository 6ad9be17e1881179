import Foundation
import Testing
import TestSupport

/// `&cime_driver_inst ninst_driver = N` (CESM's multi-driver): several coupled systems in one
/// job, each on its share of the ranks, each with its own settings and files.
@Suite("Several coupled systems in one job (ninst_driver)", .serialized)
struct MultiDriverTests {
    /// The default configuration for 6 hours on 2 ranks a member, two members perturbed
    /// differently — member 1 by its own file (`ens.nml_0001`), member 2 by `&member_0002` in the
    /// namelist — run together on 4 ranks; each member alone on 2 ranks; and the pair again,
    /// stopped at 3 hours with a restart and continued. Made once.
    struct Runs: Sendable {
        let together: String
        let alone: [String]
        let restarted: String

        static let shared: Result<Runs, FixtureError> = make()

        /// Member 1's differing keys, by group; member 2's, as `&member_0002` holds them.
        static let memberFile = "&slab_atm_nml\n  cloud_albedo = 0.35\n/\n"
        static let memberGroup = "&member_0002\n  drainage_days = 50\n/\n"

        /// One member's namelist: 6 hours, history at the end, restarts as `settings` say.
        static func member(_ settings: [(String, String, String)] = []) -> ConfigurationNamelist {
            var namelist = ConfigurationNamelist("default")
            namelist.layout(["atm": (2, 1, 0, 1), "lnd": (2, 1, 0, 1), "rof": (2, 1, 0, 1), "ice": (2, 1, 0, 1), "ocn": (1, 1, 1, 1),
                             "cpl": (2, 1, 0, 1)])
            namelist.set("stop_option", "'nhours'", in: "seq_timemgr_inparm")
            namelist.set("stop_n", "6", in: "seq_timemgr_inparm")
            namelist.set("history_option", "'nhours'", in: "seq_timemgr_inparm")
            namelist.set("history_n", "6", in: "seq_timemgr_inparm")
            for (key, value, group) in settings { namelist.set(key, value, in: group) }
            return namelist
        }

        /// The two members in one namelist.
        static func ensemble(_ settings: [(String, String, String)] = []) -> String {
            var namelist = member(settings)
            namelist.replaceGroup("cime_driver_inst", with: "&cime_driver_inst\n  ninst_driver = 2\n/")
            return namelist.text + memberGroup
        }

        private static func make() -> Result<Runs, FixtureError> {
            let root = FileManager.default.temporaryDirectory.appendingPathComponent("coupled-driver-multi-\(UUID().uuidString)").path
            func run(_ name: String, ranks: Int, _ text: String, memberFile: String? = nil, folder: String? = nil) -> FixtureError? {
                let folder = root + "/" + (folder ?? name)
                try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                let path = root + "/\(name).nml"
                try? text.write(toFile: path, atomically: true, encoding: .utf8)
                if let memberFile { try? memberFile.write(toFile: path + "_0001", atomically: true, encoding: .utf8) }
                let result = Job.mpirun(ranks: ranks, "coupled-driver", ["run", path, "--rundir", folder,
                                                                         "--paths-from", Repository.path("namelists")], timeout: 600)
                return result.exitCode == 0 && !result.timedOut ? nil : FixtureError("the run \(name) failed: \(result.output)")
            }
            var first = member(), second = member()
            first.set("cloud_albedo", "0.35", in: "slab_atm_nml")
            second.set("drainage_days", "50", in: "bucket_lnd_nml")
            let restart = [("stop_n", "3", "seq_timemgr_inparm"), ("restart_option", "'end'", "seq_timemgr_inparm")]
            let resume = [("stop_n", "3", "seq_timemgr_inparm"), ("start_type", "'continue'", "seq_infodata_inparm")]
            let failures = [run("together", ranks: 4, ensemble(), memberFile: Self.memberFile),
                            run("alone-1", ranks: 2, first.text), run("alone-2", ranks: 2, second.text),
                            run("restart", ranks: 4, ensemble(restart), memberFile: Self.memberFile, folder: "restarted"),
                            run("resume", ranks: 4, ensemble(resume), memberFile: Self.memberFile, folder: "restarted")]
            if let failure = failures.compactMap({ $0 }).first { return .failure(failure) }
            return .success(Runs(together: root + "/together", alone: [root + "/alone-1", root + "/alone-2"], restarted: root + "/restarted"))
        }
    }

    private static let components = ["cpl", "atm", "lnd", "rof", "ice", "ocn"]

    /// Member `number`'s history file of `component` at the end, as a member names it.
    private static func history(_ component: String, member number: Int?) -> String {
        let name = number.map { component + "_000\($0)" } ?? component
        return "default.\(name).\(component == "cpl" ? "hi" : "h").0001-01-01-21600.nc"
    }

    @Test("each member writes what it writes when it runs alone on its 2 ranks, byte for byte, under its own names")
    func membersAsAlone() throws {
        let runs = try Runs.shared.get()
        for member in 1 ... 2 {
            for component in Self.components {
                let mine = runs.together + "/" + Self.history(component, member: member)
                let alone = runs.alone[member - 1] + "/" + Self.history(component, member: nil)
                #expect(FileManager.default.contentsEqual(atPath: mine, andPath: alone), "member \(member): \(component) history differs")
            }
            for name in ["cpl_000\(member).log", "atm_000\(member).log", "timing_000\(member)/summary.txt"] {
                #expect(FileManager.default.fileExists(atPath: runs.together + "/" + name), "member \(member) has no \(name)")
            }
        }
        #expect(!FileManager.default.fileExists(atPath: runs.together + "/cpl.log"), "no member writes the unsuffixed log")
        for component in ["atm", "lnd"] {
            #expect(!FileManager.default.contentsEqual(atPath: runs.together + "/" + Self.history(component, member: 1),
                                                       andPath: runs.together + "/" + Self.history(component, member: 2)),
                    "the members' perturbations make their \(component) histories differ")
        }
    }

    @Test("coupled-driver timing reads a member's report with --member, and says to give it when the run has only members")
    func memberTiming() throws {
        let runs = try Runs.shared.get()
        let second = Job.run(Job.product("coupled-driver"), ["timing", runs.together, "--member", "2"])
        #expect(second.exitCode == 0, "\(second.output)")
        #expect(second.standardOutput.contains("processor layout (2 MPI ranks)") && second.standardOutput.contains("timing_0002/timeline.svg"),
                "\(second.output)")
        let none = Job.run(Job.product("coupled-driver"), ["timing", runs.together])
        #expect(none.exitCode != 0 && none.standardError.contains("holds the reports of a job's members (timing_0001, …): give --member K"),
                "\(none.output)")
    }

    @Test("each member restarted half-way from its own rpointer.drv_000k ends where it ends straight through (ERS per member)")
    func restartsPerMember() throws {
        let runs = try Runs.shared.get()
        for member in 1 ... 2 {
            let pointer = try String(contentsOfFile: runs.restarted + "/rpointer.drv_000\(member)", encoding: .utf8)
            #expect(pointer.hasPrefix("default.cpl_000\(member).r.0001-01-01-10800.nc"), "member \(member)'s pointer: \(pointer)")
            for component in Self.components {
                let name = Self.history(component, member: member)
                #expect(FileManager.default.contentsEqual(atPath: runs.restarted + "/" + name, andPath: runs.together + "/" + name),
                        "member \(member): \(name) after the restart differs from the straight run's")
            }
            let log = try String(contentsOfFile: runs.restarted + "/cpl_000\(member).log", encoding: .utf8)
            #expect(log.contains("continuing from the restart set of 0001-01-01-10800 named by rpointer.drv_000\(member)"))
        }
    }

    @Test("a member that fails ends the job on every rank, within seconds, naming the member and the component")
    func failingMember() throws {
        let dir = TemporaryDirectory("multi-fail")
        var namelist = TestNamelist(worldSize: 2)
        namelist.extraGroups = "&cime_driver_inst ninst_driver = 2 /\n"
        let path = dir.write("fail.nml", namelist.text)
        _ = dir.write("fail.nml_0002", "&test_component_nml fail_component = 'ocn', fail_phase = 'run', fail_call = 2 /\n")
        let start = Date()
        let result = Job.mpirun(ranks: 4, "coupled-driver", [path, "--rundir", dir.path], timeout: 60)
        #expect(!result.timedOut && Date().timeIntervalSince(start) < 30)
        #expect(result.exitCode != 0)
        let expected = "ERROR: member 2 of 2 (job ranks 2-3): ocn (model 'test') failed on world rank 2 during run at model time 0001-01-01-03600"
        #expect(result.standardError.contains(expected), "\(result.output)")
        #expect(result.standardError.components(separatedBy: "ERROR:").count == 2, "one message: \(result.standardError)")
        let log = try #require(dir.read("cpl_0002.log"))
        #expect(log.contains(expected) && !log.contains("SUCCESSFUL TERMINATION"))
    }

    @Test("check: ninst_driver must divide the job, a member group must name a member, a member's key must be set somewhere")
    func checkFindsMemberProblems() {
        let dir = TemporaryDirectory("multi-check")
        let path = dir.write("ens.nml", Runs.ensemble() + "&member_0003\n  stop_n = 2\n/\n")
        _ = dir.write("ens.nml_0001", "&slab_atm_nml\n  cloud_albedo = 0.9\n/\n")
        let three = Job.run(Job.product("coupled-driver"), ["check", path, "--ranks", "3", "--paths-from", Repository.path("namelists"),
                                                            "--picture", dir.path + "/layout.svg"])
        #expect(three.exitCode != 0)
        #expect(three.standardError.contains("ens.nml:") && three.standardError.contains("ninst_driver = 2 in &cime_driver_inst does not divide the job's 3 ranks"),
                "\(three.output)")
        let four = Job.run(Job.product("coupled-driver"), ["check", path, "--ranks", "4", "--paths-from", Repository.path("namelists"),
                                                           "--picture", dir.path + "/layout.svg"])
        #expect(four.exitCode != 0)
        #expect(four.standardError.contains("&member_0003 names no member of this job"), "\(four.output)")
        #expect(four.standardError.contains("ens.nml_0001:2:") && four.standardError.contains("'cloud_albedo' in &slab_atm_nml must be between"),
                "\(four.output)")
        #expect(!four.standardError.contains("does not divide"))
    }
}
