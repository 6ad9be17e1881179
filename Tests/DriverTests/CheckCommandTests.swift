import TestSupport
import Coupling
import Foundation
import Testing

/// `coupled-driver check NAMELIST --ranks N`, run as users run it (no mpirun).
@Suite("check command")
struct CheckCommandTests {
    @Test("a valid namelist prints the layout table and writes the picture")
    func valid() throws {
        let dir = TemporaryDirectory("check")
        let namelist = TestNamelist(worldSize: 4, pes: [.ocn: ProcessorSet(ntasks: 2, rootRank: 2), .atm: ProcessorSet(ntasks: 2, nthreads: 2)])
        let path = dir.write("ok.nml", namelist.text)
        let result = Job.run(Job.product("coupled-driver"), ["check", path, "--ranks", "4", "--picture", dir.path + "/layout.svg"])
        #expect(result.exitCode == 0, "\(result.output)")
        #expect(result.standardOutput.contains("component  model  ranks  tasks  threads  root  stride  hw threads  sequential with  concurrent with"))
        let atmRow = result.standardOutput.split(separator: "\n").first { $0.hasPrefix("atm ") }
        #expect(atmRow?.split(separator: " ").map(String.init) == ["atm", "test", "0-1", "2", "2", "0", "1", "4", "lnd,ice,cpl", "ocn"])
        let svg = try #require(dir.read("layout.svg"))
        #expect(svg.contains("<title>ocn rank 3, 1 thread(s)</title>"))
    }

    @Test("river, land-ice and wave stubs that &cime_pes places are laid out, listed and drawn; left out, they are not")
    func stubsLaidOut() throws {
        let dir = TemporaryDirectory("checkstubs")
        var namelist = TestNamelist(worldSize: 2)
        let plain = dir.write("plain.nml", namelist.text)
        namelist.pes[.rof] = ProcessorSet(ntasks: 1, rootRank: 2)
        namelist.pes[.glc] = ProcessorSet(ntasks: 1, rootRank: 3)
        namelist.pes[.wav] = ProcessorSet(ntasks: 1, nthreads: 2, rootRank: 4)
        let placed = dir.write("placed.nml", namelist.text)
        let result = Job.run(Job.product("coupled-driver"), ["check", placed, "--ranks", "5", "--picture", dir.path + "/placed.svg"])
        #expect(result.exitCode == 0, "\(result.output)")
        let rows = result.standardOutput.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        #expect(rows.first { $0.first == "rof" } == ["rof", "stub", "2", "1", "1", "2", "1", "1", "-", "atm,lnd,ice,ocn,glc,wav,cpl"])
        #expect(rows.first { $0.first == "wav" }?.prefix(5) == ["wav", "stub", "4", "1", "2"])
        let svg = try #require(dir.read("placed.svg"))
        for title in ["rof rank 2, 1 thread(s)", "glc rank 3, 1 thread(s)", "wav rank 4, 2 thread(s)"] {
            #expect(svg.contains("<title>\(title)</title>"), "the picture lacks \(title)")
        }
        let without = Job.run(Job.product("coupled-driver"), ["check", plain, "--ranks", "2", "--picture", dir.path + "/plain.svg"])
        #expect(without.exitCode == 0 && !without.standardOutput.contains("rof") && dir.read("plain.svg")?.contains(">rof<") == false)
    }

    @Test("an invalid namelist lists every problem and exits non-zero")
    func invalid() {
        let dir = TemporaryDirectory("checkbad")
        var namelist = TestNamelist(worldSize: 4, pes: [.ocn: ProcessorSet(ntasks: 4, rootRank: 2), .lnd: ProcessorSet(ntasks: 2, stride: 0)])
        namelist.intervals[.ocn] = 2700
        namelist.models[.atm] = "slob"
        let path = dir.write("bad.nml", namelist.text)
        let result = Job.run(Job.product("coupled-driver"), ["check", path, "--ranks", "4", "--picture", dir.path + "/layout.svg"])
        #expect(result.exitCode != 0)
        let err = result.standardError
        #expect(err.contains("bad.nml:4:"), "\(err)")
        #expect(err.contains("lnd_pestride = 0: the stride must be at least 1"))
        #expect(err.contains("ocn needs ranks up to 5"))
        #expect(err.contains("ocn_cpl_dt = 2700 is not a multiple of the driver step 1800 s"))
        #expect(err.contains("unknown atmosphere model 'slob'"))
        #expect(err.contains("4 problems found in"))
        #expect(dir.exists("layout.svg"), "the picture of the invalid layout is still drawn")
    }

    /// Found by ConfigurationFuzzTests: a root rank near the 64-bit limit trapped (overflow),
    /// and one of ten million made the picture of the invalid layout take minutes and gigabytes.
    @Test("a root rank far beyond the job is reported, quickly", arguments: [Int.max, 10_000_000])
    func farRootRank(rootRank: Int) {
        let dir = TemporaryDirectory("checkfar")
        let namelist = TestNamelist(worldSize: 4, pes: [.atm: ProcessorSet(ntasks: 2, rootRank: rootRank)])
        let path = dir.write("far.nml", namelist.text)
        let result = Job.run(Job.product("coupled-driver"), ["check", path, "--ranks", "4", "--picture", dir.path + "/layout.svg"], timeout: 30)
        #expect(!result.timedOut)
        #expect(result.exitCode == 1, "\(result.output)")
        #expect(result.standardError.contains("atm needs ranks up to \(rootRank == Int.max ? Int.max : rootRank + 1)"), "\(result.standardError)")
        #expect(dir.read("layout.svg").map { $0.utf8.count < 100_000 } == true)
    }

    @Test("a case name that is not a plain file name of at most 80 characters is refused at its line",
          arguments: ["../x", "/tmp/abs", "a/b", "", ".hidden", String(repeating: "c", count: 190), "my case"])
    func badCaseName(name: String) {
        let dir = TemporaryDirectory("checkcase")
        let text = TestNamelist(worldSize: 2).text.replacingOccurrences(of: "case_name = 'drivertest'", with: "case_name = '\(name)'")
        let path = dir.write("bad.nml", text)
        let result = Job.run(Job.product("coupled-driver"), ["check", path, "--ranks", "2", "--picture", dir.path + "/layout.svg"])
        #expect(result.exitCode == 1, "\(result.output)")
        #expect(result.standardError.contains("bad.nml:17:34: error: 'case_name' in &seq_infodata_inparm "), "\(result.standardError)")
        #expect(result.standardError.contains("found '\(name)'"), "\(result.standardError)")
    }

    @Test("a case name of letters, digits, '.', '_' and '-', up to 80 characters, passes",
          arguments: ["my_case-1.2", String(repeating: "x", count: 80)])
    func goodCaseName(name: String) {
        let dir = TemporaryDirectory("checkcase")
        let text = TestNamelist(worldSize: 2).text.replacingOccurrences(of: "case_name = 'drivertest'", with: "case_name = '\(name)'")
        let path = dir.write("ok.nml", text)
        let result = Job.run(Job.product("coupled-driver"), ["check", path, "--ranks", "2", "--picture", dir.path + "/layout.svg"])
        #expect(result.exitCode == 0, "\(result.output)")
    }

    @Test("a netCDF file given as the namelist gives exactly one error line, naming its format",
          arguments: ["classic", "netCDF-4 weights"])
    func netCDFNamelist(kind: String) throws {
        let dir = TemporaryDirectory("checknc")
        var path = Repository.path("mapping-weights/map_atm_T62_to_ocn_1deg_aave.nc")
        var reason = "is not a text namelist: it starts with the HDF5 signature (\\x89HDF: a netCDF-4 or HDF5 file)"
        if kind == "classic" {
            path = dir.path + "/classic.nc"
            let cdl = dir.write("x.cdl", "netcdf x { dimensions: n = 3 ; variables: double v(n) ; data: v = 1, 2, 3 ; }\n")
            let made = Job.run("/usr/bin/ncgen", ["-k", "classic", "-o", path, cdl])
            try #require(made.exitCode == 0, "\(made.output)")
            reason = "is not a text namelist: it starts with the netCDF signature (CDF\\x01: a netCDF classic file)"
        }
        let result = Job.run(Job.product("coupled-driver"), ["check", path, "--ranks", "2", "--picture", dir.path + "/layout.svg"])
        #expect(result.exitCode == 1, "\(result.output)")
        let errors = result.standardError.split(separator: "\n").filter { $0.contains("error") }
        #expect(errors == ["\(path):1:1: error: \(reason)"], "\(result.standardError)")
        #expect(result.standardError.utf8.count < 500, "\(result.standardError)")
    }

    @Test("an empty namelist, or one of comments only, fails", arguments: ["", "! nothing here\n\n"])
    func emptyNamelist(text: String) {
        let dir = TemporaryDirectory("checkempty")
        let path = dir.write("empty.nml", text)
        let result = Job.run(Job.product("coupled-driver"), ["check", path, "--ranks", "2", "--picture", dir.path + "/layout.svg"])
        #expect(result.exitCode == 1, "\(result.output)")
        #expect(result.standardError.contains("empty.nml:1:1: error: holds no namelist groups (&group ... /)"), "\(result.standardError)")
        #expect(!result.standardOutput.contains("is valid"))
    }

    @Test("every command has help", arguments: [[], ["run"], ["check"]])
    func help(command: [String]) {
        let result = Job.run(Job.product("coupled-driver"), command + ["--help"])
        #expect(result.exitCode == 0)
        #expect(result.standardOutput.contains("USAGE:"))
    }

    @Test("every model's own group and the files it names are checked, every problem listed at once with its file and line")
    func modelSettings() throws {
        let dir = TemporaryDirectory("check-models")
        var namelist = ConfigurationNamelist("default")
        namelist.replaceGroup("slab_atm_nml", with: "&slab_atm_nml\n  grid_file = 'nowhere/grid_T62.nc'\n/")
        namelist.set("mixed_layer_dept", "30", in: "slab_ocn_nml")
        namelist.set("ice_conductivity", "70", in: "thermo_ice_nml")
        let path = dir.write("models.nml", namelist.text)
        let result = Job.run(Job.product("coupled-driver"), ["check", path, "--ranks", "4", "--picture", dir.path + "/layout.svg"])
        #expect(result.exitCode != 0)
        let errors = result.standardError
        #expect(errors.contains("models.nml:"), "\(result.output)")
        #expect(errors.contains("error: 'grid_file' in &slab_atm_nml: the grid file '\(dir.path)/nowhere/grid_T62.nc' does not exist"),
                "\(result.output)")
        #expect(errors.contains("error: unknown key 'mixed_layer_dept' in &slab_ocn_nml; did you mean 'mixed_layer_depth'?"), "\(result.output)")
        #expect(errors.contains("'ice_conductivity' in &thermo_ice_nml"), "\(result.output)")
        #expect(errors.contains("3 problems found"), "\(result.output)")

        var data = ConfigurationNamelist("data-ocean")
        data.set("file", "'nowhere/sst.nc'", in: "docn_nml")
        let dataPath = dir.write("data.nml", data.text)
        let missing = Job.run(Job.product("coupled-driver"), ["check", dataPath, "--ranks", "4", "--picture", dir.path + "/layout.svg"])
        #expect(missing.exitCode != 0)
        #expect(missing.standardError.contains("error: 'file' in &docn_nml: the forcing file '\(dir.path)/nowhere/sst.nc' does not exist"),
                "\(missing.output)")
    }
}
