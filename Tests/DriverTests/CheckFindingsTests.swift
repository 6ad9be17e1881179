import Foundation
import NetCDF
import Testing
import TestSupport

/// What `coupled-driver check` finds beyond the namelist's own groups, each from its own broken
/// copy of the default configuration (real slab models, real NCO weights): weights files that do
/// not fit their grids, history periods that split a coupling interval, where each finding is set,
/// and `--json`. (The bad-input catalog checks that `check` finds what a run finds at its start.)
@Suite("check findings")
struct CheckFindingsTests {
    private static let maps = Repository.path("mapping-weights")
    private static let atmToOcean = maps + "/map_atm_T62_to_ocn_1deg_aave.nc"

    /// `check` of `namelist`, written to `dir`, on 4 ranks.
    private func check(_ namelist: ConfigurationNamelist, in dir: TemporaryDirectory, extra: [String] = []) -> JobResult {
        let path = dir.write("case.nml", namelist.text)
        return Job.run(Job.product("coupled-driver"), ["check", path, "--ranks", "4", "--picture", dir.path + "/layout.svg"] + extra)
    }

    /// Runs NCO's `ncap2 -s script` on `input` into `output`.
    private func ncap2(_ script: String, _ input: String, _ output: String) throws {
        let made = Job.run("/usr/bin/ncap2", ["-O", "-s", script, input, output], timeout: 60)
        try #require(made.exitCode == 0, "\(made.output)")
    }

    /// The line of `namelist`'s text that sets `key`.
    private func line(of key: String, in namelist: ConfigurationNamelist) throws -> Int {
        try #require(namelist.text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(key + " =") }) + 1
    }

    @Test("the default configuration passes with no finding")
    func clean() {
        let dir = TemporaryDirectory("check-clean")
        let result = check(ConfigurationNamelist("default"), in: dir)
        #expect(result.exitCode == 0, "\(result.output)")
        #expect(!result.output.contains("warning:") && !result.output.contains("error:"), "\(result.output)")
        #expect(result.standardOutput.contains("The namelist is valid for 4 ranks."))
    }

    @Test("a weights file whose destination coordinates are not the grid's centres gets a warning naming the key, the file and xc_b")
    func shiftedCoordinates() throws {
        let dir = TemporaryDirectory("check-coords")
        try ncap2("xc_b=xc_b+0.5", Self.atmToOcean, dir.path + "/shifted.nc")
        var namelist = ConfigurationNamelist("default")
        namelist.set("atm2ocn_fmapname", "'\(dir.path)/shifted.nc'", in: "seq_maps")
        let result = check(namelist, in: dir)
        #expect(result.exitCode == 0, "a warning is not an error:\n\(result.output)")
        let line = try line(of: "atm2ocn_fmapname", in: namelist)
        #expect(result.standardOutput.contains("case.nml:\(line):3: warning: atm2ocn_fmapname: weights file \(dir.path)/shifted.nc: its destination "
            + "coordinates (xc_b, yc_b) differ from the ocean grid's centres at 64800 of 64800 points, by up to 0.5"), "\(result.output)")
        #expect(!result.standardOutput.contains("source coordinates"), "the source side was not changed:\n\(result.output)")
    }

    @Test("a conservative map from the atmosphere whose row sums are not 1 on ocean points gets a warning counting them")
    func rowSums() throws {
        let dir = TemporaryDirectory("check-rowsums")
        let halved = dir.path + "/halved.nc"
        try ncap2("S(0:99)=S(0:99)*0.5", Self.atmToOcean, halved)
        // The unmasked destination points the halved entries reach, counted from the file.
        let file = try Dataset(openingAt: halved)
        let rows: [Int32] = try file.read(try #require(try file.variable(named: "row")), start: [0], count: [100])
        let mask: [Int32] = try file.read(try #require(try file.variable(named: "mask_b")))
        let reached = Set(rows.map { Int($0) - 1 }.filter { mask[$0] != 0 })
        try #require(!reached.isEmpty)
        var namelist = ConfigurationNamelist("default")
        namelist.set("atm2ocn_fmapname", "'\(halved)'", in: "seq_maps")
        let result = check(namelist, in: dir)
        #expect(result.exitCode == 0, "\(result.output)")
        let unmasked = mask.filter { $0 != 0 }.count
        #expect(result.standardOutput.contains("warning: atm2ocn_fmapname: weights file \(halved): the row sums (frac_b) of \(reached.count) "
            + "of the ocean grid's \(unmasked) unmasked points differ from 1"), "\(result.output)")
    }

    @Test("the ocean-to-atmosphere map is not held to row sums of 1: its source grid has masked points")
    func maskedSourceRowSums() throws {
        let dir = TemporaryDirectory("check-rowsums-masked")
        let halved = dir.path + "/halved.nc"
        try ncap2("S(0:99)=S(0:99)*0.5", Self.maps + "/map_ocn_1deg_to_atm_T62_aave.nc", halved)
        var namelist = ConfigurationNamelist("default")
        namelist.set("ocn2atm_fmapname", "'\(halved)'", in: "seq_maps")
        let result = check(namelist, in: dir)
        #expect(result.exitCode == 0 && !result.output.contains("row sums"), "\(result.output)")
    }

    @Test("a map in seq_maps.rc made for other grids is an error at the rc file's line")
    func resourceFileLine() throws {
        let dir = TemporaryDirectory("check-rc")
        var namelist = ConfigurationNamelist("default")
        namelist.replaceGroup("seq_maps", with: "&seq_maps\n  atm2ocn_fmapname = '\(Self.atmToOcean)'\n"
            + "  ocn2atm_fmapname = '\(Self.maps)/map_ocn_1deg_to_atm_T62_aave.nc'\n  ocn2atm_smapname = '\(Self.maps)/map_ocn_1deg_to_atm_T62_aave.nc'\n/")
        dir.write("seq_maps.rc", "# maps\natm2ocnSmapname: '\(Self.maps)/map_ocn_1deg_to_atm_T62_aave.nc'\n")
        let result = check(namelist, in: dir)
        #expect(result.exitCode != 0)
        #expect(result.standardError.contains("\(dir.path)/seq_maps.rc:2:1: error: atm2ocn_smapname: weights file "
            + "\(Self.maps)/map_ocn_1deg_to_atm_T62_aave.nc: the source grid of the map has 64800 points, but the atm grid atm (nj = 94, ni = 192) has 18048"),
            "\(result.output)")
    }

    @Test("a history period that splits the ocean's coupling interval gets a warning at history_n")
    func historyPeriod() throws {
        let dir = TemporaryDirectory("check-history")
        var namelist = ConfigurationNamelist("default")
        namelist.set("history_option", "'nseconds'", in: "seq_timemgr_inparm")
        namelist.set("history_n", "5400", in: "seq_timemgr_inparm")
        let result = check(namelist, in: dir)
        #expect(result.exitCode == 0, "\(result.output)")
        let line = try line(of: "history_n", in: namelist)
        #expect(result.standardOutput.contains("case.nml:\(line):")
            && result.standardOutput.contains("warning: history every 5400 s is not a whole number of ocn_cpl_dt (3600 s)"), "\(result.output)")
        #expect(!result.standardOutput.contains("of atm_cpl_dt"), "1800 s divides 5400 s:\n\(result.output)")
    }

    @Test("--json prints every finding with its severity, file and line, and the verdict, as one JSON object")
    func json() throws {
        let dir = TemporaryDirectory("check-json")
        try ncap2("yc_a=yc_a+1.0", Self.atmToOcean, dir.path + "/shifted.nc")
        var namelist = ConfigurationNamelist("default")
        namelist.set("atm2ocn_fmapname", "'\(dir.path)/shifted.nc'", in: "seq_maps")
        namelist.set("ocn2atm_fmapname", "''", in: "seq_maps")
        namelist.set("esp_ntasks", "4", in: "cime_pes")
        let result = check(namelist, in: dir, extra: ["--json"])
        #expect(result.exitCode != 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any], "\(result.output)")
        #expect(object["valid"] as? Bool == false)
        let findings = try #require(object["findings"] as? [[String: Any]])
        let warning = try #require(findings.first { $0["severity"] as? String == "warning" }, "\(findings)")
        #expect((warning["message"] as? String)?.contains("source coordinates (xc_a, yc_a)") == true)
        let line = try line(of: "atm2ocn_fmapname", in: namelist)
        #expect(warning["file"] as? String == dir.path + "/case.nml" && warning["line"] as? Int == line)
        let error = try #require(findings.first { $0["severity"] as? String == "error" }, "\(findings)")
        #expect((error["message"] as? String)?.contains("ocn2atm_fmapname is needed") == true)
        let ignored = try #require(object["ignored"] as? [[String: Any]])
        #expect(ignored.contains { $0["key"] as? String == "esp_ntasks" && $0["scope"] as? String == "&cime_pes" })
        let layout = try #require(object["layout"] as? [String: [String: Any]])
        #expect(layout["ocn"]?["model"] as? String == "slab" && layout["ocn"]?["ntasks"] as? Int != nil)
    }
}
