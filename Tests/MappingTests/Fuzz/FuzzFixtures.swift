import Foundation
import NetCDF
import TestSupport

/// The small real files the mapping fuzz tests start from, made once per test run with the
/// tools that make real ones: SCRIP grids of 4 × 8 and 3 × 6 points (`ncremap -G`), ESMF
/// conservative weights between them (`ncremap -a nco`), SCRIP bilinear weights (`cdo genbil`),
/// netCDF-4 copies (`ncks -4`), and an input file on the 4 × 8 grid for `coupled-driver remap`.
/// The folder is removed when the test process ends.
final class FuzzFixtures: Sendable {
    static let shared = FuzzFixtures()

    let directory: String
    /// Weights files: ESMF (classic and netCDF-4) and SCRIP (classic).
    let esmfWeights: String
    let esmfWeightsNetCDF4: String
    let scripWeights: String
    /// SCRIP grid files: 4 × 8 (classic and netCDF-4).
    let grid: String
    let gridNetCDF4: String
    /// A field `f(lat, lon)` on the 4 × 8 source grid of both weights files.
    let input: String

    private init() {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("coupled-driver-fuzz-\(getpid())").path
        directory = folder
        try! FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        func path(_ name: String) -> String { folder + "/" + name }
        func run(_ tool: String, _ arguments: [String]) {
            let result = Job.run(tool, arguments, directory: URL(fileURLWithPath: folder), timeout: 120)
            precondition(result.exitCode == 0, "\(tool) \(arguments.joined(separator: " ")) failed: \(result.output)")
        }
        let source = path("grid_4x8.nc")
        grid = source
        run("/usr/bin/ncremap", ["-G", "ttl=fuzz 4x8#latlon=4,8#lat_typ=uni#lon_typ=grn_ctr", "-g", source])
        let destination = path("grid_3x6.nc")
        run("/usr/bin/ncremap", ["-G", "ttl=fuzz 3x6#latlon=3,6#lat_typ=gss#lon_typ=Grn_ctr", "-g", destination])
        let esmf = path("map_esmf.nc")
        esmfWeights = esmf
        // One thread: with several, NCO 5.1.4 now and then writes a map with no entries for grids this small.
        run("/usr/bin/ncremap", ["-t", "1", "-a", "nco", "-s", source, "-g", destination, "-m", esmf])
        let entries = try! Dataset(openingAt: esmf).dimension(named: "n_s")?.length ?? 0
        precondition(entries > 0, "ncremap made a map without entries: \(esmf)")
        let topography = path("topo_8x4.nc")
        run("/usr/bin/cdo", ["-s", "-f", "nc", "-b", "F64", "-topo,r8x4", topography])
        scripWeights = path("map_scrip.nc")
        run("/usr/bin/cdo", ["-s", "genbil,r6x3", topography, path("map_scrip.nc")])
        esmfWeightsNetCDF4 = path("map_esmf_nc4.nc")
        run("/usr/bin/ncks", ["-O", "-4", esmf, path("map_esmf_nc4.nc")])
        gridNetCDF4 = path("grid_4x8_nc4.nc")
        run("/usr/bin/ncks", ["-O", "-4", source, path("grid_4x8_nc4.nc")])
        input = path("input_4x8.nc")
        let file = try! Dataset.create(at: path("input_4x8.nc"))
        let lat = try! file.defineDimension("lat", length: 4), lon = try! file.defineDimension("lon", length: 8)
        let f = try! file.defineVariable("f", type: .double, dimensions: [lat, lon])
        try! file.endDefinitions()
        try! file.write((0 ..< 32).map(Double.init), to: f)
        try! file.close()
        atexit { try? FileManager.default.removeItem(atPath: FuzzFixtures.shared.directory) }
    }
}
