import Coupling
import Foundation
import NetCDF
import Testing
import TestSupport

/// Where a bad input stops the run, which decides what may change in the run directory.
enum FailurePoint: Sendable {
    /// Before the run starts: nothing in the run directory changes, logs included, and no file appears.
    /// `coupled-driver check` finds it too, with the same message.
    case beforeRun
    /// When the run starts, as the models or the coupler set up: then as `duringRun`. But
    /// `coupled-driver check` finds it before any run, with the same message.
    case atStart
    /// After the run started: the logs are the new run's and `cpl.log` holds the message; the
    /// earlier run's logs are kept as `NAME.DATE` (or extended, by a continued run); every
    /// other file keeps its bytes.
    case duringRun
}

/// One bad input of the catalog: how to make it, on how many ranks the failing job runs, where
/// the failure is found and what the message must say.
struct BadInput: Sendable, CustomTestStringConvertible {
    let name: String
    let ranks: Int
    let found: FailurePoint
    /// Texts the message must hold; `@DIR@` stands for the case's folder, `@RUN@` for its run directory.
    let messages: [String]
    /// Makes the bad input in the case's workspace (whose run directory holds the good files).
    let make: @Sendable (BadInputWorkspace) throws -> Void

    init(_ name: String, ranks: Int, _ found: FailurePoint, _ messages: [String], make: @escaping @Sendable (BadInputWorkspace) throws -> Void) {
        self.name = name
        self.ranks = ranks
        self.found = found
        self.messages = messages
        self.make = make
    }

    var testDescription: String { "\(name) (\(ranks) ranks)" }
}

/// A catalog of bad inputs — namelist syntax, unknown keys and groups, impossible layouts,
/// unknown models, clock settings, missing or corrupt weights, grids and forcing, bad restarts,
/// unusable run directories, a full disk, failing components and NaNs. Each runs under mpirun in
/// a run directory that already holds a good run's files, and must end on every rank with a
/// non-zero exit within 10 s, say what is wrong (naming the file, line, variable, component or
/// rank), and leave every good file with the same bytes and `rpointer.drv` naming a complete set.
@Suite("Bad inputs", .serialized)
struct BadInputCatalogTests {
    /// Every case must have ended within this many seconds.
    static let limit = 10.0

    @Test("a bad input ends the job on every rank within 10 s with a clear message and damages no good file", arguments: catalog)
    func badInput(_ input: BadInput) throws {
        let good = try GoodRun.shared.get()
        let workspace = try BadInputWorkspace(good: good, ranks: input.ranks)
        try input.make(workspace)
        let before = GoodRun.files(in: workspace.runDirectory)
        let job = RankExitJob(ranks: input.ranks, arguments: workspace.arguments, timeout: Self.limit, recordingIn: workspace.folder.path)
        let after = GoodRun.files(in: workspace.runDirectory)
        let standardError = job.result.standardError

        #expect(!job.result.timedOut && job.result.seconds < Self.limit, "the job took \(job.result.seconds) s")
        #expect(job.failedOnEveryRank, "not every rank failed: \(job.exitSummary); mpirun exited \(job.result.exitCode)\n\(standardError)")
        #expect(!job.aborted, "the job ended with MPI_Abort instead of every rank agreeing:\n\(standardError)")
        #expect(!standardError.contains("Fatal error") && !standardError.contains("Stack dump"), "the driver crashed:\n\(standardError)")
        for message in input.messages.map({ $0.replacingOccurrences(of: "@DIR@", with: workspace.folder.path)
                                               .replacingOccurrences(of: "@RUN@", with: workspace.runDirectory) }) {
            #expect(standardError.contains(message), "expected «\(message)» in standard error:\n\(standardError)")
            #expect(standardError.components(separatedBy: message).count == 2, "«\(message)» should be printed once, by one rank")
            if input.found != .beforeRun {
                let log = String(decoding: after["cpl.log"] ?? Data(), as: UTF8.self)
                #expect(log.contains(message), "expected «\(message)» in cpl.log:\n\(log)")
            }
        }

        // No good file damaged: the same bytes (once the run started, the earlier logs under
        // their kept names), nothing new before the run, no new complete restart file, and the
        // pointer naming a complete set.
        for (name, bytes) in before.sorted(by: { $0.key < $1.key }) {
            if input.found != .beforeRun && name.hasSuffix(".log") {
                // A new run keeps the earlier log as NAME.DATE; a continued run appends to it.
                let kept = after.contains { $0.key.hasPrefix(name + ".") && $0.value == bytes } || after[name]?.starts(with: bytes) == true
                #expect(kept, "the earlier \(name) was neither kept as \(name).DATE nor extended")
            } else {
                #expect(after[name] == bytes, "\(name) was changed or removed by the failing run")
            }
        }
        if input.found == .beforeRun {
            #expect(Set(after.keys) == Set(before.keys), "files appeared: \(Set(after.keys).subtracting(before.keys).sorted())")
        }
        let newRestarts = after.keys.filter { $0.contains(".r.") && $0.hasSuffix(".nc") && before[$0] == nil }
        #expect(newRestarts.isEmpty, "restart files appeared under their final names: \(newRestarts.sorted())")
        let goodSet = ["rpointer.drv"] + good.restartSet
        if goodSet.allSatisfy({ before[$0] != nil && before[$0] == good.files[$0] }) {
            for name in goodSet {
                #expect(after[name] == good.files[name], "\(name) of the good restart set was changed")
            }
            for name in good.restartSet {
                #expect((try? Dataset(openingAt: workspace.runFile(name))) != nil, "\(name), named by rpointer.drv, cannot be read")
            }
        }
    }
}

extension BadInputCatalogTests {
    @Test("check finds, before any run and without MPI, every bad input found before or as the run starts, with the same message",
          arguments: catalog.filter { $0.found != .duringRun })
    func foundByCheck(_ input: BadInput) throws {
        let workspace = try BadInputWorkspace(good: try GoodRun.shared.get(), ranks: input.ranks)
        try input.make(workspace)
        let arguments = ["check"] + workspace.arguments.dropFirst() + ["--ranks", "\(input.ranks)", "--picture", workspace.path("layout.svg")]
        let before = GoodRun.files(in: workspace.runDirectory)
        let result = Job.run(Job.product("coupled-driver"), arguments, timeout: 30)
        #expect(result.exitCode != 0 && !result.timedOut, "check passed:\n\(result.output)")
        // A run says where it stopped; check says what it found.
        let startUp = "ERROR: the driver failed during start-up: "
        for message in input.messages.map({ $0.replacingOccurrences(of: "@DIR@", with: workspace.folder.path)
                                               .replacingOccurrences(of: "@RUN@", with: workspace.runDirectory) }) {
            let found = message.hasPrefix(startUp) ? String(message.dropFirst(startUp.count)) : message
            #expect(result.standardError.contains(found), "expected «\(found)» in standard error:\n\(result.output)")
        }
        #expect(GoodRun.files(in: workspace.runDirectory) == before, "check changed the run directory")
    }

    /// The weights and grids of the default configuration.
    private static var maps: String { Repository.path("mapping-weights") }
    private static var atmToOceanWeights: String { maps + "/map_atm_T62_to_ocn_1deg_aave.nc" }
    private static var oceanGrid: String { maps + "/grid_1deg_ocean.nc" }
    /// The date of the good run's restart set.
    private static let restartDate = "0001-01-01-10800"

    static let catalog: [BadInput] = [
        // Namelist syntax.
        BadInput("a string without its closing quote", ranks: 1, .beforeRun,
                 ["bad.nml:17:34: error: unterminated string: the closing ' is missing; a string must end on the line where it starts"]) { ws in
            try ws.writeNamelist(ws.testNamelist.text, replacing: [("case_name = 'drivertest'", "case_name = 'drivertest")])
        },
        BadInput("a group without its closing '/'", ranks: 2, .beforeRun,
                 ["bad.nml:8:1: error: group '&seq_timemgr_inparm' starts inside group '&cime_pes'; close '&cime_pes' with '/' first"]) { ws in
            try ws.writeNamelist(ws.testNamelist.text, replacing: [("\n/\n&seq_timemgr_inparm", "\n&seq_timemgr_inparm")])
        },
        BadInput("a string where an integer belongs", ranks: 3, .beforeRun,
                 ["bad.nml:15:36: error: 'stop_n' in &seq_timemgr_inparm must be an integer, found the string 'four'"]) { ws in
            try ws.writeNamelist(ws.testNamelist.text, replacing: [("stop_n = 4", "stop_n = 'four'")])
        },
        BadInput("a key set twice", ranks: 4, .beforeRun,
                 ["bad.nml:15:39: error: 'stop_n' is set more than once in &seq_timemgr_inparm; first set at @DIR@/bad.nml:15:27"]) { ws in
            try ws.writeNamelist(ws.testNamelist.text, replacing: [("stop_n = 4", "stop_n = 4, stop_n = 5")])
        },
        BadInput("an unknown key, with the nearest valid one", ranks: 1, .beforeRun,
                 ["bad.nml:15:3: error: unknown key 'stop_optoin' in &seq_timemgr_inparm; did you mean 'stop_option'?"]) { ws in
            try ws.writeNamelist(ws.testNamelist.text, replacing: [("stop_option", "stop_optoin")])
        },
        BadInput("an unknown group, with the nearest valid one", ranks: 2, .beforeRun,
                 ["error: unknown group '&seq_infodata_inparam'; did you mean '&seq_infodata_inparm'?"]) { ws in
            try ws.writeNamelist(ws.testNamelist.text + "&seq_infodata_inparam info_debug = 2 /\n")
        },
        BadInput("a value outside the allowed ones", ranks: 4, .beforeRun,
                 ["'start_type' in &seq_infodata_inparm must be one of 'startup', 'continue', found 'restart'"]) { ws in
            try ws.writeNamelist(ws.testNamelist.text, replacing: [("case_name = 'drivertest'", "case_name = 'drivertest', start_type = 'restart'")])
        },
        BadInput("a case name that is a path", ranks: 2, .beforeRun,
                 ["bad.nml:17:34: error: 'case_name' in &seq_infodata_inparm may hold only ASCII letters, digits, '.', '_' and '-', since "
                    + "file names are built from it: '/' (character 3) is not allowed, found '../x'"]) { ws in
            try ws.writeNamelist(ws.testNamelist.text, replacing: [("case_name = 'drivertest'", "case_name = '../x'")])
        },
        BadInput("a case name of 190 characters", ranks: 3, .beforeRun,
                 ["bad.nml:17:34: error: 'case_name' in &seq_infodata_inparm must be at most 80 characters long"]) { ws in
            try ws.writeNamelist(ws.testNamelist.text, replacing: [("case_name = 'drivertest'", "case_name = '\(String(repeating: "c", count: 190))'")])
        },
        BadInput("an empty namelist", ranks: 2, .beforeRun, ["bad.nml:1:1: error: holds no namelist groups (&group ... /): the file is empty"]) { ws in
            try ws.writeNamelist("")
        },
        BadInput("a netCDF file given as the namelist", ranks: 3, .beforeRun,
                 ["\(atmToOceanWeights):1:1: error: is not a text namelist: it starts with the HDF5 signature (\\x89HDF: a netCDF-4 or HDF5 file)"]) { ws in
            ws.arguments = ["run", atmToOceanWeights, "--rundir", ws.runDirectory]
        },
        BadInput("an unknown key in a component's group", ranks: 3, .duringRun,
                 ["error: unknown key 'fail_compnent' in &test_component_nml; did you mean 'fail_component'?", "atm (model 'test') failed on world rank"]) { ws in
            try ws.writeNamelist(ws.testNamelist.text + "&test_component_nml fail_compnent = 'atm' /\n")
        },

        // Impossible processor layouts.
        BadInput("more tasks than the job has ranks", ranks: 3, .beforeRun,
                 ["bad.nml:6:3: error: impossible processor layout: ocn needs ranks up to 4 (rootpe 3 + (ntasks 2 - 1) × stride 1), but the job has 3 ranks (0-2)"]) { ws in
            var namelist = ws.testNamelist
            namelist.pes[.ocn] = ProcessorSet(ntasks: 2, rootRank: 3)
            try ws.writeNamelist(namelist.text)
        },
        BadInput("no threads and no tasks", ranks: 1, .beforeRun,
                 ["impossible processor layout: atm_nthreads = 0: a task needs at least 1 thread",
                  "impossible processor layout: cpl_ntasks = 0: a component needs at least 1 task"]) { ws in
            try ws.writeNamelist(ws.testNamelist.text, replacing: [("atm_nthreads = 1", "atm_nthreads = 0"), ("cpl_ntasks = 1", "cpl_ntasks = 0")])
        },
        BadInput("a stride of 0, and a stride reaching past the job", ranks: 2, .beforeRun,
                 ["impossible processor layout: lnd_pestride = 0: the stride must be at least 1",
                  "impossible processor layout: ice needs ranks up to 2 (rootpe 0 + (ntasks 2 - 1) × stride 2), but the job has 2 ranks (0-1)"]) { ws in
            try ws.writeNamelist(ws.testNamelist.text, replacing: [("lnd_pestride = 1", "lnd_pestride = 0"), ("ice_pestride = 1", "ice_pestride = 2")])
        },
        BadInput("a negative root rank", ranks: 4, .beforeRun,
                 ["bad.nml:6:", "impossible processor layout: ocn_rootpe = -1: the root rank cannot be negative"]) { ws in
            try ws.writeNamelist(ws.testNamelist.text, replacing: [("ocn_rootpe = 0", "ocn_rootpe = -1")])
        },

        // Several coupled systems in one job.
        BadInput("a number of members that does not divide the job", ranks: 3, .beforeRun,
                 ["error: ninst_driver = 2 in &cime_driver_inst does not divide the job's 3 ranks"]) { ws in
            var namelist = ws.testNamelist
            namelist.extraGroups += "&cime_driver_inst ninst_driver = 2 /\n"
            try ws.writeNamelist(namelist.text)
        },
        BadInput("a member's own namelist with a value outside the allowed ones", ranks: 4, .beforeRun,
                 ["@DIR@/bad.nml_0002:1:", "'nfortnights'"]) { ws in
            var namelist = TestNamelist(worldSize: 2)
            namelist.extraGroups += "&cime_driver_inst ninst_driver = 2 /\n"
            try ws.writeNamelist(namelist.text)
            ws.write("bad.nml_0002", "&seq_timemgr_inparm stop_option = 'nfortnights' /\n")
        },

        // Models.
        BadInput("an unknown model name and a model of the wrong kind", ranks: 2, .beforeRun,
                 ["unknown atmosphere model 'slob' (atm in &components); did you mean 'slab'?",
                  "model 'docn' cannot be the land (lnd); it can be: ocn"]) { ws in
            var namelist = ws.defaultNamelist
            namelist.set("atm", "'slob'", in: "components")
            namelist.set("lnd", "'docn'", in: "components")
            try ws.writeNamelist(namelist.text)
        },

        // The clock.
        BadInput("an unknown calendar", ranks: 3, .beforeRun,
                 ["bad.nml:10:14: error: 'calendar' in &seq_timemgr_inparm must be one of 'NO_LEAP', 'GREGORIAN', 'noleap', '365_day', "
                    + "'proleptic_gregorian', 'standard', found 'JULIAN'"]) { ws in
            try ws.writeNamelist(ws.testNamelist.text, replacing: [("'NO_LEAP'", "'JULIAN'")])
        },
        BadInput("a start date that does not exist", ranks: 1, .beforeRun,
                 ["bad.nml:10:", "start_ymd = 10230: day 30 of February does not exist in the NO_LEAP calendar"]) { ws in
            try ws.writeNamelist(ws.testNamelist.text, replacing: [("start_ymd = 10101", "start_ymd = 10230")])
        },
        BadInput("a coupling interval that is not a multiple of the driver step", ranks: 2, .beforeRun,
                 ["ocn_cpl_dt = 2700 is not a multiple of the driver step 1800 s"]) { ws in
            var namelist = ws.defaultNamelist
            namelist.set("ocn_cpl_dt", "2700", in: "seq_timemgr_inparm")
            try ws.writeNamelist(namelist.text)
        },
        BadInput("a restart period that splits an ocean coupling interval", ranks: 4, .beforeRun,
                 ["restarts every 5400 s are not a whole number of ocn_cpl_dt (3600 s): a restart must come where every component ends a coupling interval"]) { ws in
            try ws.writeNamelist(ws.testNamelist.text, replacing: [("stop_n = 4", "stop_n = 4, restart_option = 'nminutes', restart_n = 90")])
        },
        BadInput("a restart date inside an ocean coupling interval", ranks: 3, .beforeRun,
                 ["bad.nml:15:85: error: the restart date 0001-01-01-05400 is not a whole number of ocn_cpl_dt (3600 s) after the start"]) { ws in
            try ws.writeNamelist(ws.testNamelist.text, replacing: [("stop_n = 4", "stop_n = 4, restart_option = 'date', restart_ymd = 10101, restart_tod = 5400")])
        },
        BadInput("a run length that is not a whole number of ocean coupling intervals", ranks: 2, .beforeRun,
                 ["the run is 5400 s long, which is not a whole number of ocn_cpl_dt (3600 s)"]) { ws in
            try ws.writeNamelist(ws.testNamelist.text, replacing: [("stop_option = 'nhours', stop_n = 4", "stop_option = 'nminutes', stop_n = 90")])
        },
        BadInput("a stop count of zero", ranks: 4, .beforeRun,
                 ["bad.nml:15:", "impossible clock settings: alarm 'stop': the count must be at least 1 for option 'nhours' (got 0)"]) { ws in
            try ws.writeNamelist(ws.testNamelist.text, replacing: [("stop_n = 4", "stop_n = 0")])
        },
        BadInput("an unknown stop option", ranks: 1, .beforeRun,
                 ["'stop_option' in &seq_timemgr_inparm must be one of 'none', 'never', 'nsteps', 'nseconds', 'nminutes', 'nhours', 'ndays', "
                    + "'nmonths', 'nyears', 'date', 'end', found 'nfortnights'"]) { ws in
            try ws.writeNamelist(ws.testNamelist.text, replacing: [("stop_option = 'nhours'", "stop_option = 'nfortnights'")])
        },

        // Mapping weights.
        BadInput("a missing weights file", ranks: 2, .beforeRun,
                 ["error: atm2ocn_fmapname: the weights file '/nonexistent/map.nc' does not exist"]) { ws in
            var namelist = ws.defaultNamelist
            namelist.set("atm2ocn_fmapname", "'/nonexistent/map.nc'", in: "seq_maps")
            try ws.writeNamelist(namelist.text)
        },
        BadInput("a weights file that is text, not netCDF", ranks: 3, .atStart,
                 ["weights file @DIR@/map.txt.nc: cannot be opened as netCDF: NetCDF: Unknown file format"]) { ws in
            var namelist = ws.defaultNamelist
            namelist.set("atm2ocn_fmapname", "'\(ws.write("map.txt.nc", "row col S\n1 1 1.0\n"))'", in: "seq_maps")
            try ws.writeNamelist(namelist.text)
        },
        BadInput("a truncated weights file", ranks: 4, .atStart,
                 ["weights file @DIR@/truncated_map.nc: cannot be opened as netCDF"]) { ws in
            try ws.truncatedCopy(of: atmToOceanWeights, to: ws.path("truncated_map.nc"), bytes: 200_000)
            var namelist = ws.defaultNamelist
            namelist.set("atm2ocn_fmapname", "'\(ws.path("truncated_map.nc"))'", in: "seq_maps")
            try ws.writeNamelist(namelist.text)
        },
        BadInput("weights without the weights variable S", ranks: 1, .atStart,
                 ["weights file @DIR@/no_S.nc: missing variable 'S' (needed in the ESMF format)"]) { ws in
            try ws.tool("/usr/bin/ncks", ["-O", "-x", "-v", "S", atmToOceanWeights, ws.path("no_S.nc")])
            var namelist = ws.defaultNamelist
            namelist.set("atm2ocn_fmapname", "'\(ws.path("no_S.nc"))'", in: "seq_maps")
            try ws.writeNamelist(namelist.text)
        },
        BadInput("weights with a weight that is not finite", ranks: 2, .atStart, ["weights file @DIR@/infinite_weight.nc: entry 8 of 'S' is inf, not a finite weight"]) { ws in
            try ws.tool("/usr/bin/ncap2", ["-O", "-s", "S(7)=S(7)/0.0", atmToOceanWeights, ws.path("infinite_weight.nc")])
            var namelist = ws.defaultNamelist
            namelist.set("atm2ocn_fmapname", "'\(ws.path("infinite_weight.nc"))'", in: "seq_maps")
            try ws.writeNamelist(namelist.text)
        },
        BadInput("weights for the wrong grids", ranks: 2, .atStart,
                 ["map_ocn_1deg_to_atm_T62_aave.nc: the source grid of the map has 64800 points, but the atm grid atm (nj = 94, ni = 192) has 18048"]) { ws in
            var namelist = ws.defaultNamelist
            namelist.set("atm2ocn_fmapname", "'\(maps)/map_ocn_1deg_to_atm_T62_aave.nc'", in: "seq_maps")
            try ws.writeNamelist(namelist.text)
        },
        BadInput("weights with a source index outside the grid", ranks: 3, .atStart,
                 ["weights file @DIR@/bad_index.nc: entry 6 of 'col' is 99999, outside 1...18048 (the source grid size)"]) { ws in
            try ws.tool("/usr/bin/ncap2", ["-O", "-s", "col(5)=99999", atmToOceanWeights, ws.path("bad_index.nc")])
            var namelist = ws.defaultNamelist
            namelist.set("atm2ocn_fmapname", "'\(ws.path("bad_index.nc"))'", in: "seq_maps")
            try ws.writeNamelist(namelist.text)
        },
        BadInput("weights made for another land mask", ranks: 2, .atStart,
                 ["o2a_other_mask.nc: its source mask (mask_a) differs from the ocean grid's mask at 1 of "]) { ws in
            try ws.tool("/usr/bin/ncap2", ["-O", "-s", "mask_a(30000)=1-mask_a(30000)", "\(maps)/map_ocn_1deg_to_atm_T62_aave.nc", ws.path("o2a_other_mask.nc")])
            var namelist = ws.defaultNamelist
            namelist.set("ocn2atm_fmapname", "'\(ws.path("o2a_other_mask.nc"))'", in: "seq_maps")
            try ws.writeNamelist(namelist.text)
        },
        BadInput("a map the run needs is not named", ranks: 4, .atStart,
                 ["&seq_maps: ocn2atm_fmapname is needed (ocean and sea ice fluxes and fractions go to the atmosphere grid) but not set"]) { ws in
            var namelist = ws.defaultNamelist
            namelist.set("ocn2atm_fmapname", "''", in: "seq_maps")
            try ws.writeNamelist(namelist.text)
        },
        BadInput("a map type that is neither 'X' nor 'Y'", ranks: 1, .beforeRun, ["'atm2ocn_fmaptype' in &seq_maps must be 'X' or 'Y', found 'Z'"]) { ws in
            var namelist = ws.defaultNamelist
            namelist.set("atm2ocn_fmaptype", "'Z'", in: "seq_maps")
            try ws.writeNamelist(namelist.text)
        },
        BadInput("a seq_maps.rc file that does not exist", ranks: 3, .beforeRun,
                 ["maps_file 'nowhere/seq_maps.rc' cannot be read: @DIR@/nowhere/seq_maps.rc: No such file or directory"]) { ws in
            var namelist = ws.defaultNamelist
            namelist.set("maps_file", "'nowhere/seq_maps.rc'", in: "seq_maps")
            try ws.writeNamelist(namelist.text)
        },
        BadInput("'idmap' between different grids", ranks: 2, .atStart, ["&seq_maps: atm2ocn_smapname = 'idmap', but the atmosphere grid"]) { ws in
            var namelist = ws.defaultNamelist
            namelist.set("atm2ocn_smapname", "'idmap'", in: "seq_maps")
            try ws.writeNamelist(namelist.text)
        },
        BadInput("the exchange grid from a map of type 'Y'", ranks: 3, .atStart,
                 ["aoflux_grid = 'exch' takes the exchange grid from the rows of atm2ocn_fmapname", "set atm2ocn_fmaptype = 'X' or bfbflag = .true."]) { ws in
            var namelist = ws.defaultNamelist
            namelist.set("aoflux_grid", "'exch'", in: "seq_infodata_inparm")
            namelist.set("atm2ocn_fmaptype", "'Y'", in: "seq_maps")
            try ws.writeNamelist(namelist.text)
        },

        // Grids.
        BadInput("a missing grid file", ranks: 3, .duringRun, ["grid file @DIR@/nowhere.nc", "ocn (model 'slab') failed on world rank"]) { ws in
            var namelist = ws.defaultNamelist
            namelist.replaceGroup("slab_ocn_nml", with: "&slab_ocn_nml grid_file = '\(ws.path("nowhere.nc"))' /")
            try ws.writeNamelist(namelist.text)
        },
        BadInput("a truncated grid file", ranks: 2, .duringRun, ["grid file @DIR@/truncated_grid.nc: ", "ocn (model 'slab') failed on world rank"]) { ws in
            try ws.truncatedCopy(of: oceanGrid, to: ws.path("truncated_grid.nc"), bytes: 30_000)
            var namelist = ws.defaultNamelist
            namelist.replaceGroup("slab_ocn_nml", with: "&slab_ocn_nml grid_file = '\(ws.path("truncated_grid.nc"))' /")
            try ws.writeNamelist(namelist.text)
        },
        BadInput("a grid file without cell latitudes", ranks: 1, .duringRun,
                 ["grid file @DIR@/no_latitudes.nc: not a SCRIP grid file with areas: no variable 'grid_center_lat'"]) { ws in
            try ws.tool("/usr/bin/ncks", ["-O", "-x", "-v", "grid_center_lat", oceanGrid, ws.path("no_latitudes.nc")])
            var namelist = ws.defaultNamelist
            namelist.replaceGroup("thermo_ice_nml", with: "&thermo_ice_nml grid_file = '\(ws.path("no_latitudes.nc"))' /")
            try ws.writeNamelist(namelist.text)
        },
        BadInput("the land on its own grid without the maps to reach it", ranks: 4, .atStart,
                 ["&seq_maps: atm2lnd_fmapname is needed (atmosphere fluxes go to the land grid) but not set",
                  "&seq_maps: lnd2atm_fmapname is needed (land fluxes and the land fraction go to the atmosphere grid) but not set"]) { ws in
            var namelist = ws.defaultNamelist
            namelist.replaceGroup("bucket_lnd_nml", with: "&bucket_lnd_nml grid_file = '\(oceanGrid)' /")
            try ws.writeNamelist(namelist.text)
        },

        // What the components exchange.
        BadInput("an import nobody produces", ranks: 1, .atStart,
                 ["lnd (model 'test') imports 'Sx_bogus', which no component or the coupler produces for the land (no exchange-table entry 'Sx_bogus' is imported by lnd"]) { ws in
            var namelist = ws.defaultNamelist
            namelist.set("lnd", "'test'", in: "components")
            namelist.replaceGroup("test_component_nml", with: "&test_component_nml lnd_imports = 'Sa_tbot', 'Sx_bogus' /")
            try ws.writeNamelist(namelist.text)
        },
        BadInput("an export the coupler needs is missing", ranks: 2, .atStart,
                 ["the coupler needs 'Si_avsdr' from ice (model 'test') for atm's import 'Sx_avsdr' (exchange-table entry 'Sx_avsdr'), but it does not export it"]) { ws in
            var namelist = ws.defaultNamelist
            namelist.set("ice", "'test'", in: "components")
            namelist.replaceGroup("test_component_nml", with: "&test_component_nml nlat = 180, nlon = 360, ice_exports = 'Si_ifrac', 'Si_t' /")
            try ws.writeNamelist(namelist.text)
        },
        BadInput("a NaN in a coupling field", ranks: 2, .duringRun,
                 ["ice (model 'test') export 'Faii_sen' is nan at grid point 1 (lon 0.0, lat -89.5) at model time 0001-01-01-03600, found by check_nans"]) { ws in
            var namelist = ws.defaultNamelist
            namelist.set("ice", "'test'", in: "components")
            let exports = ["Si_ifrac", "Si_t", "Si_avsdr", "Si_anidr", "Si_avsdf", "Si_anidf", "Faii_swnet", "Faii_lwup", "Faii_sen",
                           "Faii_lat", "Faii_evap", "Faii_taux", "Faii_tauy", "Fioi_melth", "Fioi_meltw", "Fioi_swpen"]
            namelist.replaceGroup("test_component_nml", with: "&test_component_nml nlat = 180, nlon = 360, ice_exports = "
                + exports.map { "'\($0)'" }.joined(separator: ", ") + ", nan_field = 'Faii_sen', nan_call = 3 /")
            try ws.writeNamelist(namelist.text)
        },

        // Data models.
        // Issue 10, case 1: the NaN was found inside the coupler's set-up while the other rank
        // waited in a router; that rank hung.
        BadInput("a NaN in a data model's first exports (check_nans)", ranks: 2, .duringRun,
                 ["ocn (model 'docn') export 'So_t' is", "(lon 180.0, lat 0.5) at model time the start, found by check_nans"]) { ws in
            let forcing = ws.path("sst_with_nan.nc")
            let made = Job.run("/usr/bin/ncap2", ["-O", "-s", "sst(:,90,180)=0.0f/0.0f", Repository.path("forcing/docn.sst.1deg.clim.nc"), forcing],
                               timeout: 60)
            guard made.exitCode == 0 else { throw WorkspaceError("ncap2 failed: \(made.output)") }
            var namelist = ConfigurationNamelist("data-ocean")
            namelist.allOn(ranks: ws.ranks)
            namelist.replaceGroup("docn_nml", with: "&docn_nml grid_file = '\(oceanGrid)', file = '\(forcing)' /")
            try ws.writeNamelist(namelist.text)
        },
        BadInput("a data model given a variable its file does not have", ranks: 3, .duringRun,
                 ["variable 'sea_temp': the file has no variable 'sea_temp'"]) { ws in
            var namelist = ConfigurationNamelist("data-ocean")
            namelist.allOn(ranks: ws.ranks)
            namelist.replaceGroup("docn_nml", with: "&docn_nml grid_file = '\(oceanGrid)', file = '\(Repository.path("forcing/docn.sst.1deg.clim.nc"))', "
                + "variables = 'So_t:sea_temp' /")
            try ws.writeNamelist(namelist.text)
        },
        BadInput("a data model whose forcing file is missing", ranks: 4, .duringRun,
                 ["ocn (model 'docn') failed on world rank", "forcing file '@DIR@/no_forcing.nc': cannot open it: No such file or directory"]) { ws in
            var namelist = ConfigurationNamelist("data-ocean")
            namelist.allOn(ranks: ws.ranks)
            namelist.replaceGroup("docn_nml", with: "&docn_nml grid_file = '\(oceanGrid)', file = '\(ws.path("no_forcing.nc"))' /")
            try ws.writeNamelist(namelist.text)
        },

        // The namelist file and the run directory.
        BadInput("a missing namelist file", ranks: 2, .beforeRun, ["cannot read namelist @DIR@/nope.nml: No such file or directory"]) { ws in
            ws.arguments = ["run", ws.path("nope.nml"), "--rundir", ws.runDirectory]
        },
        BadInput("a namelist that is a directory", ranks: 3, .beforeRun, ["cannot read namelist @DIR@: Is a directory"]) { ws in
            ws.arguments = ["run", ws.folder.path, "--rundir", ws.runDirectory]
        },
        BadInput("a run directory that is a regular file", ranks: 1, .beforeRun,
                 ["the run directory cannot be written: @RUN@/rpointer.drv/.coupled-driver-write-test: Not a directory"]) { ws in
            try ws.writeNamelist(ws.testNamelist.text)
            ws.arguments = ["run", ws.path("bad.nml"), "--rundir", ws.runFile("rpointer.drv")]
        },
        BadInput("a read-only run directory", ranks: 3, .beforeRun,
                 ["the run directory cannot be written: @RUN@/.coupled-driver-write-test: Read-only file system"]) { ws in
            try ws.writeNamelist(ws.testNamelist.text)
            try ws.mountRunDirectory(spareBytes: 64 * 1024, readOnly: true)
        },
        BadInput("a run directory whose file paths are too long for MPI-IO", ranks: 2, .beforeRun,
                 ["ERROR: the driver failed during start-up: the run directory and case name make file paths too long for MPI-IO: @DIR@/"
                    + String(repeating: "d", count: 120) + "/default.cpl.hi.\(restartDate).nc.incomplete is ",
                  "bytes long, more than the 220 bytes allowed"]) { ws in
            // The good run's history and restart set, written into a run directory Open MPI-IO would crash on.
            try ws.writeNamelist(GoodRun.namelist(ranks: ws.ranks).text)
            ws.arguments = ["run", ws.path("bad.nml"), "--rundir", ws.path(String(repeating: "d", count: 120))]
        },
        BadInput("a full disk when the restart set is written", ranks: 2, .duringRun,
                 [".r.\(restartDate).nc.incomplete: was not written completely (is the file system full?)"]) { ws in
            var namelist = GoodRun.namelist(ranks: ws.ranks)
            namelist.set("history_option", "'never'", in: "seq_timemgr_inparm")
            try ws.writeNamelist(namelist.text)
            try ws.mountRunDirectory(spareBytes: 1024 * 1024, readOnly: false)
        },

        // Issue 10, case 2: rank 0 waited in the file's close while the others waited in its sync.
        BadInput("a full disk while the coupler's restart file is written", ranks: 4, .duringRun,
                 ["the coupler failed", ".cpl.r.\(restartDate).nc.incomplete"]) { ws in
            var namelist = GoodRun.namelist(ranks: ws.ranks)
            namelist.set("history_option", "'never'", in: "seq_timemgr_inparm")
            try ws.writeNamelist(namelist.text)
            // Room for the components' restart files and half the coupler's: the coupler's is
            // the one that fills the file system.
            let sizes = ws.good.restartSet.map { ($0, ws.good.files[$0]?.count ?? 0) }
            let components = sizes.filter { !$0.0.contains(".cpl.r.") }.map(\.1).reduce(0, +)
            let coupler = sizes.first { $0.0.contains(".cpl.r.") }?.1 ?? 0
            print("full disk in the coupler's restart: component restart files \(components) bytes, coupler restart file \(coupler) bytes, "
                + "space beyond the good run's files \(components + coupler / 2) bytes")
            try ws.mountRunDirectory(spareBytes: components + coupler / 2, readOnly: false)
        },

        BadInput("a full disk when the history files are written", ranks: 3, .duringRun,
                 [".h.\(restartDate).nc: writing: was not written completely (", "is the file system full?)"]) { ws in
            var namelist = GoodRun.namelist(ranks: ws.ranks)
            namelist.set("restart_option", "'never'", in: "seq_timemgr_inparm")
            try ws.writeNamelist(namelist.text)
            try ws.mountRunDirectory(spareBytes: 1024 * 1024, readOnly: false)
        },

        // Restarts.
        BadInput("continuing without rpointer.drv", ranks: 4, .beforeRun,
                 ["start_type = 'continue': restart file @RUN@/rpointer.drv: cannot be read (start_type = 'continue' needs the restart pointer of an "
                    + "earlier run): No such file or directory"]) { ws in
            try ws.writeNamelist(ws.continuingNamelist.text)
            try FileManager.default.removeItem(atPath: ws.runFile("rpointer.drv"))
        },
        BadInput("rpointer.drv naming a file that does not exist", ranks: 1, .beforeRun,
                 ["restart file @RUN@/default.ocn.r.0001-01-02-00000.nc: is named by rpointer.drv but does not exist"]) { ws in
            try ws.writeNamelist(ws.continuingNamelist.text)
            let pointer = ws.good.restartSet.map { $0.contains(".ocn.r.") ? "default.ocn.r.0001-01-02-00000.nc" : $0 }
            try (pointer.joined(separator: "\n") + "\n").write(toFile: ws.runFile("rpointer.drv"), atomically: false, encoding: .utf8)
        },
        BadInput("rpointer.drv holding garbage", ranks: 2, .beforeRun,
                 ["restart file @RUN@/rpointer.drv: does not name a coupler restart file (a first line like CASE.cpl.r.YYYY-MM-DD-SSSSS.nc)"]) { ws in
            try ws.writeNamelist(ws.continuingNamelist.text)
            try Data((0 ..< 300).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }).write(to: URL(fileURLWithPath: ws.runFile("rpointer.drv")))
        },
        BadInput("continuing with other coupling intervals", ranks: 3, .beforeRun,
                 ["restart file @RUN@/default.cpl.r.\(restartDate).nc: the restart does not match the namelist",
                  "the coupling intervals (*_cpl_dt) differ: the restart was written with atm=1800 rof=1800, the namelist gives atm=900 rof=900"]) { ws in
            var namelist = ws.continuingNamelist
            namelist.set("atm_cpl_dt", "900", in: "seq_timemgr_inparm")
            try ws.writeNamelist(namelist.text)
        },
        BadInput("continuing with another model", ranks: 4, .beforeRun,
                 ["the models (&components) differ: the restart was written with lnd=bucket, the namelist gives lnd=stub"]) { ws in
            var namelist = ws.continuingNamelist
            namelist.set("lnd", "'stub'", in: "components")
            try ws.writeNamelist(namelist.text)
        },
        BadInput("a truncated coupler restart file", ranks: 1, .beforeRun,
                 ["restart file @RUN@/default.cpl.r.\(restartDate).nc: is incomplete"]) { ws in
            try ws.writeNamelist(ws.continuingNamelist.text)
            let file = ws.runFile("default.cpl.r.\(restartDate).nc")
            try ws.truncatedCopy(of: file, to: file, bytes: 5_000_000)
        },
        BadInput("a coupler restart file that is not netCDF", ranks: 2, .beforeRun,
                 ["restart file @RUN@/default.cpl.r.\(restartDate).nc: cannot be opened: NetCDF: Unknown file format"]) { ws in
            try ws.writeNamelist(ws.continuingNamelist.text)
            try "not a restart\n".write(toFile: ws.runFile("default.cpl.r.\(restartDate).nc"), atomically: false, encoding: .utf8)
        },
        BadInput("a truncated component restart file", ranks: 3, .beforeRun,
                 ["restart file @RUN@/default.ice.r.\(restartDate).nc: is incomplete"]) { ws in
            try ws.writeNamelist(ws.continuingNamelist.text)
            let file = ws.runFile("default.ice.r.\(restartDate).nc")
            try ws.truncatedCopy(of: file, to: file, bytes: 1_000_000)
        },
        BadInput("a component restart written by another model", ranks: 2, .duringRun,
                 ["atm (model 'slab') failed on world rank", "restart file @RUN@/default.atm.r.\(restartDate).nc: was written by the bucket land, "
                    + "not by the slab atmosphere, which cannot continue from it"]) { ws in
            try ws.writeNamelist(ws.continuingNamelist.text)
            let atm = ws.runFile("default.atm.r.\(restartDate).nc"), lnd = ws.runFile("default.lnd.r.\(restartDate).nc")
            try FileManager.default.removeItem(atPath: atm)
            try FileManager.default.copyItem(atPath: lnd, toPath: atm)
        },

        // Components that fail.
        BadInput("a component that throws during its run on one rank", ranks: 4, .duringRun,
                 ["atm (model 'test') failed on world rank 2 during run at model time 0001-01-01-01800: failing on purpose in run as &test_component_nml asks"]) { ws in
            try ws.writeNamelist(ws.testNamelist.text + "&test_component_nml fail_component = 'atm', fail_phase = 'run', fail_rank = 2, fail_call = 2 /\n")
        },
        BadInput("a component that throws while writing its restart", ranks: 3, .duringRun,
                 ["ocn (model 'test') failed on world rank 1 during restart write at model time \(restartDate): "
                    + "failing on purpose in writeRestart as &test_component_nml asks"]) { ws in
            // The same case name and restart date as the good set: the files being written must not replace it.
            try ws.writeNamelist(ws.testNamelist.text + "&test_component_nml fail_component = 'ocn', fail_phase = 'writeRestart', fail_rank = 1 /\n",
                                 replacing: [("case_name = 'drivertest'", "case_name = 'default'"),
                                             ("stop_option = 'nhours', stop_n = 4", "stop_option = 'nhours', stop_n = 3, restart_option = 'end'")])
        },
    ]
}
