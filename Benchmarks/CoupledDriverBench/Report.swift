import Foundation

extension Orchestrator {
    /// Every section, as Markdown.
    func report() -> String {
        var lines = [String]()
        let bandwidth = copyBandwidth()
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let allCoresBandwidth = copyBandwidth(threads: cores)
        let cpu = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?.split(separator: "\n")
            .first { $0.hasPrefix("model name") }?.split(separator: ":").last.map { $0.trimmingCharacters(in: .whitespaces) } ?? "unknown"
        lines.append("Machine: \(cpu), \(cores) cores; memcpy bandwidth \(f(bandwidth / 1e9, 1)) GB/s on one core, "
            + "\(f(allCoresBandwidth / 1e9, 1)) GB/s on all \(cores) together (256 MiB buffers, best of 8).")
        lines.append("")
        lines += mappingSection(bandwidth: bandwidth, allCores: allCoresBandwidth)
        lines += layoutSection()
        lines += mapTypeSection()
        lines += distributionSection()
        lines += memorySection()
        lines += remapSection()
        lines += coupledRunSection()
        return lines.joined(separator: "\n")
    }

    private func mappingSection(bandwidth: Double, allCores: Double) -> [String] {
        var lines = ["### Mapping: y = S·x for K fields (min / median of \(calls) calls)", "",
                     "| weights | entries | K | ranks | min ms | median ms | Gnnz·fields/s | scipy CSR min ms | scipy / ours | share of copy bandwidth | 1 rank / 2 ranks | halo points (largest rank) |",
                     "|---|---|---|---|---|---|---|---|---|---|---|---|"]
        for (name, map) in [("0.25° → T62", "map_qdeg_t62.nc"), ("1° → T62", "map_1deg_t62.nc")] {
            for k in [1, 10] {
                let scipyLine = run("/usr/bin/env", ["python3", scipyScript, path(map), "\(k)", "\(calls)"])
                let scipy = try! JSONDecoder().decode(Timing.self, from: Data(scipyLine.utf8))
                var single = Double.nan
                for ranks in [1, 2] {
                    let r = worker(ranks, ["mapping", path(map), "\(k)", "\(calls)"], as: MappingResult.self)
                    let t = r.timing.minimum
                    if ranks == 1 { single = t }
                    let bytes = Double(r.entries) * 12 + Double(r.sourcePoints + r.destinationPoints) * Double(k) * 8
                    lines.append("| \(name) | \(r.entries) | \(k) | \(ranks) | \(f(t * 1e3, 3)) | \(f(r.timing.median * 1e3, 3)) | "
                        + "\(f(Double(r.entries * k) / t / 1e9, 2)) | \(ranks == 1 ? f(scipy.minimum * 1e3, 3) : "") | "
                        + "\(ranks == 1 ? f(scipy.minimum / t, 2) + "×" : "") | \(f(bytes / t / (ranks == 1 ? bandwidth : allCores) * 100, 0))% | "
                        + "\(ranks == 2 ? f(single / t, 2) + "×" : "") | \(r.haloPoints) |")
                }
            }
        }
        lines += ["", "Share of copy bandwidth: the bytes one call must touch once (12 bytes per entry, 8·K per source and destination point) "
                  + "per second, over the memcpy bandwidth above (one core for 1 rank, all cores for 2 ranks).", ""]
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
                     "| chunk size (entries) | ranks | read + distribute ms | / plain read |", "|---|---|---|---|"]
        for chunk in [16_384, 65_536, 262_144, 1_048_576] {
            for ranks in [1, 2] {
                let r = worker(ranks, ["distribution", path("map_qdeg_t62.nc"), "\(chunk)"], as: DistributionResult.self)
                lines.append("| \(chunk) | \(ranks) | \(f(r.seconds * 1e3, 1)) | \(f(r.seconds / plain.seconds, 2))× |")
            }
        }
        return lines + [""]
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
        var lines = ["### Whole-file remap (best of 3 runs, whole process, including MPI start-up)", "",
                     "| input | weights | tool | seconds | / coupled-driver on 1 rank |", "|---|---|---|---|---|"]
        let inputs = [("0.25°, 1 variable × 10 records (83 MB)", "input_qdeg.nc"),
                      ("0.25°, 2 variables × 40 records (670 MB)", "input_qdeg_large.nc")]
        for (inputName, file) in inputs {
            let input = path(file)
            for (name, map) in [("ncremap conservative → T62", "map_qdeg_t62.nc"), ("CDO gencon → N48", "map_cdo_qdeg_n48.nc")] {
                let ours1 = wallClock("/usr/bin/mpirun", ["-n", "1", driver, "remap", "--weights", path(map), input, path("out_ours.nc")])
                let ours2 = wallClock("/usr/bin/mpirun", ["--oversubscribe", "-n", "2", driver, "remap", "--weights", path(map), input, path("out_ours.nc")])
                let peer = map.hasPrefix("map_cdo")
                    ? ("cdo remap", wallClock("/usr/bin/cdo", ["-s", "-O", "remap,n48,\(path(map))", input, path("out_peer.nc")]))
                    : ("ncremap -m", wallClock("/usr/bin/ncremap", ["-m", path(map), input, path("out_peer.nc")]))
                lines.append("| \(inputName) | \(name) | coupled-driver remap, 1 rank | \(f(ours1, 2)) | 1.00× |")
                lines.append("| \(inputName) | \(name) | coupled-driver remap, 2 ranks | \(f(ours2, 2)) | \(f(ours2 / ours1, 2))× |")
                lines.append("| \(inputName) | \(name) | \(peer.0) | \(f(peer.1, 2)) | \(f(peer.1 / ours1, 2))× |")
            }
        }
        let startUp = wallClock("/usr/bin/mpirun", ["-n", "1", binaries.appendingPathComponent("coupled-driver-bench").path, "worker", "startup", "-"])
        return lines + ["", "An MPI program that only starts and stops takes \(f(startUp, 2)) s here (`mpirun -n 1`, Open MPI with `OMPI_MCA_pml=ob1`).", ""]
    }
}

/// The scipy script, next to this benchmark's sources.
let scipyScript = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("scipy_csr.py").path

/// `value` with `digits` decimals.
func f(_ value: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", value) }
