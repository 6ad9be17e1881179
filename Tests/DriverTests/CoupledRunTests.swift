import Foundation
import NetCDF
import Testing
import TestSupport

/// The default coupled configuration on real grids: the same bytes on any layout, conservation,
/// fractions and physical sanity.
@Suite("Coupled runs of the default configuration", .serialized)
struct CoupledRunTests {
    /// Runs `namelist` on `ranks` ranks in a fresh run directory; returns it.
    private func run(_ namelist: ConfigurationNamelist, ranks: Int, name: String, timeout: Double = 600) throws -> TemporaryDirectory {
        let dir = TemporaryDirectory(name)
        let path = dir.write("test.nml", namelist.text)
        let result = Job.mpirun(ranks: ranks, "coupled-driver", [path, "--rundir", dir.path], timeout: timeout)
        #expect(result.exitCode == 0 && !result.timedOut, "\(name) on \(ranks) ranks failed: \(result.output)")
        try #require(dir.read("cpl.log")?.contains("SUCCESSFUL TERMINATION") == true, "\(dir.read("cpl.log") ?? "no cpl.log")")
        return dir
    }

    private func twoDays() -> ConfigurationNamelist {
        var n = ConfigurationNamelist("default")
        n.set("stop_n", "2", in: "seq_timemgr_inparm")
        n.set("history_n", "1", in: "seq_timemgr_inparm")
        return n
    }

    @Test("2 days give the same coupler history bytes on 1-4 ranks, sequential and concurrent, 1 and 2 threads")
    func layoutInvariance() throws {
        let files = ["default.cpl.hi.0001-01-02-00000.nc", "default.cpl.hi.0001-01-03-00000.nc"]
        var reference = twoDays()
        reference.allOn(ranks: 1)
        let first = try run(reference, ranks: 1, name: "layout-1")
        let layouts: [(String, Int, [String: (Int, Int, Int, Int)])] = [
            ("2 ranks sequential", 2, ["atm": (2, 1, 0, 1), "lnd": (2, 1, 0, 1), "ice": (2, 1, 0, 1), "ocn": (2, 1, 0, 1), "cpl": (2, 1, 0, 1)]),
            ("3 ranks mixed", 3, ["atm": (3, 1, 0, 1), "lnd": (2, 1, 0, 1), "ice": (2, 1, 1, 1), "ocn": (1, 1, 2, 1), "cpl": (2, 1, 0, 2)]),
            ("4 ranks default", 4, ["atm": (4, 1, 0, 1), "lnd": (4, 1, 0, 1), "ice": (4, 1, 0, 1), "ocn": (2, 1, 2, 1), "cpl": (4, 1, 0, 1)]),
            ("4 ranks, concurrent ocean", 4, ["atm": (3, 1, 0, 1), "lnd": (3, 1, 0, 1), "ice": (3, 1, 0, 1), "ocn": (1, 1, 3, 1), "cpl": (3, 1, 0, 1)]),
            ("2 ranks x 2 threads", 2, ["atm": (2, 2, 0, 1), "lnd": (2, 2, 0, 1), "ice": (2, 2, 0, 1), "ocn": (2, 2, 0, 1), "cpl": (2, 2, 0, 1)]),
        ]
        for (name, ranks, pes) in layouts {
            var namelist = twoDays()
            namelist.layout(pes)
            let dir = try run(namelist, ranks: ranks, name: "layout-\(ranks)")
            for file in files {
                let comparison = Job.run(Job.product("coupled-driver"), ["compare", first.path + "/" + file, dir.path + "/" + file])
                #expect(comparison.exitCode == 0, "\(name): \(file) differs:\n\(comparison.standardOutput)")
                #expect(FileManager.default.contents(atPath: first.path + "/" + file) == FileManager.default.contents(atPath: dir.path + "/" + file),
                        "\(name): \(file) is not the same bytes")
            }
        }
    }

    @Test("the coupler's transfers are conserved to round-off every step, and fractions sum to one")
    func conservationAndFractions() throws {
        var namelist = ConfigurationNamelist("default")
        namelist.set("stop_option", "'nhours'", in: "seq_timemgr_inparm")
        namelist.set("stop_n", "6", in: "seq_timemgr_inparm")
        namelist.set("history_option", "'nhours'", in: "seq_timemgr_inparm")
        namelist.set("history_n", "6", in: "seq_timemgr_inparm")
        namelist.set("budget_inst", "1", in: "seq_infodata_inparm")
        namelist.allOn(ranks: 2)
        let dir = try run(namelist, ranks: 2, name: "conservation")
        let log = try #require(dir.read("cpl.log"))
        let imbalances = log.components(separatedBy: "\n").filter { $0.hasPrefix("largest imbalance") }
            .compactMap { Double($0.components(separatedBy: ": ").last!.components(separatedBy: " ").first!) }
        #expect(imbalances.count == 12, "one budget per step")
        #expect(imbalances.allSatisfy { $0 <= 1e-13 }, "imbalances: \(imbalances)")

        let history = try Dataset(openingAt: dir.path + "/default.cpl.hi.0001-01-01-21600.nc")
        func field(_ name: String) throws -> [Double] { try history.read(try history.requireVariable(name)) }
        let lfrac = try field("fractions_a_lfrac"), ifrac = try field("fractions_a_ifrac"), ofrac = try field("fractions_a_ofrac")
        let worst = (0 ..< lfrac.count).map { abs(lfrac[$0] + ifrac[$0] + ofrac[$0] - 1) }.max()!
        #expect(worst <= 1e-12, "lfrac + ifrac + ofrac deviates from 1 by \(worst)")
        #expect(lfrac.contains { $0 > 0.99 } && ofrac.contains { $0 > 0.99 } && ifrac.contains { $0 > 0.5 })
        let lfrin = try field("fractions_a_lfrin")
        #expect(zip(lfrac, lfrin).allSatisfy { $0 == $1 })
        let mask = try field("ocn_mask"), ifracO = try field("fractions_o_ifrac"), ofracO = try field("fractions_o_ofrac")
        #expect((0 ..< mask.count).allSatisfy { abs(ifracO[$0] + ofracO[$0] - mask[$0]) <= 1e-15 })
    }

    @Test("30 days stay physically sane: global mean surface temperature, sea ice at both poles, no NaN")
    func physicalSanity() throws {
        var namelist = ConfigurationNamelist("default")
        namelist.set("stop_n", "30", in: "seq_timemgr_inparm")
        namelist.set("history_n", "30", in: "seq_timemgr_inparm")
        let dir = try run(namelist, ranks: 4, name: "sanity", timeout: 1200)
        let history = try Dataset(openingAt: dir.path + "/default.cpl.hi.0001-01-31-00000.nc")
        func field(_ name: String) throws -> [Double] { try history.read(try history.requireVariable(name)) }
        // Global mean surface temperature: observed about 288 K; a slab model 30 days from a
        // climatological start should stay within 270-300 K.
        let area = try field("atm_area"), surface = try field("x2a_Sx_t")
        let mean = zip(area, surface).map { $0 * $1 }.reduce(0, +) / area.reduce(0, +)
        #expect(mean > 270 && mean < 300, "global mean surface temperature \(mean) K")
        // Sea ice in both hemispheres (January: northern winter; the Antarctic keeps ice too).
        let oceanArea = try field("ocn_area"), latitude = try field("ocn_lat"), concentration = try field("i2x_Si_ifrac")
        let north = (0 ..< oceanArea.count).filter { latitude[$0] > 0 }.map { oceanArea[$0] * concentration[$0] }.reduce(0, +)
        let south = (0 ..< oceanArea.count).filter { latitude[$0] < 0 }.map { oceanArea[$0] * concentration[$0] }.reduce(0, +)
        let km2 = 6.371e3 * 6.371e3 / 1e6  // steradians to million km²
        #expect(north * km2 > 1 && south * km2 > 0.1, "sea-ice area: north \(north * km2), south \(south * km2) million km²")
        for variable in try history.variables() where variable.type == .double {
            let values: [Double] = try history.read(variable)
            let finite = values.allSatisfy { $0.isFinite }
            #expect(finite, "\(variable.name) has a non-finite value")
        }
    }

    @Test("the data-ocean and all-data configurations run, and their history opens in xarray", arguments: ["data-ocean", "all-data"])
    func dataConfigurations(name: String) throws {
        var namelist = ConfigurationNamelist(name)
        namelist.allOn(ranks: 2)
        namelist.set("stop_n", "1", in: "seq_timemgr_inparm")
        namelist.set("history_option", "'ndays'", in: "seq_timemgr_inparm")
        namelist.set("history_n", "1", in: "seq_timemgr_inparm")
        let dir = try run(namelist, ranks: 2, name: name)
        let caseName = name == "data-ocean" ? "dataocean" : "alldata"
        let file = dir.path + "/\(caseName).cpl.hi.0001-01-02-00000.nc"
        let script = """
        import sys, xarray
        ds = xarray.open_dataset(sys.argv[1])
        sst = ds["o2x_So_t"]
        assert sst.dims == ("time", "ocn_nj", "ocn_ni"), sst.dims
        assert "ocn_lat" in sst.coords and "ocn_lon" in sst.coords, list(sst.coords)
        assert str(ds.time.values[0]) == "0001-01-02 00:00:00", ds.time.values
        ocean = ds["ocn_mask"] > 0
        print(float(sst.where(ocean).mean()), float(ds["a2x_Sa_tbot"].mean()))
        """
        let result = Job.run("/usr/bin/python3", ["-c", script, file])
        #expect(result.exitCode == 0, "xarray could not read \(file): \(result.output)")
        let numbers = result.standardOutput.split(separator: " ").compactMap { Double($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        #expect(numbers.count == 2 && numbers[0] > 271 && numbers[0] < 305 && numbers[1] > 230 && numbers[1] < 300, "\(result.output)")
    }
}
