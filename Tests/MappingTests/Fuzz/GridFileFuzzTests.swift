import Coupling
import Foundation
import NetCDF
import Testing
import TestSupport

/// SCRIP grid files that are broken, fed to the grid reader (`ScripGrid`: header, then the
/// points of a random set of segments): valid netCDF with wrong content, and corrupted bytes.
/// Every file must give a grid whose arrays fit it or an error naming the file.
///
/// A corrupted file is first read whole by `ncdump` in a child process, as netCDF-C crashes on
/// some; only files netCDF-C reads without error are then read here (the rest are counted).
@Suite("Fuzz: grid files", .serialized)
struct GridFileFuzzTests {
    /// A real SCRIP grid with 1 to 3 content mutations, written as CDF-1, CDF-2, CDF-5 or netCDF-4.
    static let semanticCount = 500
    /// A real SCRIP grid (classic and netCDF-4) with 1 to 4 byte corruptions.
    static let byteCount = 60

    static let roles = SemanticMutator.Roles(
        indices: [], weights: [], gridShapes: ["grid_dims"],
        names: ["grid_size", "grid_rank", "grid_corners", "grid_dims", "grid_center_lat", "grid_center_lon", "grid_imask",
                "grid_area", "grid_corner_lat", "grid_corner_lon"])

    @Test("valid netCDF with wrong content gives a fitting grid or an error naming the file")
    func wrongContent() {
        let base = try! NetCDFModel(readingAt: FuzzFixtures.shared.grid)
        QuietHDF5.onThisThread()
        let directory = TemporaryDirectory("fuzz-grid")
        let run = FuzzRun(test: "GridFileFuzzTests/wrongContent", seed: 0x4752_0000_0001, count: Self.semanticCount)
        let report = run.run { index, random in
            var model = base
            let recipe = SemanticMutator(roles: Self.roles).mutate(&model, &random)
            let path = directory.path + "/case\(index).nc"
            defer { unlink(path) }
            guard let format = MutantWriter.write(model, to: path, &random) else {
                return FuzzOutcome(problems: [], kind: "not writable as netCDF", input: { recipe })
            }
            return Self.outcome(reading: path, &random, input: { "\(recipe), written as \(format)" })
        }
        print("fuzz: \(run.test): \(report.summary)")
        for failure in report.failures { Issue.record(Comment(rawValue: failure)) }
        #expect(report.tried == Self.semanticCount)  // 500 inputs per run (docs/fuzzing.md)
    }

    @Test("corrupted bytes give a fitting grid or an error naming the file; library crashes are counted")
    func corruptedBytes() {
        let fixtures = FuzzFixtures.shared
        let bases = [fixtures.grid, fixtures.gridNetCDF4].map {
            (name: ($0 as NSString).lastPathComponent, bytes: [UInt8](FileManager.default.contents(atPath: $0)!))
        }
        let directory = TemporaryDirectory("fuzz-grid-bytes")
        let folder = directory.path
        // ncdump in child processes, several at a time; the files it reads go to this process after.
        let screen = FuzzRun(test: "GridFileFuzzTests/corruptedBytes", seed: 0x4752_0000_0002, count: Self.byteCount, slowCase: .seconds(20))
        let screened = screen.runConcurrently(workers: 4) { index, random in
            let base = bases[index % bases.count]
            let (bytes, recipe) = FileByteMutator.mutated(base.bytes, &random)
            let path = folder + "/case\(index).nc"
            _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
            let input: @Sendable () -> String = { "\(base.name) with \(recipe)" }
            let ending = LimitedChild.run("/usr/bin/ncdump", [path]).ending
            switch ending {
            case .exited(0):
                return FuzzOutcome(problems: [], kind: "readable", input: input)
            case .exited:
                return FuzzOutcome(problems: [], kind: "not netCDF to netCDF-C (ncdump fails)", input: input)
            case .signal, .timedOut:
                return FuzzOutcome(problems: [], kind: "netCDF-C crash or hang (ncdump: \(ending))", input: input)
            }
        }
        for failure in screened.failures { Issue.record(Comment(rawValue: failure)) }
        QuietHDF5.onThisThread()
        let run = FuzzRun(test: "GridFileFuzzTests/corruptedBytes", seed: 0x4752_0000_0002, count: Self.byteCount)
        let report = run.run { index, random in
            let path = folder + "/case\(index).nc"
            guard screened.kind(of: index) == "readable" else {
                return FuzzOutcome(problems: [], kind: "screened out", input: { path })
            }
            return Self.outcome(reading: path, &random, input: { path })
        }
        print("fuzz: \(run.test): ncdump: \(screened.summary); read here: \(report.summary)")
        for failure in report.failures { Issue.record(Comment(rawValue: failure)) }
        #expect(report.tried == Self.byteCount)  // 60 inputs per run (docs/fuzzing.md)
        withExtendedLifetime(directory) {}
    }

    /// Reads the grid at `path` and the points of a random set of segments: the grid must have 1 or 2
    /// dimensions of at least 1 matching its size, and each array one value per point; or
    /// the error must name the file.
    private static func outcome(reading path: String, _ random: inout FuzzRandom, input: @escaping @Sendable () -> String) -> FuzzOutcome {
        do throws(GridError) {
            let grid = try ScripGrid(path: path, name: "fuzz")
            let shape = grid.description.shape
            guard (1 ... 2).contains(shape.count), !shape.contains(where: { $0 < 1 }), shape.reduce(1, *) == grid.description.size else {
                return FuzzOutcome(problems: ["the grid has shape \(shape) for \(grid.description.size) points"], kind: "read", input: input)
            }
            let size = grid.description.size
            let indices = (0 ..< size).filter { _ in random.percent(60) }
            let decomposition = try! Decomposition(globalSize: size, indices: indices)
            let domain = try grid.domain(for: decomposition)
            let counts = [domain.longitude, domain.latitude, domain.area, domain.mask, domain.fraction].map(\.count)
            let problems = counts.allSatisfy { $0 == indices.count } ? [] : ["arrays of \(counts) values for \(indices.count) points"]
            return FuzzOutcome(problems: problems, kind: "read", input: input)
        } catch {
            let named = error.path == path && error.description.contains(path) && !error.message.isEmpty
            return FuzzOutcome(problems: named ? [] : ["an error that does not name the file: \(error)"], kind: "clean error", input: input)
        }
    }
}
