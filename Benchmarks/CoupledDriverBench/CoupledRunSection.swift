import Foundation

/// The default configuration, and the same at high resolution, on 1, 2 and 4 ranks:
/// initialisation, throughput, the coupler's share of the run and its phases, and peak memory,
/// read from each run's `timing/timing.json`; and each coupler phase of the 1-rank run in µs
/// per coupling step.
extension Orchestrator {
    private struct Timing: Decodable {
        struct Timer: Decodable {
            let name: String
            let calls: Int
            let maximumSeconds: Double
        }
        struct Component: Decodable {
            let peakMemoryMiB: Double
        }
        let initSeconds: Double
        let components: [Component]
        let runSeconds: Double
        let simulatedDays: Double
        let simulatedYearsPerDay: Double
        let couplerShare: Double
        let timers: [Timer]
    }

    /// A configuration the bench runs: `namelists/default.nml` with its grids and maps taken
    /// from `weights` (files named as `mapping-weights/make-weights.sh` names them), for `days`.
    private struct Configuration {
        let title: String
        let name: String
        let ocean: String
        let weights: String
        let days: Int
    }

    /// The default configuration (1° ocean, the committed weights) and the same with a 0.25°
    /// ocean and sea ice (weights made once by `make-weights.sh T62 0.25deg` in the data folder).
    func coupledRunSection() -> [String] {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let quarterDegree = path("quarter-degree")
        if !FileManager.default.fileExists(atPath: quarterDegree + "/map_atm_T62_to_ocn_0.25deg_blin.nc") {
            run("/bin/bash", [repository.path + "/mapping-weights/make-weights.sh", "T62", "0.25deg", quarterDegree])
        }
        let configurations = [
            Configuration(title: "The default configuration: T62 atmosphere and land, 1° ocean and sea ice", name: "coupled",
                          ocean: "1deg", weights: repository.path + "/mapping-weights", days: 5),
            Configuration(title: "High resolution: T62 atmosphere and land, 0.25° ocean and sea ice (real topography mask)",
                          name: "coupled-quarter", ocean: "0.25deg", weights: quarterDegree, days: 1),
        ]
        return configurations.flatMap { coupledRunSection($0, repository: repository) }
    }

    private func coupledRunSection(_ configuration: Configuration, repository: URL) -> [String] {
        let days = configuration.days
        let text = try! String(contentsOf: repository.appendingPathComponent("namelists/default.nml"), encoding: .utf8)
            .replacingOccurrences(of: "'../mapping-weights/", with: "'\(configuration.weights)/")
            .replacingOccurrences(of: "_1deg_", with: "_\(configuration.ocean)_")
            .replacingOccurrences(of: "stop_n = 5", with: "stop_n = \(days)")
            .replacingOccurrences(of: "history_option = 'ndays', history_n = 1", with: "history_option = 'never'")
        var lines = ["### \(configuration.title), \(days) simulated day\(days == 1 ? "" : "s")", "",
                     "| ranks | layout | initialisation s | simulated years per day | seconds per simulated day | coupler share | mapping s "
                        + "| merging s | ocean fluxes s | rearranging s | components s | peak MiB per rank |",
                     "|---|---|---|---|---|---|---|---|---|---|---|---|"]
        let layouts: [(Int, String, String)] = [
            (1, "all on rank 0", "atm_ntasks = 1, lnd_ntasks = 1, ice_ntasks = 1, ocn_ntasks = 1, ocn_rootpe = 0, cpl_ntasks = 1"),
            (2, "all on ranks 0-1", "atm_ntasks = 2, lnd_ntasks = 2, ice_ntasks = 2, ocn_ntasks = 2, ocn_rootpe = 0, cpl_ntasks = 2"),
            (4, "default.nml (ocean on 2-3)", ""),
        ]
        var phases = [String]()
        for (ranks, name, pes) in layouts {
            var namelist = text
            if !pes.isEmpty {
                let start = namelist.range(of: "\n&cime_pes")!.lowerBound
                let end = namelist.range(of: "\n/", range: start ..< namelist.endIndex)!.upperBound
                namelist.replaceSubrange(start ..< end, with: "\n&cime_pes\n  \(pes)\n/")
            }
            let folder = path("\(configuration.name)-\(ranks)")
            try? FileManager.default.removeItem(atPath: folder)
            try! FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try! namelist.write(toFile: folder + "/run.nml", atomically: true, encoding: .utf8)
            run("/usr/bin/mpirun", ["--oversubscribe", "-n", "\(ranks)", binaries.appendingPathComponent("coupled-driver").path,
                                    folder + "/run.nml", "--rundir", folder])
            let timing = try! JSONDecoder().decode(Timing.self, from: Data(contentsOf: URL(fileURLWithPath: folder + "/timing/timing.json")))
            func total(_ prefixes: [String]) -> Double {
                timing.timers.filter { t in prefixes.contains { t.name.hasPrefix($0) } }.map(\.maximumSeconds).reduce(0, +)
            }
            lines.append("| \(ranks) | \(name) | \(f(timing.initSeconds, 2)) | \(f(timing.simulatedYearsPerDay, 1)) | "
                + "\(f(timing.runSeconds / timing.simulatedDays, 3)) | "
                + "\(f(100 * timing.couplerShare, 0))% | \(f(total(["cpl map", "cpl fractions"]), 2)) | \(f(total(["cpl merge"]), 2)) | "
                + "\(f(total(["cpl ocean fluxes"]), 2)) | \(f(total(["cpl rearrange"]), 2)) | "
                + "\(f(total(["atm run", "lnd run", "ice run", "ocn run"]), 2)) | \(f(timing.components.map(\.peakMemoryMiB).max() ?? 0, 0)) |")
            if ranks == 1 { phases = phaseTable(timing) }
        }
        return lines + ["", "Initialisation: the components' and the coupler's (weights read, routers and maps built), the slowest rank's. "
                        + "Phase times are the slowest rank's, summed over the run. With 4 ranks on this 2-core machine the ranks take turns "
                        + "on the cores, so waiting shows up in the coupler's phases (each exchange waits for the slowest rank). "
                        + "Peak memory: the largest resident set of any rank (VmHWM).", ""] + phases
    }

    /// Each coupler phase of a 1-rank run: calls, µs per call and µs per coupling step (the
    /// atmosphere's runs), the largest first, with the components' run time per step beside.
    private func phaseTable(_ timing: Timing) -> [String] {
        guard let steps = timing.timers.first(where: { $0.name == "atm run" })?.calls, steps > 0 else { return [] }
        let coupler = timing.timers.filter { $0.name.hasPrefix("cpl ") && $0.name != "cpl init" }.sorted { $0.maximumSeconds > $1.maximumSeconds }
        var lines = ["#### The coupler's phases on 1 rank, per coupling step (\(steps) steps)", "",
                     "| phase | calls | µs per call | µs per step |", "|---|---|---|---|"]
        for timer in coupler {
            lines.append("| \(timer.name) | \(timer.calls) | \(f(1e6 * timer.maximumSeconds / Double(timer.calls), 0)) | "
                + "\(f(1e6 * timer.maximumSeconds / Double(steps), 0)) |")
        }
        let components = timing.timers.filter { $0.name.hasSuffix(" run") && $0.name != "cpl run" }.map(\.maximumSeconds).reduce(0, +)
        lines.append("| all coupler phases, rearranging included | | | \(f(1e6 * coupler.map(\.maximumSeconds).reduce(0, +) / Double(steps), 0)) |")
        lines.append("| the components' runs | | | \(f(1e6 * components / Double(steps), 0)) |")
        return lines + [""]
    }
}
