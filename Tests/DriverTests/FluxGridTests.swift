import Foundation
import NetCDF
import Testing
import TestSupport

/// `aoflux_grid`: the atmosphere–ocean fluxes computed on the ocean grid, the atmosphere grid
/// and the exchange grid, in the default configuration.
@Suite("Flux grids: ocean, atmosphere, exchange", .serialized)
struct FluxGridTests {
    /// Six hours of `namelists/default.nml` with budgets every step and history at the end, for
    /// each flux grid on the namelist's 4 ranks, and for 'atm' and 'exch' on 1 rank too. Made once.
    struct Runs: Sendable {
        /// The run directory of each flux grid on 4 ranks, and of 'atm' and 'exch' on 1.
        let fourRanks: [String: String]
        let oneRank: [String: String]

        static let grids = ["ocn", "atm", "exch"]
        static let shared: Result<Runs, FixtureError> = make()

        static func namelist(grid: String) -> ConfigurationNamelist {
            var namelist = ConfigurationNamelist("default")
            namelist.set("stop_option", "'nhours'", in: "seq_timemgr_inparm")
            namelist.set("stop_n", "6", in: "seq_timemgr_inparm")
            namelist.set("history_option", "'end'", in: "seq_timemgr_inparm")
            namelist.set("budget_inst", "1", in: "seq_infodata_inparm")
            namelist.set("aoflux_grid", "'\(grid)'", in: "seq_infodata_inparm")
            return namelist
        }

        private static func make() -> Result<Runs, FixtureError> {
            let root = FileManager.default.temporaryDirectory.appendingPathComponent("coupled-driver-fluxgrid-\(UUID().uuidString)").path
            try? FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
            var four = [String: String](), one = [String: String]()
            for grid in grids {
                var namelist = namelist(grid: grid)
                var runs = [("\(grid)-4", namelist.text, 4)]
                if grid != "ocn" {
                    namelist.allOn(ranks: 1)
                    runs.append(("\(grid)-1", namelist.text, 1))
                }
                for (name, text, ranks) in runs {
                    let path = root + "/\(name).nml"
                    try? text.write(toFile: path, atomically: true, encoding: .utf8)
                    let result = Job.mpirun(ranks: ranks, "coupled-driver", ["run", path, "--rundir", root + "/" + name,
                                                                             "--paths-from", Repository.path("namelists")], timeout: 600)
                    guard result.exitCode == 0, !result.timedOut else { return .failure(FixtureError("the run \(name) failed: \(result.output)")) }
                    if ranks == 4 { four[grid] = root + "/" + name } else { one[grid] = root + "/" + name }
                }
            }
            return .success(Runs(fourRanks: four, oneRank: one))
        }
    }

    private static let history = "default.cpl.hi.0001-01-01-21600.nc"

    @Test("'atm' and 'exch' give the same bytes on 1 and 4 ranks")
    func layoutInvariant() throws {
        let runs = try Runs.shared.get()
        for grid in ["atm", "exch"] {
            let (one, four) = (runs.oneRank[grid]!, runs.fourRanks[grid]!)
            let files = try FileManager.default.contentsOfDirectory(atPath: one).filter { $0.contains(".h") && $0.hasSuffix(".nc") }.sorted()
            #expect(files.contains(Self.history) && files.contains { $0.contains(".ocn.h.") }, "\(grid): \(files)")
            for name in files {
                #expect(FileManager.default.contentsEqual(atPath: one + "/" + name, andPath: four + "/" + name), "\(grid): \(name) differs")
            }
        }
    }

    @Test("on every flux grid what the atmosphere gains of each flux the surfaces lose, every step, to round-off")
    func conserves() throws {
        let runs = try Runs.shared.get()
        for grid in Runs.grids {
            let log = try String(contentsOfFile: runs.fourRanks[grid]! + "/cpl.log", encoding: .utf8)
            #expect(log.contains("aoflux_grid = '\(grid)'"), "\(grid): the log does not say where the fluxes are computed")
            let imbalances = log.components(separatedBy: "\n").filter { $0.hasPrefix("largest imbalance") }
                .compactMap { Double($0.components(separatedBy: ": ").last!.components(separatedBy: " ").first!) }
            print("flux grid \(grid): largest transfer imbalance of the 12 steps \(imbalances.max() ?? .nan)")
            #expect(imbalances.count == 12 && imbalances.allSatisfy { $0 <= 1e-13 }, "\(grid): imbalances \(imbalances)")
        }
    }

    @Test("the three grids compute different fluxes, within a few per cent of each other over the ocean")
    func gridsDiffer() throws {
        let runs = try Runs.shared.get()
        let map = try Dataset(openingAt: Repository.path("mapping-weights/map_ocn_1deg_to_atm_T62_aave.nc"))
        let area: [Double] = try map.read(try map.requireVariable("area_a"))
        var totals = [String: [String: Double]]()
        for grid in Runs.grids {
            let file = try Dataset(openingAt: runs.fourRanks[grid]! + "/" + Self.history)
            let open: [Double] = try file.read(try file.requireVariable("fractions_o_ofrac"))
            for flux in ["Faox_lat", "Faox_sen", "Faox_lwup", "Faox_taux"] {
                let values: [Double] = try file.read(try file.requireVariable("xao_\(flux)"))
                totals[flux, default: [:]][grid] = values.indices.reduce(0) { $0 + values[$1] * open[$1] * area[$1] }
            }
        }
        for (flux, byGrid) in totals.sorted(by: { $0.key < $1.key }) {
            let ocean = byGrid["ocn"]!
            print("\(flux) over the open ocean: " + Runs.grids.map { "\($0) \(byGrid[$0]!)" }.joined(separator: ", "))
            for grid in ["atm", "exch"] {
                let other = byGrid[grid]!
                #expect(other != ocean, "\(flux): '\(grid)' gives the same total as 'ocn'")
                #expect(abs(other - ocean) <= 0.05 * abs(ocean), "\(flux): '\(grid)' \(other) against 'ocn' \(ocean)")
            }
        }
    }

    @Test("'atm' and 'exch' runs restarted half-way give the same bytes (ERS)", arguments: ["atm", "exch"])
    func restartsExactly(grid: String) {
        var namelist = Runs.namelist(grid: grid)
        namelist.set("history_option", "'ndays'", in: "seq_timemgr_inparm")
        namelist.set("history_n", "1", in: "seq_timemgr_inparm")
        namelist.set("budget_inst", "0", in: "seq_infodata_inparm")
        let output = TemporaryDirectory("fluxgrid-ers-\(grid)")
        let path = output.write("\(grid).nml", namelist.text)
        let result = Job.run(Job.product("coupled-driver"), ["test-suite", path, "--output", output.path + "/suite", "--ranks", "4", "--days", "2",
                                                             "--tests", "ERS"], timeout: 600)
        #expect(result.exitCode == 0 && !result.timedOut && result.standardOutput.contains("1 of 1 system tests passed."), "\(result.output)")
    }
}
