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
    ]

    /// A folder with the rc file `name` (its text edited by `edit`), a local inputdata tree
    /// holding links to the stand-ins at the file's paths, and the good run's namelist reading
    /// the file (`extra` added to its `&seq_infodata_inparm`).
    private struct Case {
        let folder = TemporaryDirectory("cesm-maps")
        let rcPath: String
        let entries: [ResourceEntry]
        var inputdata: String { folder.path + "/inputdata" }
        var namelistPath: String { folder.path + "/drv_in" }

        init(_ name: String, edit: (String) -> String = { $0 }, extra: String = "") throws {
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
            namelist.replaceGroup("seq_maps", with: "&seq_maps\n  maps_file = '\(name)'\n/")
            if !extra.isEmpty { namelist.set("din_loc_root", extra, in: "seq_infodata_inparm") }
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

    @Test("every key is recognised: maps read, 'Y' run as 'X', other CESM maps ignored, absent components' entries unused, by file and line",
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
            } else if key.hasSuffix("maptype"), entry.value == "Y" {
                #expect(output.contains("\(place)\(entry.location.column): '\(entry.spelledKey)' in \(name) (map type 'Y' runs as 'X'"), "\(output)")
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

    @Test("the default configuration run with a real seq_maps.rc ('Y' entries included) gives the default's bytes",
          arguments: [("cesm1_1.seq_maps.rc", false), ("cesm2_1.seq_maps.rc", true)])
    func runs(name: String, rootInNamelist: Bool) throws {
        let good = try GoodRun.shared.get()
        let probe = try Case(name)
        let rc = rootInNamelist ? try Case(name, extra: "'\(probe.inputdata)'") : probe
        let arguments = [rc.namelistPath, "--rundir", rc.folder.path + "/run"] + (rootInNamelist ? [] : ["--inputdata", rc.inputdata])
        let result = Job.mpirun(ranks: 2, "coupled-driver", arguments)
        try #require(result.exitCode == 0 && !result.timedOut, "\(result.output)")
        let compared = good.files.keys.filter { $0.contains(".cpl.") || $0.contains(".ocn.") }.sorted()
        #expect(compared.count >= 2)
        for file in compared {
            #expect(FileManager.default.contents(atPath: rc.folder.path + "/run/" + file) == good.files[file], "\(file) differs")
        }
    }
}
