import Foundation
import NetCDF
import Testing
import TestSupport

/// A small ESMF weights file written from scratch, with ways to break it.
struct SyntheticWeights {
    var rows: [Int32] = [1, 2, 3, 4, 4]
    var columns: [Int32] = [1, 2, 3, 5, 6]
    var weights: [Double] = [1, 1, 1, 0.5, 0.5]
    var sourceDims: [Int32] = [3, 2]        // Fortran order: nlon, nlat
    var destinationDims: [Int32] = [2, 2]
    var leaveOut: Set<String> = []
    var weightDimension = "n_s"
    var format = "esmf"

    func write(to path: String) {
        let d = try! Dataset.create(at: path)
        let esmf = format == "esmf"
        let na = try! d.defineDimension(esmf ? "n_a" : "src_grid_size", length: 6)
        let nb = try! d.defineDimension(esmf ? "n_b" : "dst_grid_size", length: 4)
        let ns = try! d.defineDimension(esmf ? "n_s" : "num_links", length: rows.isEmpty ? nil : rows.count)
        let rank = try! d.defineDimension("src_grid_rank", length: 2)
        let wgts = try! d.defineDimension("num_wgts", length: 1)
        var defined = [String: Variable]()
        func define(_ name: String, _ type: NetCDFType, _ dims: [NetCDF.Dimension]) {
            if !leaveOut.contains(name) { defined[name] = try! d.defineVariable(name, type: type, dimensions: dims) }
        }
        define("src_grid_dims", .int, [rank])
        define("dst_grid_dims", .int, [rank])
        let coordinates = esmf ? ["xc_a", "yc_a", "xc_b", "yc_b"]
            : ["src_grid_center_lon", "src_grid_center_lat", "dst_grid_center_lon", "dst_grid_center_lat"]
        for (i, name) in coordinates.enumerated() { define(name, .double, [i < 2 ? na : nb]) }
        if esmf {
            define("row", .int, [ns])
            define("col", .int, [ns])
            define("S", .double, [weightDimension == "n_b" ? nb : ns])
        } else {
            define("dst_address", .int, [ns])
            define("src_address", .int, [ns])
            define("remap_matrix", .double, [ns, wgts])
        }
        try! d.endDefinitions()
        func put<T: NetCDFScalar>(_ name: String, _ values: [T]) {
            guard let v = defined[name], !values.isEmpty else { return }
            try! d.write(values, to: v, start: v.shape.map { _ in 0 }, count: v.dimensions.count == 2 ? [values.count, 1] : [values.count])
        }
        put("src_grid_dims", sourceDims)
        put("dst_grid_dims", destinationDims)
        put(coordinates[0], [0.0, 120, 240, 0, 120, 240])
        put(coordinates[1], [-45.0, -45, -45, 45, 45, 45])
        put(coordinates[2], [90.0, 270, 90, 270])
        put(coordinates[3], [-45.0, -45, 45, 45])
        put(esmf ? "row" : "dst_address", rows)
        put(esmf ? "col" : "src_address", columns)
        if weightDimension == "n_s" { put(esmf ? "S" : "remap_matrix", weights) } else { put("S", [1.0, 1, 1, 1]) }
        try! d.close()
    }

    /// An input file on the 2 × 3 source grid.
    static func writeInput(to path: String) {
        let d = try! Dataset.create(at: path)
        let lat = try! d.defineDimension("lat", length: 2), lon = try! d.defineDimension("lon", length: 3)
        let f = try! d.defineVariable("f", type: .double, dimensions: [lat, lon])
        try! d.endDefinitions()
        try! d.write([1.0, 2, 3, 4, 5, 6], to: f)
        try! d.close()
    }
}

/// Malformed weights files: one clear message naming the file and the fault, on every rank,
/// a non-zero exit, and no hang.
@Suite("malformed weights", .serialized)
struct MalformedWeightsTests {
    private func expectFailure(_ weights: String, input: String, ranks: Int, message: String) {
        let dir = TemporaryDirectory("malformed-out")
        let result = Job.mpirun(ranks: ranks, "coupled-driver", ["remap", "--weights", weights, input, dir.path + "/out.nc"], timeout: 30)
        #expect(!result.timedOut, "hung")
        #expect(result.exitCode != 0)
        #expect(result.standardError.contains(message), "expected «\(message)» in: \(result.standardError)")
        #expect(result.standardError.contains("(\(ranks) of \(ranks) rank\(ranks == 1 ? "" : "s") stopped with this error)"),
                "not every rank reported it: \(result.standardError)")
        #expect(!dir.exists("out.nc"), "no output file is left behind")
    }

    static let cases: [(String, SyntheticWeights, String)] = {
        var list = [(String, SyntheticWeights, String)]()
        func add(_ name: String, _ change: (inout SyntheticWeights) -> Void, _ message: String) {
            var w = SyntheticWeights()
            change(&w)
            list.append((name, w, message))
        }
        add("missing S", { $0.leaveOut = ["S"] }, "missing variable 'S' (needed in the ESMF format)")
        add("missing row", { $0.leaveOut = ["row"] }, "missing variable 'row' (needed in the ESMF format)")
        add("row out of range", { $0.rows[2] = 5 }, "entry 3 of 'row' is 5, outside 1...4 (the destination grid size)")
        add("zero column", { $0.columns[0] = 0 }, "entry 1 of 'col' is 0, outside 1...6 (the source grid size)")
        add("negative column", { $0.columns[4] = -3 }, "entry 5 of 'col' is -3, outside 1...6 (the source grid size)")
        add("NaN weight", { $0.weights[1] = .nan }, "entry 2 of 'S' is nan, not a finite weight")
        add("infinite weight", { $0.weights[3] = .infinity }, "entry 4 of 'S' is inf, not a finite weight")
        add("weights on the wrong dimension", { $0.weightDimension = "n_b" }, "variable 'S' has dimensions (n_b), expected (n_s)")
        add("empty matrix", { $0.rows = []; $0.columns = []; $0.weights = [] }, "the matrix is empty (n_s = 0)")
        add("grid dims not matching n_a", { $0.sourceDims = [4, 2] }, "'src_grid_dims' = 4 × 2 has 8 points, but n_a = 6")
        add("SCRIP without remap_matrix", { $0.format = "scrip"; $0.leaveOut = ["remap_matrix"] },
            "missing variable 'remap_matrix' (needed in the SCRIP format)")
        add("SCRIP address out of range", { $0.format = "scrip"; $0.rows[4] = 40 },
            "entry 5 of 'dst_address' is 40, outside 1...4 (the destination grid size)")
        add("no destination coordinates", { $0.leaveOut = ["xc_b"] }, "missing variable 'xc_b'")
        add("neither format", { $0.leaveOut = ["S", "row", "col"] }, "is neither an ESMF weights file (variables S, row, col) nor a SCRIP one")
        return list
    }()

    @Test("each malformed file gives its message", arguments: cases.indices)
    func malformed(index: Int) {
        let (name, weights, message) = Self.cases[index]
        let dir = TemporaryDirectory("malformed")
        let path = dir.path + "/weights.nc"
        weights.write(to: path)
        SyntheticWeights.writeInput(to: dir.path + "/in.nc")
        _ = name
        expectFailure(path, input: dir.path + "/in.nc", ranks: index % 4 + 1, message: "weights file \(path): \(message)")
    }

    /// Files with two faults, or one late fault, and the message naming the earliest bad entry.
    static let earliestCases: [(SyntheticWeights, String)] = {
        var list = [(SyntheticWeights, String)]()
        func add(_ change: (inout SyntheticWeights) -> Void, _ message: String) {
            var w = SyntheticWeights()
            change(&w)
            list.append((w, message))
        }
        add({ $0.rows[1] = 9; $0.weights[3] = .nan }, "entry 2 of 'row' is 9, outside 1...4 (the destination grid size)")
        add({ $0.weights[1] = .nan; $0.rows[3] = 9 }, "entry 2 of 'S' is nan, not a finite weight")
        add({ $0.columns[2] = 0; $0.rows[2] = 0 }, "entry 3 of 'row' is 0, outside 1...4 (the destination grid size)")
        add({ $0.columns[4] = 7 }, "entry 5 of 'col' is 7, outside 1...6 (the source grid size)")
        return list
    }()

    @Test("1 rank, which reads the matrix by itself, names the earliest bad entry as 3 ranks do", arguments: earliestCases.indices)
    func earliestBadEntry(index: Int) {
        let (weights, message) = Self.earliestCases[index]
        let dir = TemporaryDirectory("bad-entry")
        let path = dir.path + "/weights.nc"
        weights.write(to: path)
        SyntheticWeights.writeInput(to: dir.path + "/in.nc")
        for ranks in [1, 3] { expectFailure(path, input: dir.path + "/in.nc", ranks: ranks, message: "weights file \(path): \(message)") }
    }

    @Test("the well-formed synthetic file works, so the cases above fail for their fault alone")
    func wellFormed() {
        let dir = TemporaryDirectory("wellformed")
        SyntheticWeights().write(to: dir.path + "/w.nc")
        SyntheticWeights.writeInput(to: dir.path + "/in.nc")
        let result = Job.mpirun(ranks: 3, "coupled-driver", ["remap", "--weights", dir.path + "/w.nc", dir.path + "/in.nc", dir.path + "/out.nc"])
        #expect(result.exitCode == 0, "\(result.output)")
        #expect(values("f", in: dir.path + "/out.nc") == [1, 2, 3, 5.5])
    }

    @Test("a file that is not netCDF, a missing file, and a truncated file")
    func unreadable() {
        let dir = TemporaryDirectory("unreadable")
        let text = dir.write("text.nc", "this is not a weights file\n")
        SyntheticWeights.writeInput(to: dir.path + "/in.nc")
        expectFailure(text, input: dir.path + "/in.nc", ranks: 2, message: "weights file \(text): cannot be opened as netCDF: NetCDF: Unknown file format")
        expectFailure(dir.path + "/none.nc", input: dir.path + "/in.nc", ranks: 3,
                      message: "weights file \(dir.path)/none.nc: cannot be opened as netCDF: No such file or directory")
        let good = MappingFixtures.shared.conservative2degToT31
        let truncated = dir.path + "/truncated.nc"
        let bytes = FileManager.default.contents(atPath: good)!
        _ = FileManager.default.createFile(atPath: truncated, contents: bytes.prefix(bytes.count / 2))
        expectFailure(truncated, input: MappingFixtures.shared.input(for: good), ranks: 4, message: "weights file \(truncated): ")
    }

    @Test("weights for another grid than the input's")
    func wrongGrid() {
        let fixtures = MappingFixtures.shared
        let input = fixtures.input(for: fixtures.conservative2degToT31)
        expectFailure(fixtures.conservative1degToT62, input: input, ranks: 2,
                      message: "no variable of \(input) is on the map's source grid: none has trailing dimensions of lengths 180 × 360")
    }
}
