import Namelist
import Testing

@Suite("Resource files (seq_maps.rc)")
struct ResourceFileTests {
    /// The diagnostics, as printed, that parsing `text` produces; empty if it parses.
    private func problems(in text: String) -> [String] {
        do {
            _ = try ResourceFile.parse(text, file: "seq_maps.rc")
            return []
        } catch {
            return error.diagnostics.map(\.description)
        }
    }

    @Test("a typical seq_maps.rc is read")
    func typicalFile() throws {
        let text = """
        ##################################################################
        # seq_maps.rc
        ##################################################################
        atm2ocn_fmapname: 'cpl/gridmaps/map_fv0.9x1.25_TO_gx1v7_aave.nc'
        atm2ocn_fmaptype: "X"

        ! a Fortran-style comment
          ATM2ICE_SMAPNAME :  idmap   # trailing comment
        ocn2atm_smaptype: 'Y' ! trailing comment after a quote
        empty_name: ''
        """
        let resources = try ResourceFile.parse(text, file: "seq_maps.rc")
        #expect(resources.file == "seq_maps.rc")
        #expect(resources.entries.map(\.key)
            == ["atm2ocn_fmapname", "atm2ocn_fmaptype", "atm2ice_smapname", "ocn2atm_smaptype", "empty_name"])
        #expect(resources.entries.map(\.value)
            == ["cpl/gridmaps/map_fv0.9x1.25_TO_gx1v7_aave.nc", "X", "idmap", "Y", ""])
        #expect(resources.entries[2].location.description == "seq_maps.rc:8:3")
        #expect(resources.value(for: "Atm2Ice_SMapName") == "idmap")
        #expect(resources.value(for: "lnd2rof_fmapname") == nil)
    }

    @Test("an empty file has no entries")
    func emptyFile() throws {
        #expect(try ResourceFile.parse("", file: "seq_maps.rc").entries.isEmpty)
        #expect(try ResourceFile.parse("\n  \n# only a comment\n", file: "seq_maps.rc").entries.isEmpty)
    }

    @Test("a quoted value keeps colons, hashes and blanks")
    func quotedValues() throws {
        let resources = try ResourceFile.parse("path: '/data/map #1: a.nc'  \n", file: "seq_maps.rc")
        #expect(resources.value(for: "path") == "/data/map #1: a.nc")
    }

    @Test("malformed lines are reported with their location", arguments: [
        ("atm2ocn_fmapname 'map.nc'", "seq_maps.rc:1:1: error: missing ':' in 'atm2ocn_fmapname 'map.nc''; expected 'name: value'"),
        ("a: 1\n  : 'x'", "seq_maps.rc:2:3: error: missing name before ':'"),
        ("atm-ocn: 'x'", "seq_maps.rc:1:4: error: illegal character '-' in name 'atm-ocn'"),
        ("atm2ocn_fmapname:   ", "seq_maps.rc:1:17: error: missing value after 'atm2ocn_fmapname:'"),
        ("atm2ocn_fmapname: # nothing", "seq_maps.rc:1:17: error: missing value after 'atm2ocn_fmapname:'"),
        ("atm2ocn_fmapname: 'map.nc", "seq_maps.rc:1:19: error: unterminated string: the closing ' is missing"),
        ("atm2ocn_fmapname: 'map.nc' extra", "seq_maps.rc:1:28: error: unexpected text after the quoted value of 'atm2ocn_fmapname'"),
        ("a: 1\n\nA: 2", "seq_maps.rc:3:1: error: 'a' is set more than once; first set at seq_maps.rc:1:1"),
    ])
    func malformedLines(text: String, expected: String) {
        #expect(problems(in: text) == [expected])
    }

    @Test("every problem in the file is reported")
    func everyProblem() {
        let text = "good: 'x'\nno colon here\ngood: 'y'\nbad: 'z"
        #expect(problems(in: text) == [
            "seq_maps.rc:2:1: error: missing ':' in 'no colon here'; expected 'name: value'",
            "seq_maps.rc:3:1: error: 'good' is set more than once; first set at seq_maps.rc:1:1",
            "seq_maps.rc:4:6: error: unterminated string: the closing ' is missing",
        ])
    }
}
