import Foundation
import NetCDF
import TestSupport

/// Real grids and weight files made once per test run with NCO `ncremap` and CDO, and input
/// files with analytic fields on their source grids.
final class MappingFixtures: Sendable {
    static let shared = MappingFixtures()

    let directory: String
    /// ncremap conservative (`-a nco`) 1° → T62 (150k entries).
    let conservative1degToT62: String
    /// ncremap conservative 2° → T31 (38k entries), small enough for chunk size 1.
    let conservative2degToT31: String
    /// ncremap inverse-distance (`-a nco_idw`) 2° → T62.
    let inverseDistance2degToT62: String
    /// ncremap conservative 0.25° → T62 (1.3M entries).
    let conservativeQuarterDegToT62: String
    /// CDO `gencon` N48 → 1° (SCRIP, radians).
    let cdoConservativeN48To1deg: String
    /// CDO `genbil` and `gendis` N48 → 2°.
    let cdoBilinearN48To2deg: String
    let cdoDistanceN48To2deg: String
    /// CDO `gencon` from a 1° ocean masked by real topography to N32.
    let cdoMaskedOceanToN32: String
    /// The masked ocean field CDO made (`topo` with `_FillValue` over land).
    let maskedOceanInput: String
    /// CDO's N48 topography (input for the CDO maps).
    let topographyN48: String

    private init() {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("coupled-driver-mapping-fixtures-\(getpid())").path
        directory = folder
        try! FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        func path(_ name: String) -> String { folder + "/" + name }
        func run(_ tool: String, _ arguments: [String]) {
            let result = Job.run(tool, arguments, directory: URL(fileURLWithPath: folder), timeout: 600)
            precondition(result.exitCode == 0, "\(tool) \(arguments.joined(separator: " ")) failed: \(result.output)")
        }
        let grids = [("t62", "ttl=T62#latlon=94,192#lat_typ=gss#lon_typ=Grn_ctr"),
                     ("t31", "ttl=T31#latlon=48,96#lat_typ=gss#lon_typ=Grn_ctr"),
                     ("1deg", "ttl=1deg#latlon=180,360#lat_typ=uni#lon_typ=grn_ctr"),
                     ("2deg", "ttl=2deg#latlon=90,180#lat_typ=uni#lon_typ=grn_ctr"),
                     ("qdeg", "ttl=qdeg#latlon=720,1440#lat_typ=uni#lon_typ=grn_ctr")]
        for (name, spec) in grids { run("/usr/bin/ncremap", ["-G", spec, "-g", path("grid_\(name).nc")]) }
        func ncremapMap(_ algorithm: String, _ source: String, _ destination: String) -> String {
            let map = path("map_\(algorithm)_\(source)_\(destination).nc")
            run("/usr/bin/ncremap", ["-a", algorithm, "-s", path("grid_\(source).nc"), "-g", path("grid_\(destination).nc"), "-m", map])
            return map
        }
        conservative1degToT62 = ncremapMap("nco", "1deg", "t62")
        conservative2degToT31 = ncremapMap("nco", "2deg", "t31")
        inverseDistance2degToT62 = ncremapMap("nco_idw", "2deg", "t62")
        conservativeQuarterDegToT62 = ncremapMap("nco", "qdeg", "t62")
        topographyN48 = path("topo_n48.nc")
        run("/usr/bin/cdo", ["-s", "-f", "nc", "-b", "F64", "-topo,n48", topographyN48])
        cdoConservativeN48To1deg = path("cdo_con_n48_1deg.nc")
        run("/usr/bin/cdo", ["-s", "gencon,r360x180", topographyN48, cdoConservativeN48To1deg])
        cdoBilinearN48To2deg = path("cdo_bil_n48_2deg.nc")
        run("/usr/bin/cdo", ["-s", "genbil,r180x90", topographyN48, cdoBilinearN48To2deg])
        cdoDistanceN48To2deg = path("cdo_dis_n48_2deg.nc")
        run("/usr/bin/cdo", ["-s", "gendis,r180x90", topographyN48, cdoDistanceN48To2deg])
        maskedOceanInput = path("ocean_masked.nc")
        run("/usr/bin/cdo", ["-s", "-f", "nc", "-b", "F64", "-setrtomiss,0,100000", "-topo,r360x180", maskedOceanInput])
        cdoMaskedOceanToN32 = path("cdo_con_ocean_n32.nc")
        run("/usr/bin/cdo", ["-s", "gencon,n32", maskedOceanInput, cdoMaskedOceanToN32])
    }

    /// Writes an input file for a weights file's source grid (`lat`/`lon`, from `xc_a`/`yc_a`):
    /// `time(time)`, a smooth field `f(time, lat, lon)`, and `g(time, lat, lon)` with `_FillValue`
    /// where `cos(lon) > 0.7`. Returns its path (made once per weights file).
    func input(for weights: String) -> String {
        let path = weights.replacingOccurrences(of: ".nc", with: "_input.nc")
        if FileManager.default.fileExists(atPath: path) { return path }
        let w = try! Dataset(openingAt: weights)
        let scrip = try! w.variable(named: "src_grid_center_lat") != nil
        let shape: [Int32] = try! w.read(w.requireVariable("src_grid_dims"))
        let nlon = Int(shape[0]), nlat = Int(shape[1])
        var lat: [Double] = try! w.read(w.requireVariable(scrip ? "src_grid_center_lat" : "yc_a"))
        var lon: [Double] = try! w.read(w.requireVariable(scrip ? "src_grid_center_lon" : "xc_a"))
        if scrip { lat = lat.map { $0 * 180 / .pi }; lon = lon.map { $0 * 180 / .pi } }
        let file = try! Dataset.create(at: path)
        let time = try! file.defineDimension("time", length: nil)
        let latDim = try! file.defineDimension("lat", length: nlat), lonDim = try! file.defineDimension("lon", length: nlon)
        let t = try! file.defineVariable("time", type: .double, dimensions: [time])
        try! file.setAttribute("units", .text("days since 2000-01-01"), of: t)
        let f = try! file.defineVariable("f", type: .double, dimensions: [time, latDim, lonDim])
        try! file.setAttribute("units", .text("K"), of: f)
        let g = try! file.defineVariable("g", type: .double, dimensions: [time, latDim, lonDim])
        try! file.setAttribute("_FillValue", .doubles([-999]), of: g)
        try! file.endDefinitions()
        for record in 0 ..< 2 {
            try! file.write([Double(record)], to: t, start: [record], count: [1])
            let values = (0 ..< nlat * nlon).map { i in Self.field(lat: lat[i], lon: lon[i], record: record) }
            try! file.write(values, to: f, start: [record, 0, 0], count: [1, nlat, nlon])
            let masked = (0 ..< nlat * nlon).map { i in cos(lon[i] * .pi / 180) > 0.7 ? -999 : values[i] * 2 }
            try! file.write(masked, to: g, start: [record, 0, 0], count: [1, nlat, nlon])
        }
        try! file.close()
        return path
    }

    /// The analytic test field: smooth, positive, different per record.
    static func field(lat: Double, lon: Double, record: Int) -> Double {
        let φ = lat * .pi / 180, λ = lon * .pi / 180
        return 2 + cos(φ) * cos(φ) * cos(2 * λ) + 0.5 * sin(3 * φ) + Double(record)
    }
}

/// The matrix of a weights file read whole with netCDF-C, for independent reference results.
struct ReferenceMatrix {
    let rows: [Int]
    let columns: [Int]
    let weights: [Double]
    let destinationSize: Int

    init(path: String) {
        let d = try! Dataset(openingAt: path)
        let scrip = try! d.variable(named: "remap_matrix") != nil
        let r: [Int32] = try! d.read(d.requireVariable(scrip ? "dst_address" : "row"))
        let c: [Int32] = try! d.read(d.requireVariable(scrip ? "src_address" : "col"))
        let s = try! d.requireVariable(scrip ? "remap_matrix" : "S")
        weights = scrip ? try! d.read(s, start: [0, 0], count: [r.count, 1]) : try! d.read(s)
        rows = r.map { Int($0) - 1 }
        columns = c.map { Int($0) - 1 }
        destinationSize = try! d.dimension(named: scrip ? "dst_grid_size" : "n_b")!.length
    }

    /// `y = S x`, summed in file order.
    func apply(_ x: [Double]) -> [Double] {
        var y = [Double](repeating: 0, count: destinationSize)
        for e in weights.indices { y[rows[e]] += weights[e] * x[columns[e]] }
        return y
    }
}
