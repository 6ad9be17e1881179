import Foundation
import NetCDF
import Testing
import TestSupport

/// The land on a grid of its own: the default configuration with the bucket land on the 1°
/// grid (the cells the ocean mask leaves) and the atmosphere on T62, with the grids and maps
/// made in the test by `mapping-weights/make-weights.sh` (`ncremap -a nco`, `cdo genbil`).
@Suite("Land on its own grid", .serialized)
struct LandGridTests {
    /// The grids and maps, and two runs of 6 hours with budgets every step: all on 1 rank, and
    /// the default namelist's own layout on 4 ranks (concurrent ocean). Made once.
    struct Runs: Sendable {
        let weights: String
        let oneRank: String
        let fourRanks: String
        let output: String

        static let shared: Result<Runs, FixtureError> = make()

        private static func make() -> Result<Runs, FixtureError> {
            let root = FileManager.default.temporaryDirectory.appendingPathComponent("coupled-driver-landgrid-\(UUID().uuidString)").path
            let weights = root + "/weights"
            let made = Job.run("/bin/bash", [Repository.path("mapping-weights/make-weights.sh"), "T62", "1deg", weights], timeout: 300)
            guard made.exitCode == 0 else { return .failure(FixtureError("make-weights.sh failed: \(made.output)")) }
            var namelist = ConfigurationNamelist("default")
            namelist.set("stop_option", "'nhours'", in: "seq_timemgr_inparm")
            namelist.set("stop_n", "6", in: "seq_timemgr_inparm")
            namelist.set("history_option", "'end'", in: "seq_timemgr_inparm")
            namelist.set("budget_inst", "1", in: "seq_infodata_inparm")
            namelist.set("grid_file", "'\(weights)/grid_1deg_land.nc'", in: "bucket_lnd_nml")
            // No river: the committed lnd2rof map starts from the T62 grid, not this land's.
            namelist.set("rof", "'stub'", in: "components")
            for (key, file) in [("atm2ocn_fmapname", "map_atm_T62_to_ocn_1deg_aave"), ("atm2ocn_smapname", "map_atm_T62_to_ocn_1deg_blin"),
                                ("ocn2atm_fmapname", "map_ocn_1deg_to_atm_T62_aave"), ("ocn2atm_smapname", "map_ocn_1deg_to_atm_T62_aave"),
                                ("atm2lnd_fmapname", "map_atm_T62_to_lnd_1deg_aave"), ("atm2lnd_smapname", "map_atm_T62_to_lnd_1deg_blin"),
                                ("lnd2atm_fmapname", "map_lnd_1deg_to_atm_T62_aave"), ("lnd2atm_smapname", "map_lnd_1deg_to_atm_T62_aave")] {
                namelist.set(key, "'\(weights)/\(file).nc'", in: "seq_maps")
            }
            let fourRanks = namelist.text
            namelist.allOn(ranks: 1)
            var output = ""
            for (name, text, ranks) in [("one", namelist.text, 1), ("four", fourRanks, 4)] {
                let path = root + "/\(name).nml"
                try? text.write(toFile: path, atomically: true, encoding: .utf8)
                let result = Job.mpirun(ranks: ranks, "coupled-driver", ["run", path, "--rundir", root + "/" + name,
                                                                         "--paths-from", Repository.path("namelists")], timeout: 600)
                output += result.output
                guard result.exitCode == 0, !result.timedOut else { return .failure(FixtureError("the \(name)-rank run failed: \(result.output)")) }
            }
            return .success(Runs(weights: weights, oneRank: root + "/one", fourRanks: root + "/four", output: output))
        }
    }

    private static let history = "default.cpl.hi.0001-01-01-21600.nc"

    @Test("the coupler keeps the land's grid beside the atmosphere's, and gives the same bytes on 1 and 4 ranks")
    func layoutInvariant() throws {
        let runs = try Runs.shared.get()
        let log = try String(contentsOfFile: runs.fourRanks + "/cpl.log", encoding: .utf8)
        #expect(log.contains("atm -> lnd maps: fluxes \(runs.weights)/map_atm_T62_to_lnd_1deg_aave.nc"))
        #expect(log.contains("lnd -> atm maps: fluxes \(runs.weights)/map_lnd_1deg_to_atm_T62_aave.nc"))
        let file = try Dataset(openingAt: runs.fourRanks + "/" + Self.history)
        for name in ["lnd_lat", "l2x_Fall_sen", "x2l_Sa_tbot", "a2x_l_Faxa_lwdn", "fractions_l_lfrac", "l2x_a_Fall_sen"] {
            #expect(try file.variable(named: name) != nil, "no \(name) in the coupler history")
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: runs.oneRank).filter { $0.contains(".h") && $0.hasSuffix(".nc") }.sorted()
        #expect(files.contains(Self.history) && files.contains { $0.contains(".lnd.h.") })
        for name in files {
            #expect(FileManager.default.contentsEqual(atPath: runs.oneRank + "/" + name, andPath: runs.fourRanks + "/" + name), "\(name) differs")
        }
    }

    @Test("the land's fluxes reach the atmosphere grid, and the atmosphere's reach the land, conserved to round-off")
    func conserves() throws {
        let runs = try Runs.shared.get()
        let file = try Dataset(openingAt: runs.fourRanks + "/" + Self.history)
        func field(_ name: String) throws -> [Double] { try file.read(try file.requireVariable(name)) }
        let map = try Dataset(openingAt: runs.weights + "/map_lnd_1deg_to_atm_T62_aave.nc")
        let landArea: [Double] = try map.read(try map.requireVariable("area_a"))
        let atmosphereArea: [Double] = try map.read(try map.requireVariable("area_b"))
        let landFraction = try field("fractions_l_lfrac"), atmosphereLand = try field("fractions_a_lfrac")
        #expect(landFraction.contains(1) && landFraction.contains(0))
        func total(_ values: [Double], _ fraction: [Double], _ area: [Double]) -> Double {
            (0 ..< values.count).map { values[$0] * fraction[$0] * area[$0] }.reduce(0, +)
        }
        // Upward: what the land sent, over the land, equals what the atmosphere's merge takes.
        for flux in ["Fall_sen", "Fall_lat", "Fall_lwup", "Fall_evap", "Fall_taux"] {
            let onLand = total(try field("l2x_\(flux)"), landFraction, landArea)
            let onAtmosphere = total(try field("l2x_a_\(flux)"), atmosphereLand, atmosphereArea)
            #expect(onLand != 0 && abs(onAtmosphere - onLand) <= 1e-12 * abs(onLand), "\(flux): land \(onLand), atmosphere \(onAtmosphere)")
        }
        // Downward: what the atmosphere sends over land equals what the land receives.
        for flux in ["Faxa_lwdn", "Faxa_swndr", "Faxa_rainl"] {
            let onAtmosphere = total(try field("a2x_\(flux)"), atmosphereLand, atmosphereArea)
            let onLand = total(try field("a2x_l_\(flux)"), landFraction, landArea)
            #expect(onAtmosphere != 0 && abs(onLand - onAtmosphere) <= 1e-12 * abs(onAtmosphere), "\(flux): atmosphere \(onAtmosphere), land \(onLand)")
        }
        // The coupler's budgets close every step.
        let log = try String(contentsOfFile: runs.fourRanks + "/cpl.log", encoding: .utf8)
        let imbalances = log.components(separatedBy: "\n").filter { $0.hasPrefix("largest imbalance") }
            .compactMap { Double($0.components(separatedBy: ": ").last!.components(separatedBy: " ").first!) }
        #expect(imbalances.count == 12 && imbalances.allSatisfy { $0 <= 1e-13 }, "imbalances: \(imbalances)")
    }

    @Test("a run restarted half-way gives the same bytes (ERS)")
    func restartsExactly() throws {
        let runs = try Runs.shared.get()
        let folder = TemporaryDirectory("landgrid-ers")
        var text = try String(contentsOfFile: runs.fourRanks + "/../four.nml", encoding: .utf8)
        text = text.replacingOccurrences(of: "history_option = 'end'", with: "history_option = 'ndays'")
        // Beside links to the repository's folders, so the namelist's relative paths hold.
        let path = folder.write("namelists/land.nml", text)
        for name in ["mapping-weights", "forcing"] {
            try FileManager.default.createSymbolicLink(atPath: folder.path + "/" + name, withDestinationPath: Repository.path(name))
        }
        let result = Job.run(Job.product("coupled-driver"), ["test-suite", path, "--output", folder.path + "/suite", "--ranks", "4", "--days", "2",
                                                             "--tests", "ERS"], timeout: 600)
        #expect(result.exitCode == 0 && result.standardOutput.contains("1 of 1 system tests passed."), "\(result.output)")
    }

    @Test("'idmap' between the land's own grid and the atmosphere's is refused at start-up, naming both grids")
    func identityRefused() throws {
        let runs = try Runs.shared.get()
        var text = try String(contentsOfFile: runs.oneRank + "/../one.nml", encoding: .utf8)
        text = text.replacingOccurrences(of: "'\(runs.weights)/map_lnd_1deg_to_atm_T62_aave.nc'", with: "'idmap'")
        let folder = TemporaryDirectory("landgrid-idmap")
        let path = folder.write("idmap.nml", text)
        let result = Job.mpirun(ranks: 1, "coupled-driver", ["run", path, "--rundir", folder.path, "--paths-from", Repository.path("namelists")])
        #expect(result.exitCode != 0)
        #expect(result.standardError.contains("&seq_maps: lnd2atm_fmapname = 'idmap', but the land grid"), "\(result.output)")
        #expect(result.standardError.contains("and the atmosphere grid"), "\(result.output)")
    }
}
