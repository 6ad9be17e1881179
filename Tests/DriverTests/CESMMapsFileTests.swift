import Coupling
import Foundation
import Namelist
import Testing
import TestSupport

/// Real CESM `seq_maps.rc` files (Tests/CESMCases, each naming its repository and commit in its
/// first line), as a CESM user brings them: CamelCase or snake_case keys, quoted or not, map type
/// 'Y', entries for components the run does not have, and paths into the inputdata tree of the
/// machine the case ran on, found here through `--inputdata` (or `din_loc_root`) in a folder of
/// links to this repository's weights.
@Suite("Real CESM seq_maps.rc files")
struct CESMMapsFileTests {
    static let files = ["cesm1_0.seq_maps.rc", "cesm1_1.seq_maps.rc", "cesm2_1.seq_maps.rc"]

    /// This repository's weights that stand in for the CESM maps the default configuration needs,
    /// by the CESM key with `_` removed and lowercased (both spellings read alike).
    private static let standIns = [
        "atm2ocnfmapname": "map_atm_T62_to_ocn_1deg_aave.nc", "atm2icefmapname": "map_atm_T62_to_ocn_1deg_aave.nc",
        "atm2ocnsmapname": "map_atm_T62_to_ocn_1deg_blin.nc", "atm2icesmapname": "map_atm_T62_to_ocn_1deg_blin.nc",
        "ocn2atmfmapname": "map_ocn_1deg_to_atm_T62_aave.nc", "ice2atmfmapname": "map_ocn_1deg_to_atm_T62_aave.nc",
        "ocn2atmsmapname": "map_ocn_1deg_to_atm_T62_aave.nc", "ice2atmsmapname": "map_ocn_1deg_to_atm_T62_aave.nc",
        "lnd2roffmapname": "map_lnd_T62_to_rof_1deg_aave.nc", "rof2ocnfmapname": "map_rof_1deg_to_ocn_1deg_nn.nc",
        "rof2ocnliqrmapname": "map_rof_1deg_to_ocn_1deg_nn.nc",
    ]

    /// A folder with the rc file `name` (its text edited by `edit`), a local inputdata tree
    /// holding links to the stand-ins at the file's paths, and the good run's namelist reading
    /// the file (`extra` as `din_loc_root` and `bitForBit` as `bfbflag` in its `&seq_infodata_inparm`).
    /// With `river` the default's river runs, its maps taken from the file like the others
    /// (the namelist sets no rof2lnd map: nothing goes from the river to the land); without, the
    /// river is a stub.
    private struct Case {
        let folder = TemporaryDirectory("cesm-maps")
        let rcPath: String
        let entries: [ResourceEntry]
        var inputdata: String { folder.path + "/inputdata" }
        var namelistPath: String { folder.path + "/drv_in" }

        init(_ name: String, edit: (String) -> String = { $0 }, extra: String = "", bitForBit: Bool = false, river: Bool = false) throws {
            let text = edit(Repository.text("Tests/CESMCases/" + name))
            rcPath = folder.write(name, text)
            entries = try ResourceFile.parse(text, file: rcPath).entries
            for entry in entries {
                guard let standIn = CESMMapsFileTests.standIns[entry.key.replacingOccurrences(of: "_", with: "")],
                      let below = InputdataRoot.pathBelowInputdata(entry.value) else { continue }
                let link = inputdata + "/" + below
                try FileManager.default.createDirectory(atPath: (link as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                if !FileManager.default.fileExists(atPath: link) {
                    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: Repository.path("mapping-weights/" + standIn))
                }
            }
            var namelist = GoodRun.namelist(ranks: 2)
            namelist.replaceGroup("seq_maps", with: "&seq_maps\n  maps_file = '\(name)'\n" + (river ? "  rof2lnd_fmapname = ''\n/" : "/"))
            if !river { namelist.set("rof", "'stub'", in: "components") }
            if !extra.isEmpty { namelist.set("din_loc_root", extra, in: "seq_infodata_inparm") }
            if bitForBit { namelist.set("bfbflag", ".true.", in: "seq_infodata_inparm") }
            _ = folder.write("drv_in", namelist.text)
        }

        /// The line of the entry whose key, lowercased without `_`, is `key`.
        func line(of key: String) -> Int {
            entries.first { $0.key.replacingOccurrences(of: "_", with: "") == key }!.location.line
        }

        func check(_ arguments: [String] = []) -> JobResult {
            Job.run(Job.product("coupled-driver"), ["check", namelistPath, "--ranks", "2", "--picture", folder.path + "/layout.svg"] + arguments)
        }
    }

    @Test("every key is recognised: maps and map types read, other CESM maps ignored, absent components' entries unused, by file and line",
          arguments: files)
    func read(name: String) throws {
        let rc = try Case(name)
        let result = rc.check(["--inputdata", rc.inputdata])
        #expect(result.exitCode == 0, "\(result.output)")
        let output = result.standardOutput
        #expect(output.contains("Mapping weights from \(rc.rcPath)"), "\(output)")
        for entry in rc.entries {
            let key = entry.key.replacingOccurrences(of: "_", with: "")
            let place = "\(rc.rcPath):\(entry.location.line):"
            let pair = (String(key.prefix(3)), String(key.dropFirst(4).prefix(3)))
            let running = ["atm", "lnd", "ice", "ocn"]
            if !running.contains(pair.0) || !running.contains(pair.1) {
                #expect(output.contains("\(place)\(entry.location.column): '\(entry.spelledKey)' in \(name) ("), "\(entry.spelledKey):\n\(output)")
            } else if key.hasSuffix("vmapname") || key.hasSuffix("vmaptype") {
                #expect(output.contains("\(place)\(entry.location.column): '\(entry.spelledKey)' in \(name) (vector map"), "\(output)")
            } else {
                #expect(!output.contains(place), "a map the run reads is listed:\n\(output)")
            }
        }
    }

    @Test("a misspelt key is an error naming the file and line, with the nearest key read")
    func typo() throws {
        let rc = try Case("cesm1_1.seq_maps.rc", edit: { $0.replacingOccurrences(of: " ocn2atmFmapname:", with: " ocn2atmFmapnme:") })
        let result = rc.check(["--inputdata", rc.inputdata])
        #expect(result.exitCode != 0)
        #expect(result.standardError.contains("\(rc.rcPath):45:2: error: unknown key 'ocn2atmFmapnme' in cesm1_1.seq_maps.rc; "
            + "did you mean 'ocn2atm_fmapname'?"), "\(result.output)")
    }

    @Test("without --inputdata a CESM path that does not exist here is an error naming the key, the path and the way out")
    func missingPath() throws {
        let rc = try Case("cesm2_1.seq_maps.rc")
        let result = rc.check()
        #expect(result.exitCode != 0)
        let path = "/glade/p/cesmdata/cseg/inputdata/cpl/gridmaps/fv0.9x1.25/map_fv0.9x1.25_TO_gx1v7_aave.151008.nc"
        #expect(result.standardError.contains("\(rc.rcPath):\(rc.line(of: "atm2ocnfmapname")):3: error: atm2ocn_fmapname: the weights file "
            + "'\(path)' does not exist; it is a path into CESM inputdata: give a local copy with --inputdata DIR"), "\(result.output)")
    }

    /// Runs the case's namelist on `ranks` ranks (with `--inputdata` unless the namelist gives `din_loc_root`).
    private func run(_ rc: Case, ranks: Int, inputdataOption: Bool) throws -> String {
        let arguments = [rc.namelistPath, "--rundir", rc.folder.path + "/run"] + (inputdataOption ? ["--inputdata", rc.inputdata] : [])
        let result = Job.mpirun(ranks: ranks, "coupled-driver", arguments)
        try #require(result.exitCode == 0 && !result.timedOut, "\(result.output)")
        return try #require(rc.folder.read("run/cpl.log"))
    }

    @Test("with bfbflag = .true. the 'Y' maps of a real seq_maps.rc run as 'X': on 3 ranks, the bytes of the default run on 2")
    func bitForBit() throws {
        let good = try GoodRun.shared.get()
        let probe = try Case("cesm2_1.seq_maps.rc")
        let rc = try Case("cesm2_1.seq_maps.rc", extra: "'\(probe.inputdata)'", bitForBit: true, river: true)
        let log = try run(rc, ranks: 3, inputdataOption: false)
        #expect(log.contains("bfbflag = .true.: every map is of type 'X'"), "\(log)")
        // CESM 2 carries the river's water to the ocean by its liquid-runoff map.
        #expect(log.contains("rof -> ocn maps: fluxes \(probe.inputdata)/cpl/gridmaps/r05/map_r05_to_gx1v7_nn_open_ocean_nnsm_e1000r300_marginal_sea_170413.nc"),
                "\(log)")
        let checked = rc.check()
        #expect(checked.standardOutput.contains("'rof2ocn_fmapname' in cesm2_1.seq_maps.rc (rof2ocn_liq_rmapname carries the river's water to the ocean instead)"),
                "\(checked.output)")
        let compared = good.files.keys.filter { $0.contains(".cpl.") || $0.contains(".ocn.") }.sorted()
        #expect(compared.count >= 2)
        for file in compared {
            #expect(FileManager.default.contents(atPath: rc.folder.path + "/run/" + file) == good.files[file], "\(file) differs")
        }
    }

    @Test("the 'Y' maps of a real CESM 1.1 seq_maps.rc add partial sums: cpl.log says so, and the answers agree with 'X' to round-off")
    func partialSums() throws {
        let good = try GoodRun.shared.get()
        let rc = try Case("cesm1_1.seq_maps.rc", river: true)
        let log = try run(rc, ranks: 2, inputdataOption: true)
        #expect(log.contains("map_gx1v6_to_fv0.9x1.25_aave_da_090309.nc (type 'Y')"), "\(log)")
        #expect(log.contains("not bit-for-bit across processor layouts (bfbflag = .true. makes every map type 'X')"), "\(log)")
        let history = try #require(good.files.keys.first { $0.contains(".cpl.hi.") })
        let reference = rc.folder.path + "/x-" + history
        try good.files[history]!.write(to: URL(fileURLWithPath: reference))
        let compared = Job.run(Job.product("coupled-driver"), ["compare", reference, rc.folder.path + "/run/" + history])
        // compare's table: variable, values, differing, max abs diff, max rel diff, RMS diff.
        let rows = compared.standardOutput.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true) }
            .filter { $0.count == 6 && $0[0] != "variable" }
        #expect(rows.count > 20, "\(compared.output)")
        for row in rows { #expect((Double(row[4]) ?? 1) <= 1e-9, "\(row[0]) differs by more than round-off:\n\(compared.output)") }
    }
}
