import Foundation
import NetCDF
import Testing
import TestSupport

/// `namelists/default.nml`: the default configuration, with its built-in river (`rof =
/// 'reservoir'`) on its 1° grid of real topography. One day on 1 rank, the same on 3 ranks with
/// the river on a rank of its own, and two half days on 2 ranks with a restart between: every
/// file the three write at the end is the same bytes, and the land's water reaches the ocean.
@Suite("The river in the coupled system", .serialized)
struct RiverRunTests {
    /// The three runs, made once.
    struct Runs: Sendable {
        let root: String

        static let shared: Result<Runs, FixtureError> = make()

        /// `default.nml` on `ranks` ranks (the river alone on the last of 3), `hours` long, with
        /// daily budgets and history and restart files at the end.
        static func namelist(ranks: Int, hours: Int, continuing: Bool = false) -> ConfigurationNamelist {
            var namelist = ConfigurationNamelist("default")
            if ranks == 3 {
                namelist.layout(["atm": (2, 1, 0, 1), "lnd": (3, 1, 0, 1), "rof": (1, 1, 2, 1), "ice": (3, 1, 0, 1),
                                 "ocn": (1, 1, 2, 1), "cpl": (2, 1, 1, 1)])
            } else {
                namelist.layout(Dictionary(uniqueKeysWithValues: ["atm", "lnd", "rof", "ice", "ocn", "cpl"].map { ($0, (ranks, 1, 0, 1)) }))
            }
            namelist.set("stop_option", "'nhours'", in: "seq_timemgr_inparm")
            namelist.set("stop_n", "\(hours)", in: "seq_timemgr_inparm")
            namelist.set("history_option", "'end'", in: "seq_timemgr_inparm")
            namelist.set("restart_option", "'end'", in: "seq_timemgr_inparm")
            namelist.set("budget_daily", "1", in: "seq_infodata_inparm")
            if continuing { namelist.set("start_type", "'continue'", in: "seq_infodata_inparm") }
            return namelist
        }

        private static func make() -> Result<Runs, FixtureError> {
            let root = FileManager.default.temporaryDirectory.appendingPathComponent("coupled-driver-riverrun-\(UUID().uuidString)").path
            try? FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
            for (name, ranks, hours, continuing, rundir) in [("one", 1, 24, false, "one"), ("three", 3, 24, false, "three"),
                                                             ("first", 2, 12, false, "restarted"), ("second", 2, 12, true, "restarted")] {
                let path = root + "/\(name).nml"
                try? namelist(ranks: ranks, hours: hours, continuing: continuing).text.write(toFile: path, atomically: true, encoding: .utf8)
                let result = Job.mpirun(ranks: ranks, "coupled-driver", ["run", path, "--rundir", root + "/" + rundir], timeout: 300)
                guard result.exitCode == 0, !result.timedOut else {
                    return .failure(FixtureError("the run \(name) on \(ranks) ranks failed: \(result.output)"))
                }
            }
            return .success(Runs(root: root))
        }
    }

    private static let end = "0001-01-02-00000"

    @Test("every history and restart file at the end is the same bytes on 1 rank, on 3 and after a restart on 2")
    func sameBytes() throws {
        let runs = try Runs.shared.get()
        let files = try FileManager.default.contentsOfDirectory(atPath: runs.root + "/one")
            .filter { $0.hasSuffix("\(Self.end).nc") }.sorted()
        #expect(files.contains("default.rof.r.\(Self.end).nc") && files.contains("default.rof.h.\(Self.end).nc") && files.count == 12, "\(files)")
        for other in ["three", "restarted"] {
            for name in files {
                #expect(FileManager.default.contentsEqual(atPath: runs.root + "/one/" + name, andPath: runs.root + "/\(other)/" + name),
                        "\(name) differs between 1 rank and \(other)")
            }
        }
    }

    @Test("the ocean receives the rivers' water: what leaves the river grid arrives on the ocean grid, to round-off")
    func oceanReceivesRivers() throws {
        let runs = try Runs.shared.get()
        let history = try Dataset(openingAt: runs.root + "/one/default.cpl.hi.\(Self.end).nc")
        func field(_ name: String) throws -> [Double] { try history.read(try history.requireVariable(name)) }
        let rivers = try Dataset(openingAt: Repository.path("mapping-weights/map_rof_1deg_to_ocn_1deg_nn.nc"))
        let riverArea: [Double] = try rivers.read(try rivers.requireVariable("area_a"))
        let oceanArea: [Double] = try rivers.read(try rivers.requireVariable("area_b"))
        let leaving = zip(try field("r2x_Forr_rofl"), riverArea).map { $0 * $1 }.reduce(0, +)
        let arriving = zip(try field("r2x_o_Forr_rofl"), oceanArea).map { $0 * $1 }.reduce(0, +)
        #expect(leaving > 0 && abs(arriving - leaving) <= 1e-12 * leaving, "leaving \(leaving), arriving \(arriving)")
        #expect(try field("x2o_Forr_rofl").contains { $0 > 0 }, "the ocean's forcing has no river water")
    }

    @Test("the coupler's budget: the land's runoff is the river's gain and the river's discharge the ocean's, to round-off")
    func budget() throws {
        let runs = try Runs.shared.get()
        let log = try String(contentsOfFile: runs.root + "/one/cpl.log", encoding: .utf8)
        var rows = [String: [Double]]()
        for line in log.split(separator: "\n") {
            let words = line.split(separator: " ")
            guard let name = words.first, ["runoff", "river"].contains(String(name)), words.count == 7 else { continue }
            rows[String(name)] = words.dropFirst().compactMap { Double($0) }
        }
        // Columns: atm, lnd, rof, ice, ocn, *SUM*.
        let runoff = try #require(rows["runoff"], "no runoff row in:\n\(log)"), river = try #require(rows["river"])
        print("river budget, 1e-6 kg m-2 s-1: runoff lnd \(runoff[1]) rof \(runoff[2]); river rof \(river[2]) ocn \(river[4])")
        #expect(runoff[1] < 0 && abs(runoff[1] + runoff[2]) <= 1e-12 * abs(runoff[1]))
        #expect(river[2] < 0 && abs(river[2] + river[4]) <= 1e-12 * abs(river[2]))
    }

    @Test("the river's log closes its water: runoff in − discharge out = water held, to round-off")
    func riverLog() throws {
        let runs = try Runs.shared.get()
        let log = try String(contentsOfFile: runs.root + "/one/rof.log", encoding: .utf8)
        let line = try #require(log.split(separator: "\n").first { $0.contains("over the run: runoff in") }, "\(log)")
        let numbers = line.split(separator: " ").compactMap { Double($0) }
        #expect(numbers.count == 3, "\(line)")
        let (runoffIn, dischargeOut, held) = (numbers[0], numbers[1], numbers[2])
        #expect(runoffIn > 0 && dischargeOut > 0 && abs(runoffIn - dischargeOut - held) <= 1e-12 * runoffIn, "\(line)")
    }

    @Test("a river grid without topography stops the run at start-up, naming the file and how to make one")
    func gridWithoutTopography() throws {
        let folder = TemporaryDirectory("river-notopo")
        var namelist = Runs.namelist(ranks: 1, hours: 1)
        namelist.set("grid_file", "'\(Repository.path("mapping-weights/grid_1deg_ocean.nc"))'", in: "reservoir_rof_nml")
        let path = folder.write("river.nml", namelist.text)
        let result = Job.mpirun(ranks: 1, "coupled-driver", ["run", path, "--rundir", folder.path + "/run"])
        #expect(result.exitCode != 0 && !result.timedOut)
        #expect(result.standardError.contains("grid_1deg_ocean.nc: the river grid needs the surface elevation 'topo' (m, one value per cell): "
            + "make the grid with mapping-weights/make-river.sh"), "\(result.output)")
    }
}
