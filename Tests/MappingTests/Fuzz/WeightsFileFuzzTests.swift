import Coupling
import Foundation
import MPI
import NetCDF
import Testing
import TestSupport

/// Weights files that are broken, fed to the weights reader: valid netCDF with wrong content,
/// read in this process (header, matrix distributed in chunks, grid arrays), and corrupted
/// bytes, read by `coupled-driver remap` in child processes because netCDF-C and HDF5
/// themselves crash on some. Every file must give a valid matrix or an error naming the file.
@Suite("Fuzz: weights files", .serialized)
struct WeightsFileFuzzTests {
    /// Real ESMF and SCRIP weights with 1 to 3 content mutations, written as CDF-1, CDF-2, CDF-5 or netCDF-4.
    static let semanticCount = 800
    /// Real ESMF (classic and netCDF-4) and SCRIP weights with 1 to 4 byte corruptions.
    static let byteCount = 60

    static let esmfRoles = SemanticMutator.Roles(
        indices: [("row", "n_b"), ("col", "n_a")], weights: ["S"], gridShapes: ["src_grid_dims", "dst_grid_dims"],
        names: ["n_a", "n_b", "n_s", "row", "col", "S", "src_grid_dims", "dst_grid_dims", "src_grid_rank", "dst_grid_rank",
                "xc_a", "yc_a", "xc_b", "yc_b", "area_a", "area_b", "frac_a", "frac_b", "mask_a", "mask_b"])
    static let scripRoles = SemanticMutator.Roles(
        indices: [("dst_address", "dst_grid_size"), ("src_address", "src_grid_size")], weights: ["remap_matrix"],
        gridShapes: ["src_grid_dims", "dst_grid_dims"],
        names: ["src_grid_size", "dst_grid_size", "num_links", "num_wgts", "src_address", "dst_address", "remap_matrix",
                "src_grid_dims", "dst_grid_dims", "src_grid_rank", "dst_grid_rank", "src_grid_center_lat", "src_grid_center_lon",
                "dst_grid_center_lat", "dst_grid_center_lon", "src_grid_area", "dst_grid_area", "src_grid_frac", "dst_grid_frac",
                "src_grid_imask", "dst_grid_imask"])

    @Test("valid netCDF with wrong content gives a valid matrix or an error naming the file")
    func wrongContent() {
        let fixtures = FuzzFixtures.shared
        let bases = [(try! NetCDFModel(readingAt: fixtures.esmfWeights), Self.esmfRoles),
                     (try! NetCDFModel(readingAt: fixtures.scripWeights), Self.scripRoles)]
        let world = InProcessMPI.world
        QuietHDF5.onThisThread()
        let directory = TemporaryDirectory("fuzz-weights")
        let run = FuzzRun(test: "WeightsFileFuzzTests/wrongContent", seed: 0x5747_0000_0001, count: Self.semanticCount)
        let report = run.run { index, random in
            let (base, roles) = random.pick(bases)
            var model = base
            let recipe = SemanticMutator(roles: roles).mutate(&model, &random)
            let path = directory.path + "/case\(index).nc"
            defer { unlink(path) }
            guard let format = MutantWriter.write(model, to: path, &random) else {
                return FuzzOutcome(problems: [], kind: "not writable as netCDF", input: { recipe })
            }
            let input: @Sendable () -> String = { "\(recipe), written as \(format)" }
            do throws(WeightsError) {
                let weights = try WeightsFile(path: path)
                let problems = try Self.problems(reading: weights, world: world, &random)
                return FuzzOutcome(problems: problems, kind: "read", input: input)
            } catch {
                let named = error.path == path && error.description.contains(path) && !error.message.isEmpty
                return FuzzOutcome(problems: named ? [] : ["an error that does not name the file: \(error)"], kind: "clean error", input: input)
            }
        }
        print("fuzz: \(run.test): \(report.summary)")
        for failure in report.failures { Issue.record(Comment(rawValue: failure)) }
        #expect(report.tried == Self.semanticCount)  // 800 inputs per run (docs/fuzzing.md)
    }

    @Test("corrupted bytes: coupled-driver remap ends with a result or an error naming the file; library crashes are counted")
    func corruptedBytes() {
        let fixtures = FuzzFixtures.shared
        let bases = [fixtures.esmfWeights, fixtures.esmfWeightsNetCDF4, fixtures.scripWeights].map {
            (name: ($0 as NSString).lastPathComponent, bytes: [UInt8](FileManager.default.contents(atPath: $0)!))
        }
        let directory = TemporaryDirectory("fuzz-weights-bytes")
        let folder = directory.path, input = fixtures.input
        let run = FuzzRun(test: "WeightsFileFuzzTests/corruptedBytes", seed: 0x5747_0000_0002, count: Self.byteCount,
                          slowCase: .seconds(20))
        let report = run.runConcurrently(workers: 4) { index, random in
            let base = bases[index % bases.count]
            let (bytes, recipe) = FileByteMutator.mutated(base.bytes, &random)
            let path = folder + "/case\(index).nc", output = folder + "/out\(index).nc"
            _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
            defer { unlink(path); unlink(output) }
            let (ending, standardError) = LimitedChild.run(Job.product("coupled-driver"), ["remap", "--weights", path, input, output])
            return ChildVerdict.outcome(ending, standardError: standardError, file: path, input: { "\(base.name) with \(recipe)" })
        }
        print("fuzz: \(run.test): \(report.summary)")
        for failure in report.failures { Issue.record(Comment(rawValue: failure)) }
        #expect(report.tried == Self.byteCount)  // 60 inputs per run (docs/fuzzing.md)
        withExtendedLifetime(directory) {}
    }

    /// What is wrong with a weights file that opened: its header must describe grids of 1 or 2
    /// dimensions matching the sizes, and the matrix distributed over random segments of the
    /// destination grid, in random chunk sizes, must hold every entry once with indices inside
    /// the grids and finite weights; grid arrays must read as many values as asked for.
    private static func problems(reading weights: WeightsFile, world: Communicator, _ random: inout FuzzRandom) throws(WeightsError) -> [String] {
        var problems = [String]()
        for (side, shape, size) in [("source", weights.sourceShape, weights.sourceSize), ("destination", weights.destinationShape, weights.destinationSize)]
        where !(1 ... 2).contains(shape.count) || shape.contains(where: { $0 < 1 }) || shape.reduce(1, *) != size || size < 1 {
            problems.append("the \(side) grid has shape \(shape) for \(size) points")
        }
        guard problems.isEmpty else { return problems }
        let destination = randomSegments(of: weights.destinationSize, &random)
        let rows = try weights.distributeRows(communicator: world, destination: destination, chunkSize: random.inRange(1 ... 40))
        if rows.rowStarts.count != weights.destinationSize + 1 || rows.rowStarts.first != 0 || rows.rowStarts.last != weights.entryCount
            || zip(rows.rowStarts, rows.rowStarts.dropFirst()).contains(where: { $0 > $1 }) {
            problems.append("row starts \(rows.rowStarts.prefix(20))... do not cover \(weights.entryCount) entries of \(weights.destinationSize) rows")
        }
        if rows.columns.count != weights.entryCount || rows.columns.contains(where: { $0 < 0 || Int($0) >= weights.sourceSize }) {
            problems.append("\(rows.columns.count) columns for \(weights.entryCount) entries, or a column outside 0..<\(weights.sourceSize)")
        }
        if rows.weights.count != weights.entryCount || rows.weights.contains(where: { !$0.isFinite }) {
            problems.append("\(rows.weights.count) weights for \(weights.entryCount) entries, or a weight that is not finite")
        }
        for side in [WeightsFile.Side.source, .destination] {
            for array in [WeightsFile.GridArray.longitude, .latitude, .area, .fraction, .mask] where weights.has(array, of: side) {
                let size = side == .source ? weights.sourceSize : weights.destinationSize
                let lower = random.below(size), upper = random.inRange(lower ... size)
                let values = try weights.read(array, of: side, points: lower ..< upper)
                if values.count != upper - lower { problems.append("\(array) of the \(side) grid read \(values.count) values for \(lower)..<\(upper)") }
            }
        }
        return problems
    }

    /// All of `0 ..< size` in consecutive segments of random lengths.
    private static func randomSegments(of size: Int, _ random: inout FuzzRandom) -> Decomposition {
        var segments = [Decomposition.Segment](), start = 0
        while start < size {
            let count = random.inRange(1 ... size - start)
            segments.append(Decomposition.Segment(start: start, count: count))
            start += count
        }
        return try! Decomposition(globalSize: size, segments: segments)
    }
}
