import Foundation
import NetCDF
import Testing
import TestSupport

/// A component kind beyond cpl7's four, on a grid of its own: a river runoff component (the
/// `test` model as `rof`, on a 10° grid) takes the land's runoff (`Fall_rofl`, which the
/// exchange table routes to `rof`) through `lnd2rof_fmapname`, a conservative map made in the
/// test with `ncremap -a nco`. The land (the `test` model on a 7.5° grid) and the atmosphere
/// (`test`, 4 × 8) each have their own grid too. Nothing in the coupler names the river: the
/// table entry and the model are all it takes.
@Suite("A river on its own grid", .serialized)
struct RiverGridTests {
    /// The grids, the map, and three runs of 6 hours: all on 1 rank, on 3 ranks with the river
    /// on a rank of its own, and on 1 rank with coupler history every step. Made once.
    struct Runs: Sendable {
        let root: String
        let map: String

        static let shared: Result<Runs, FixtureError> = make()

        /// The namelist of the runs on `ranks` ranks (1, or 3 with the river on rank 2), with
        /// `maps` as the `&seq_maps` group's body and history at the end or (`everyStep`) every step.
        static func namelist(ranks: Int, maps: String, everyStep: Bool = false) -> String {
            let shared = ranks == 1 ? (1, 0) : (2, 0), river = ranks == 1 ? (1, 0) : (1, 2)
            let pes = ["atm", "lnd", "cpl"].map { "  \($0)_ntasks = \(shared.0), \($0)_rootpe = \(shared.1)" }.joined(separator: "\n")
            return """
                &cime_pes
                \(pes)
                  rof_ntasks = \(river.0), rof_rootpe = \(river.1)
                /
                &seq_timemgr_inparm
                  calendar = 'NO_LEAP', start_ymd = 00010101, start_tod = 0
                  atm_cpl_dt = 1800, lnd_cpl_dt = 1800, rof_cpl_dt = 3600
                  stop_option = 'nhours', stop_n = 6, history_option = \(everyStep ? "'nsteps', history_n = 1" : "'end'")
                /
                &seq_infodata_inparm
                  case_name = 'river', check_nans = .true.
                /
                &components
                  atm = 'test', lnd = 'test', rof = 'test'
                /
                &seq_maps
                \(maps)
                /
                &test_component_nml
                  lnd_nlat = 24, lnd_nlon = 48, lnd_exports = 'Fall_rofl'
                  rof_nlat = 18, rof_nlon = 36, rof_imports = 'Fall_rofl'
                /

                """
        }

        private static func make() -> Result<Runs, FixtureError> {
            let root = FileManager.default.temporaryDirectory.appendingPathComponent("coupled-driver-river-\(UUID().uuidString)").path
            try? FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
            // The test model's grids: uniform in latitude, the first cell's west edge at Greenwich.
            let map = root + "/map_lnd_7.5deg_to_rof_10deg_aave.nc"
            for command in [["-G", "ttl=land 7.5 degree#latlon=24,48#lat_typ=uni#lon_typ=grn_wst", "-g", root + "/grid_lnd.nc"],
                            ["-G", "ttl=river 10 degree#latlon=18,36#lat_typ=uni#lon_typ=grn_wst", "-g", root + "/grid_rof.nc"],
                            ["-a", "nco", "-s", root + "/grid_lnd.nc", "-g", root + "/grid_rof.nc", "-m", map]] {
                let made = Job.run("/usr/bin/env", ["ncremap"] + command, timeout: 300)
                guard made.exitCode == 0 else { return .failure(FixtureError("ncremap \(command) failed: \(made.output)")) }
            }
            for (ranks, everyStep, rundir) in [(1, false, "run1"), (3, false, "run3"), (1, true, "steps")] {
                let path = root + "/\(rundir).nml"
                try? namelist(ranks: ranks, maps: "  lnd2rof_fmapname = '\(map)'", everyStep: everyStep)
                    .write(toFile: path, atomically: true, encoding: .utf8)
                let result = Job.mpirun(ranks: ranks, "coupled-driver", ["run", path, "--rundir", root + "/" + rundir], timeout: 600)
                guard result.exitCode == 0, !result.timedOut else {
                    return .failure(FixtureError("the \(ranks)-rank run failed: \(result.output)"))
                }
            }
            return .success(Runs(root: root, map: map))
        }
    }

    private static let history = "river.cpl.hi.0001-01-01-21600.nc"

    @Test("the river keeps its own grid in the coupler, and every file is the same on 1 and 3 ranks")
    func layoutInvariant() throws {
        let runs = try Runs.shared.get()
        let log = try String(contentsOfFile: runs.root + "/run3/cpl.log", encoding: .utf8)
        #expect(log.contains("lnd -> rof maps: fluxes \(runs.map), states (none)"), "\(log)")
        let file = try Dataset(openingAt: runs.root + "/run3/" + Self.history)
        for name in ["rof_lat", "r2x_Forr_rofl", "x2r_Fall_rofl", "l2x_r_Fall_rofl", "lnd_lat", "l2x_Fall_rofl"] {
            #expect(try file.variable(named: name) != nil, "no \(name) in the coupler history")
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: runs.root + "/run1").filter { $0.hasSuffix(".nc") }.sorted()
        #expect(files.contains(Self.history) && files.contains { $0.contains(".rof.h.") })
        for name in files {
            #expect(FileManager.default.contentsEqual(atPath: runs.root + "/run1/" + name, andPath: runs.root + "/run3/" + name), "\(name) differs")
        }
    }

    @Test("the land's runoff reaches the river's grid conserved to round-off, and is what the river receives")
    func conserves() throws {
        let runs = try Runs.shared.get()
        let file = try Dataset(openingAt: runs.root + "/run3/" + Self.history)
        func field(_ name: String) throws -> [Double] { try file.read(try file.requireVariable(name)) }
        let map = try Dataset(openingAt: runs.map)
        let landArea: [Double] = try map.read(try map.requireVariable("area_a"))
        let riverArea: [Double] = try map.read(try map.requireVariable("area_b"))
        let onLand = zip(try field("l2x_Fall_rofl"), landArea).map { $0 * $1 }.reduce(0, +)
        let onRiver = zip(try field("l2x_r_Fall_rofl"), riverArea).map { $0 * $1 }.reduce(0, +)
        #expect(onLand > 0 && abs(onRiver - onLand) <= 1e-12 * onLand, "land \(onLand), river grid \(onRiver)")
        // The river's coupling interval is two land steps: what it was sent last is the land's
        // runoff of an earlier step, mapped alike; it differs from the last one.
        let sent = try field("x2r_Fall_rofl"), latest = try field("l2x_r_Fall_rofl")
        let sentTotal = zip(sent, riverArea).map { $0 * $1 }.reduce(0, +)
        #expect(sentTotal > 0 && sent != latest, "sent \(sentTotal)")
    }

    @Test("the river receives the mean of the land's runoff over its interval (two land steps): none is lost")
    func averagedOverTheInterval() throws {
        let runs = try Runs.shared.get()
        func field(_ name: String, at seconds: Int) throws -> [Double] {
            let file = try Dataset(openingAt: runs.root + "/steps/river.cpl.hi.0001-01-01-\(String(format: "%05d", seconds)).nc")
            return try file.read(try file.requireVariable(name))
        }
        // Sent at 5 h (the last river interval's start): the runoff the land sent in the two
        // steps before, the ones ending at 4.5 h and at 5 h.
        let sent = try field("x2r_Fall_rofl", at: 21_600)
        let first = try field("l2x_r_Fall_rofl", at: 16_200), second = try field("l2x_r_Fall_rofl", at: 18_000)
        let mean = zip(first, second).map { ($0 + $1) * 0.5 }
        #expect(first != second, "the land's runoff should change from step to step")
        #expect(sent == mean, "largest difference \(zip(sent, mean).map { abs($0 - $1) }.max() ?? 0)")
        // The same as the run with history only at the end.
        let end = try Dataset(openingAt: runs.root + "/run1/" + Self.history)
        #expect(try end.read(try end.requireVariable("x2r_Fall_rofl")) as [Double] == sent)
    }

    @Test("without lnd2rof_fmapname the run stops at start-up, naming the key")
    func missingMap() throws {
        let folder = TemporaryDirectory("river-nomap")
        let path = folder.write("river.nml", Runs.namelist(ranks: 1, maps: ""))
        let result = Job.mpirun(ranks: 1, "coupled-driver", ["run", path, "--rundir", folder.path + "/run"])
        #expect(result.exitCode != 0)
        #expect(result.standardError.contains("&seq_maps: lnd2rof_fmapname is needed (land fluxes go to the river runoff grid) but not set"),
                "\(result.output)")
    }
}
