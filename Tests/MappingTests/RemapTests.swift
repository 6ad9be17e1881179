import Foundation
import NetCDF
import Testing
import TestSupport

/// `coupled-driver remap` under mpirun on real NCO and CDO weights.
@Suite("remap", .serialized)
struct RemapTests {
    let fixtures = MappingFixtures.shared

    private func remap(ranks: Int, weights: String, input: String, output: String, extra: [String] = []) {
        let result = Job.mpirun(ranks: ranks, "coupled-driver", ["remap", "--weights", weights, input, output] + extra, timeout: 300)
        #expect(result.exitCode == 0, "remap on \(ranks) ranks failed: \(result.output)")
    }

    /// Runs `remap` as a plain process, without mpirun: one process that never starts MPI.
    private func remapAlone(weights: String, input: String, output: String, extra: [String] = []) {
        let result = Job.run(Job.product("coupled-driver"), ["remap", "--weights", weights, input, output] + extra, timeout: 300)
        #expect(result.exitCode == 0, "remap without mpirun failed: \(result.output)")
        #expect(result.standardOutput.contains("1 process without MPI"), "\(result.output)")
    }

    @Test("the output is the same bytes for 1 process without MPI, 1-4 ranks, 1-4 threads and chunk sizes 1, 7, 1000 and the default")
    func sameBytesForAnyLayoutAndChunk() {
        let dir = TemporaryDirectory("remap-bytes")
        let weights = fixtures.conservative2degToT31
        let input = fixtures.input(for: weights)
        let reference = dir.path + "/reference.nc"
        remapAlone(weights: weights, input: input, output: reference)
        for ranks in 1 ... 4 {
            for chunk in ["1", "7", "1000", nil] as [String?] {
                let out = dir.path + "/out_\(ranks)_\(chunk ?? "default").nc"
                remap(ranks: ranks, weights: weights, input: input, output: out, extra: chunk.map { ["--chunk-size", $0] } ?? [])
                #expect(sameBytes(out, reference), "\(ranks) ranks, chunk \(chunk ?? "default") differs from 1 process without MPI")
            }
        }
        for threads in 1 ... 4 {
            let out = dir.path + "/out_threads_\(threads).nc"
            remapAlone(weights: weights, input: input, output: out, extra: ["--threads", "\(threads)"])
            #expect(sameBytes(out, reference), "\(threads) threads differ from the default")
            let ranks = 5 - threads
            let mixed = dir.path + "/out_\(ranks)x\(threads).nc"
            remap(ranks: ranks, weights: weights, input: input, output: mixed, extra: ["--threads", "\(threads)"])
            #expect(sameBytes(mixed, reference), "\(ranks) ranks of \(threads) threads differ from 1 process without MPI")
        }
    }

    @Test("a 1.3M-entry map gives the same bytes on 1 process without MPI and 1-4 ranks, and equals S·x computed independently")
    func largeMap() {
        let dir = TemporaryDirectory("remap-large")
        let weights = fixtures.conservativeQuarterDegToT62
        let input = fixtures.input(for: weights)
        let first = dir.path + "/out0.nc"
        remapAlone(weights: weights, input: input, output: first, extra: ["--threads", "1"])
        for ranks in 1 ... 4 {
            let out = dir.path + "/out\(ranks).nc"
            remap(ranks: ranks, weights: weights, input: input, output: out)
            #expect(sameBytes(out, first), "\(ranks) ranks")
        }
        let threaded = dir.path + "/threaded.nc"
        remapAlone(weights: weights, input: input, output: threaded, extra: ["--threads", "3"])
        #expect(sameBytes(threaded, first), "3 threads")
        let matrix = ReferenceMatrix(path: weights)
        #expect(matrix.weights.count > 1_000_000)
        let x = values("f", in: input), y = values("f", in: first)
        let n = x.count / 2
        let expected = matrix.apply(Array(x[0 ..< n])) + matrix.apply(Array(x[n...]))
        #expect(maximumRelativeDifference(y, expected) <= 1e-12)
    }

    @Test("ESMF weights from ncremap: the same as ncremap -m to round-off", arguments: ["conservative", "inverse distance"])
    func matchesNcremap(kind: String) {
        let dir = TemporaryDirectory("remap-ncremap")
        let weights = kind == "conservative" ? fixtures.conservative1degToT62 : fixtures.inverseDistance2degToT62
        let input = fixtures.input(for: weights)
        let ours = dir.path + "/ours.nc", oursPlain = dir.path + "/ours_plain.nc"
        remap(ranks: 3, weights: weights, input: input, output: ours)
        remap(ranks: 2, weights: weights, input: input, output: oursPlain, extra: ["--no-renormalize"])
        let theirs = dir.path + "/ncremap.nc", theirsRenormalized = dir.path + "/ncremap_rnr.nc"
        for (output, extra) in [(theirs, [String]()), (theirsRenormalized, ["--rnr_thr=0.0"])] {
            let r = Job.run("/usr/bin/ncremap", extra + ["-m", weights, input, output], timeout: 300)
            #expect(r.exitCode == 0, "\(r.output)")
        }
        #expect(maximumRelativeDifference(values("f", in: ours), values("f", in: theirs)) <= 1e-12)
        // Missing values: ncremap without renormalisation sums the valid contributions...
        #expect(maximumRelativeDifference(values("g", in: oursPlain), values("g", in: theirs)) <= 1e-12)
        // ... and with a renormalisation threshold of 0 divides by their weight, as we do by default.
        #expect(maximumRelativeDifference(values("g", in: ours), values("g", in: theirsRenormalized)) <= 1e-12)
        #expect(values("lat", in: ours) == values("lat", in: theirs))
        #expect(values("lon", in: ours) == values("lon", in: theirs))
        #expect(values("time", in: ours) == [0, 1])
    }

    @Test("SCRIP weights from CDO: the same as cdo remap to round-off",
          arguments: [("gencon", "r360x180"), ("genbil", "r180x90"), ("gendis", "r180x90")])
    func matchesCDO(method: String, grid: String) {
        let dir = TemporaryDirectory("remap-cdo")
        let weights = method == "gencon" ? fixtures.cdoConservativeN48To1deg
            : method == "genbil" ? fixtures.cdoBilinearN48To2deg : fixtures.cdoDistanceN48To2deg
        let ours = dir.path + "/ours.nc", theirs = dir.path + "/cdo.nc"
        remap(ranks: 4, weights: weights, input: fixtures.topographyN48, output: ours)
        let r = Job.run("/usr/bin/cdo", ["-s", "remap,\(grid),\(weights)", fixtures.topographyN48, theirs], timeout: 300)
        #expect(r.exitCode == 0, "\(r.output)")
        #expect(maximumRelativeDifference(values("topo", in: ours), values("topo", in: theirs), floor: 1) <= 1e-12)
        #expect(maximumRelativeDifference(values("lat", in: ours), values("lat", in: theirs), floor: 1) <= 1e-13)
    }

    @Test("every map equals S·x computed independently from the file's entries")
    func matchesReference() {
        let dir = TemporaryDirectory("remap-reference")
        for weights in [fixtures.conservative1degToT62, fixtures.inverseDistance2degToT62, fixtures.cdoConservativeN48To1deg,
                        fixtures.cdoBilinearN48To2deg, fixtures.cdoDistanceN48To2deg] {
            let input = fixtures.input(for: weights)
            let out = dir.path + "/out.nc"
            remap(ranks: 2, weights: weights, input: input, output: out)
            let matrix = ReferenceMatrix(path: weights)
            let x = values("f", in: input), y = values("f", in: out)
            let n = x.count / 2
            let expected = matrix.apply(Array(x[..<n])) + matrix.apply(Array(x[n...]))
            #expect(maximumRelativeDifference(y, expected) <= 1e-12, "\(weights)")
        }
    }

    @Test("packed values (ncpdq: short with scale_factor and add_offset) are unpacked before they are mapped, one slice per group or many",
          arguments: ["2° → T31", "0.25° → T62"])
    func packedInput(map: String) {
        let dir = TemporaryDirectory("remap-packed")
        let weights = map == "2° → T31" ? fixtures.conservative2degToT31 : fixtures.conservativeQuarterDegToT62
        let packed = dir.path + "/packed.nc", out = dir.path + "/out.nc"
        let pack = Job.run("/usr/bin/ncpdq", ["-O", "-P", "all_new", "-v", "f", fixtures.input(for: weights), packed], timeout: 300)
        #expect(pack.exitCode == 0, "\(pack.output)")
        remapAlone(weights: weights, input: packed, output: out)
        let d = try! Dataset(openingAt: packed)
        let f = try! d.requireVariable("f")
        #expect(f.type == .short, "ncpdq packed f as \(f.type)")
        let scale = try! d.attribute("scale_factor", of: f)!.doubles![0], offset = try! d.attribute("add_offset", of: f)!.doubles![0]
        let x = values("f", in: packed).map { $0 * scale + offset }
        let matrix = ReferenceMatrix(path: weights)
        let n = x.count / f.shape[0]
        let expected = (0 ..< f.shape[0]).flatMap { matrix.apply(Array(x[$0 * n ..< ($0 + 1) * n])) }
        #expect(maximumRelativeDifference(values("f", in: out), expected) <= 1e-12)
    }

    @Test("a source masked by real topography: missing points are left out and the result renormalised")
    func maskedSource() {
        let dir = TemporaryDirectory("remap-masked")
        let weights = fixtures.cdoMaskedOceanToN32, input = fixtures.maskedOceanInput
        let out = dir.path + "/out.nc", alone = dir.path + "/alone.nc"
        remap(ranks: 3, weights: weights, input: input, output: out)
        remapAlone(weights: weights, input: input, output: alone)
        #expect(sameBytes(alone, out), "SCRIP weights, missing values: 1 process without MPI differs from 3 ranks")
        let x = values("topo", in: input), y = values("topo", in: out)
        let fill = -9e33
        let valid = x.map { abs($0 - fill) > 1e20 ? 1.0 : 0.0 }
        let matrix = ReferenceMatrix(path: weights)
        let sums = matrix.apply(zip(x, valid).map { $0 * $1 }), norms = matrix.apply(valid)
        var worst = 0.0, filled = 0
        for i in y.indices {
            if norms[i] == 0 { filled += y[i] < -1e30 ? 1 : 0; continue }
            worst = max(worst, abs(y[i] - sums[i] / norms[i]) / max(abs(y[i]), 1))
        }
        #expect(worst <= 1e-12)
        #expect(filled == norms.filter { $0 == 0 }.count && filled > 0, "land-only cells get _FillValue")
        let theirs = dir.path + "/cdo.nc"
        let r = Job.run("/usr/bin/cdo", ["-s", "remap,n32,\(weights)", input, theirs], timeout: 300)
        #expect(r.exitCode == 0)
        let cdo = values("topo", in: theirs)
        let both = y.indices.filter { y[$0] > -1e30 && cdo[$0] > -1e30 }
        #expect(both.count > 1000)
        #expect(maximumRelativeDifference(both.map { y[$0] }, both.map { cdo[$0] }, floor: 1) <= 1e-12)
    }

    @Test("a conservative map conserves the area integral to round-off")
    func conservation() {
        let dir = TemporaryDirectory("remap-conservation")
        for weights in [fixtures.conservative1degToT62, fixtures.conservativeQuarterDegToT62] {
            let input = fixtures.input(for: weights)
            let out = dir.path + "/out.nc"
            remap(ranks: 2, weights: weights, input: input, output: out, extra: ["--variables", "f"])
            let x = Array(values("f", in: input).prefix(values("area_a", in: weights).count))
            let y = Array(values("f", in: out).prefix(values("area_b", in: weights).count))
            let source = zip(zip(x, values("area_a", in: weights)), values("frac_a", in: weights)).map { $0.0 * $0.1 * $1 }
            let destination = zip(zip(y, values("area_b", in: weights)), values("frac_b", in: weights)).map { $0.0 * $0.1 * $1 }
            let a = compensatedSum(source), b = compensatedSum(destination)
            #expect(abs(a - b) / abs(a) <= 1e-13, "\(weights): \(a) vs \(b)")
        }
    }

    @Test("--variables maps only the variables named; the rest of the grid's variables are left out")
    func selectedVariables() {
        let dir = TemporaryDirectory("remap-selected")
        let weights = fixtures.conservative2degToT31
        let out = dir.path + "/out.nc"
        let result = Job.mpirun(ranks: 2, "coupled-driver", ["remap", "--weights", weights, "--variables", "f",
                                                              fixtures.input(for: weights), out])
        #expect(result.exitCode == 0)
        #expect(result.standardOutput.contains("mapped: f\n"))
        #expect(result.standardOutput.contains("left out: g (not asked for with --variables)"))
        let d = try! Dataset(openingAt: out)
        #expect(try! d.variables().map(\.name).sorted() == ["f", "lat", "lon", "time"])
        #expect(try! d.dimension(named: "time")?.isUnlimited == true)
    }
}

/// A sum with Kahan–Babuška compensation.
func compensatedSum(_ values: [Double]) -> Double {
    var sum = 0.0, compensation = 0.0
    for v in values {
        let t = sum + v
        compensation += abs(sum) >= abs(v) ? (sum - t) + v : (v - t) + sum
        sum = t
    }
    return sum + compensation
}
