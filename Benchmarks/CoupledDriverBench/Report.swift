import Coupling
import Foundation

extension Orchestrator {
    /// Every section, as Markdown.
    func report() -> String {
        (mappingReport() + layoutSection() + mapTypeSection() + distributionSection() + memorySection() + remapSection()
            + coupledRunSection()).joined(separator: "\n")
    }

    /// The machine and its memory bandwidth, the peers and their versions, and the mapping kernel
    /// against scipy.
    func mappingReport() -> [String] {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let memory = MemoryBandwidth.measure(cores: cores)
        let cpu = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?.split(separator: "\n")
            .first { $0.hasPrefix("model name") }?.split(separator: ":").last.map { $0.trimmingCharacters(in: .whitespaces) } ?? "unknown"
        let peers = Peers(probing: self)
        return ["Machine: \(cpu), \(cores) cores.", ""] + bandwidthSection(memory) + ["Peers run side by side:", ""] + peers.lines + [""]
            + mappingSection(memory, peers: peers)
    }

    private func bandwidthSection(_ memory: MemoryBandwidth) -> [String] {
        ["### Memory bandwidth (\(memory.bytes >> 20) MiB per thread, best of \(memory.passes) passes)", "",
         "| what | one core GB/s | \(memory.cores) cores at once GB/s | at once / one |", "|---|---|---|---|",
         "| `memcpy`, bytes copied | \(f(memory.copy / 1e9, 1)) | \(f(memory.copyAllCores / 1e9, 1)) | \(f(memory.copyAllCores / memory.copy, 2))× |",
         "| streaming read (sum of 64-bit words, 8 streams at once) | \(f(memory.read / 1e9, 1)) | \(f(memory.readAllCores / 1e9, 1)) | "
            + "\(f(memory.readAllCores / memory.read, 2))× |",
         "", "The source is filled from the kernel (`/dev/urandom`), so the copy cannot be turned into a `memset`; every pass's "
            + "result is kept. All cores run at once, each on its own buffers, starting each pass together; the time is from "
            + "the common start to the last one's end.", ""]
    }

    private func mappingSection(_ memory: MemoryBandwidth, peers: Peers) -> [String] {
        var lines = ["### Mapping: y = S·x for K fields (min / median of \(calls) calls)", "",
                     "| weights | entries | K | ranks × threads | source decomposition | cache | min ms | median ms | Gnnz·fields/s | scipy CSR min ms "
                        + "| scipy / ours | share of read bandwidth | speed-up over 1 × 1 | bound | halo points (largest rank) |",
                     "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
        var scipyLines = ["| weights | K |" + peers.pythons.map { " `\($0.executable)` min ms |" }.joined(), "|---|---|"
                            + String(repeating: "---|", count: peers.pythons.count)]
        for (name, map) in [("0.25° → T62", "map_qdeg_t62.nc"), ("1° → T62", "map_1deg_t62.nc")] {
            for k in [1, 10] {
                let scipyTimes = peers.pythons.map { python in
                    let line = run(python.command[0], Array(python.command.dropFirst()) + [scipyScript, path(map), "\(k)", "\(calls)"])
                    return try! JSONDecoder().decode(Timing.self, from: Data(line.utf8)).minimum
                }
                let scipy = scipyTimes.min()!
                scipyLines.append("| \(name) | \(k) |" + scipyTimes.map { " \(f($0 * 1e3, 3)) |" }.joined())
                var single = [String: Double]()
                for (ranks, threads, decomposition) in [(1, 1, "block"), (1, 2, "block"), (2, 1, "block"), (2, 1, "cyclic")] {
                    for cache in ["warm", "cold"] {
                        let r = worker(ranks, ["mapping", path(map), "\(k)", "\(calls)", decomposition, cache, "\(threads)"], as: MappingResult.self,
                                       threads: threads)
                        let t = r.timing.minimum
                        let alone = ranks * threads == 1
                        if alone { single[cache] = t }
                        let bytes = Double(r.entries) * 12 + Double(r.sourcePoints + r.destinationPoints) * Double(k) * 8
                        let bound = alone ? memory.read : memory.readAllCores
                        let againstScipy = ranks == 1 && cache == "warm"
                        lines.append("| \(name) | \(r.entries) | \(k) | \(ranks) × \(threads) | \(decomposition) | \(cache) | \(f(t * 1e3, 3)) | "
                            + "\(f(r.timing.median * 1e3, 3)) | \(f(Double(r.entries * k) / t / 1e9, 2)) | \(againstScipy ? f(scipy * 1e3, 3) : "") | "
                            + "\(againstScipy ? f(scipy / t, 2) + "×" : "") | \(f(bytes / t / bound * 100, 0))% | "
                            + "\(alone ? "" : f(single[cache]! / t, 2) + "×") | \(alone ? "" : f(memory.readAllCores / memory.read, 2) + "×") | "
                            + "\(r.haloPoints) |")
                    }
                }
            }
        }
        lines += ["", "Share of read bandwidth: the bytes one call must touch once (12 bytes per entry, 8·K per source and destination "
                  + "point) per second, over the streaming-read bandwidth above (one core for 1 rank of 1 thread, all cores at once "
                  + "otherwise). Bound: the most a memory-bound map can gain from a second rank or thread, the 2-core over the "
                  + "1-core read bandwidth. scipy runs one thread. "
                  + "Cache: warm repeats the map on the same fields; cold reads a buffer of 4× the last-level cache (untimed) before each "
                  + "call, so that neither the matrix nor the fields are in cache. Source decomposition: `block` splits the source grid "
                  + "into contiguous blocks, as the coupler does (on 2 ranks both grids split near the equator and little moves); "
                  + "`cyclic` deals its rows to the ranks in turn, so that most of a point's sources are on the other rank. "
                  + "scipy (warm): the fastest of the Pythons below.", ""]
        lines += ["scipy CSR with each Python (min of \(calls) calls):", ""] + scipyLines + [""]
        return lines
    }

    /// Map type 'Y' against 'X' from the 0.25° grid (1,036,800 points) to T62 (18,048), 10 fields.
    func mapTypeSection() -> [String] {
        var lines = ["### Map type 'Y' (partial sums) against 'X' (gathered source), 0.25° → T62, K = 10 (min / median of \(calls) calls)", "",
                     "| source decomposition | ranks | type | set-up s | min ms | median ms | points moved per map, busiest rank | all ranks | Y / X time |",
                     "|---|---|---|---|---|---|---|---|---|"]
        for decomposition in ["block", "cyclic"] {
            for ranks in 1 ... 4 {
                var gathered = Double.nan
                for type in ["X", "Y"] {
                    let r = worker(ranks, ["maptype", path("map_qdeg_t62.nc"), type, decomposition, "10", "\(calls)"], as: MapTypeResult.self)
                    if type == "X" { gathered = r.timing.minimum }
                    lines.append("| \(decomposition) | \(ranks) | \(type) | \(f(r.setupSeconds, 2)) | \(f(r.timing.minimum * 1e3, 3)) | "
                        + "\(f(r.timing.median * 1e3, 3)) | \(r.movedPointsLargest) | \(r.movedPointsTotal) | "
                        + "\(type == "Y" ? f(r.timing.minimum / gathered, 2) + "×" : "") |")
                }
            }
        }
        return lines + ["", "Points moved: source points gathered from other ranks ('X') or partial sums sent to other ranks ('Y'); "
                        + "each carries the K fields. `cyclic` deals the source grid's latitude rows to the ranks in turn; the "
                        + "destination is in blocks. With 4 ranks on this 2-core machine the ranks take turns on the cores.", ""]
    }

    private func layoutSection() -> [String] {
        var lines = ["### Field storage: point-major (one pass over the matrix) against field-major (one pass per field), 1 rank, 0.25° → T62", "",
                     "| K | point-major min ms | field-major min ms | field-major / point-major |", "|---|---|---|---|"]
        for k in [1, 4, 10] {
            let r = worker(1, ["layout", path("map_qdeg_t62.nc"), "\(k)", "\(min(calls, 20))"], as: LayoutResult.self)
            lines.append("| \(k) | \(f(r.pointMajor.minimum * 1e3, 3)) | \(f(r.fieldMajor.minimum * 1e3, 3)) | "
                + "\(f(r.fieldMajor.minimum / r.pointMajor.minimum, 2))× |")
        }
        return lines + [""]
    }

    private func distributionSection() -> [String] {
        let plain = worker(1, ["plain-read", path("map_qdeg_t62.nc")], as: PlainReadResult.self)
        var lines = ["### Reading and distributing the 0.25° → T62 weights (1.3M entries)", "",
                     "Plain read of `row`, `col`, `S` whole on one rank with netCDF-C: \(f(plain.seconds * 1e3, 1)) ms.", "",
                     "| chunk size (entries) | ranks × threads | read + distribute ms | / plain read |", "|---|---|---|---|"]
        for chunk in [16_384, 65_536, 262_144, 1_048_576] {
            for (ranks, threads) in [(1, 1), (1, 2), (2, 1)] {
                let r = worker(ranks, ["distribution", path("map_qdeg_t62.nc"), "\(chunk)", "\(threads)"], as: DistributionResult.self,
                               threads: threads)
                lines.append("| \(chunk) | \(ranks) × \(threads) | \(f(r.seconds * 1e3, 1)) | \(f(r.seconds / plain.seconds, 2))× |")
            }
        }
        return lines + ["", "With 2 threads on one rank, one thread reads the next chunk's columns and weights while the other puts "
                        + "the last chunk's entries in their rows.", ""]
    }

    private func memorySection() -> [String] {
        var lines = ["### Peak resident memory per rank: mapper set-up and a K = 10 map, 0.25° → T62", "",
                     "| ranks | peak MiB per rank (largest rank) | / 1 rank | of which the process before mapping | mapping's own peak MiB | / 1 rank |",
                     "|---|---|---|---|---|---|"]
        var single = 0.0, singleOwn = 0.0
        for ranks in [1, 2, 4] {
            let r = worker(ranks, ["memory", path("map_qdeg_t62.nc")], as: MemoryResult.self)
            let peak = Double(r.peakMemoryPerRank.max()!) / 1_048_576
            let own = Double(zip(r.peakMemoryPerRank, r.baselineMemoryPerRank).map { $0 - $1 }.max()!) / 1_048_576
            if ranks == 1 { single = peak; singleOwn = own }
            lines.append("| \(ranks) | \(f(peak, 1)) | \(f(peak / single, 2))× | \(f(peak - own, 1)) | \(f(own, 1)) | \(f(own / singleOwn, 2))× |")
        }
        return lines + ["", "The process before mapping: the Swift runtime, Open MPI and netCDF libraries after `MPI_Init`, "
                        + "the same on every rank whatever the grid.", ""]
    }

    private func remapSection() -> [String] {
        let driver = binaries.appendingPathComponent("coupled-driver").path
        let runs = 5
        var lines = ["### Whole-file remap (median of \(runs) runs, the tools taking turns; whole process, start-up included)", "",
                     "| input | weights | tool | median s | / peer |", "|---|---|---|---|---|"]
        let cases: [(input: String, file: String, weights: String, map: String)] = [
            ("1°, 1 variable × 5 records (small)", "input_1deg.nc", "ncremap conservative → T62", "map_1deg_t62.nc"),
            ("1°, 1 variable × 5 records (small)", "input_1deg.nc", "CDO gencon → N48", "map_cdo_1deg_n48.nc"),
            ("0.25°, 1 variable × 10 records (medium)", "input_qdeg.nc", "ncremap conservative → T62", "map_qdeg_t62.nc"),
            ("0.25°, 1 variable × 10 records (medium)", "input_qdeg.nc", "CDO gencon → N48", "map_cdo_qdeg_n48.nc"),
            ("0.25°, 2 variables × 40 records (large)", "input_qdeg_large.nc", "ncremap conservative → T62", "map_qdeg_t62.nc"),
            ("0.25°, 2 variables × 40 records (large)", "input_qdeg_large.nc", "CDO gencon → N48", "map_cdo_qdeg_n48.nc"),
            ("0.1°, 1 variable × 2 records", "input_tenth.nc", "ncremap conservative → T62", "map_tenth_t62.nc"),
        ]
        for c in cases {
            let input = path(c.file), weights = path(c.map)
            let megabytes = Double((try? FileManager.default.attributesOfItem(atPath: input)[.size] as? Int) ?? 0) / 1e6
            let entries = (try? WeightsFile(path: weights).entryCount) ?? 0
            let peer: (name: String, tool: String, arguments: [String]) = c.map.hasPrefix("map_cdo")
                ? ("cdo remap", "/usr/bin/cdo", ["-s", "-O", "remap,n48,\(weights)", input, path("out_peer.nc")])
                : ("ncremap -m", "/usr/bin/ncremap", ["-m", weights, input, path("out_peer.nc")])
            let remap = ["remap", "--weights", weights, input, path("out_ours.nc")]
            let cores = ProcessInfo.processInfo.activeProcessorCount
            let tools: [(name: String, tool: String, arguments: [String])] = [
                peer,
                ("coupled-driver remap, 1 process without MPI, 1 thread", driver, remap + ["--threads", "1"]),
                ("coupled-driver remap, 1 process without MPI, \(cores) threads (the default)", driver, remap),
                ("coupled-driver remap, mpirun -n 1", "/usr/bin/mpirun", ["-n", "1", driver] + remap),
                ("coupled-driver remap, mpirun -n 2", "/usr/bin/mpirun", ["--oversubscribe", "-n", "2", driver] + remap),
            ]
            var samples = [[Double]](repeating: [], count: tools.count)
            for _ in 0 ..< runs {
                for (index, tool) in tools.enumerated() {
                    let start = monotonicSeconds()
                    run(tool.tool, tool.arguments)
                    samples[index].append(monotonicSeconds() - start)
                }
            }
            let medians = samples.map { Timing($0).median }
            for (tool, median) in zip(tools, medians) {
                lines.append("| \(c.input), \(f(megabytes, 0)) MB | \(c.weights), \(entries) entries | \(tool.name) | \(f(median, 3)) | "
                    + "\(f(median / medians[0], 2))× |")
            }
        }
        let startUp = wallClock("/usr/bin/mpirun", ["-n", "1", binaries.appendingPathComponent("coupled-driver-bench").path, "worker", "startup", "-"])
        return lines + ["", "An MPI program that only starts and stops takes \(f(startUp, 2)) s here (`mpirun -n 1`, Open MPI with "
                        + "`OMPI_MCA_pml=ob1`). Without mpirun, `remap` does not initialise MPI. `ncremap` and `cdo` run with their "
                        + "defaults (both may use threads). The peer is `ncremap -m` for ESMF weights and `cdo remap` for SCRIP "
                        + "weights (CDO reads only SCRIP files).", ""]
    }
}

/// The scipy script, next to this benchmark's sources.
let scipyScript = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("scipy_csr.py").path

/// `value` with `digits` decimals.
func f(_ value: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", value) }
