import Foundation

/// Runs the benchmark sections as separate processes (workers under mpirun, peers side by
/// side) and prints the figures and ratios as Markdown.
struct Orchestrator {
    let data: String
    let calls: Int
    let binaries: URL

    init(data: String, calls: Int) {
        self.data = data
        self.calls = calls
        binaries = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
    }

    // MARK: Processes

    /// Runs a command; returns standard output, or stops the benchmark with its error output.
    @discardableResult
    func run(_ tool: String, _ arguments: [String]) -> String {
        let (status, output, errors) = launch(tool, arguments)
        guard status == 0 else {
            fatalError("\(tool) \(arguments.joined(separator: " ")) failed:\n\(output + errors)")
        }
        return output
    }

    /// Standard output (with standard error, when `withErrors`) of a command that may fail
    /// (`nil` when it does): for probing the peers.
    func output(of tool: String, _ arguments: [String], withErrors: Bool = false) -> String? {
        let (status, output, errors) = launch(tool, arguments)
        return status == 0 ? output + (withErrors ? errors : "") : nil
    }

    private func launch(_ tool: String, _ arguments: [String]) -> (status: Int32, output: String, errors: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["OMPI_ALLOW_RUN_AS_ROOT"] = "1"
        environment["OMPI_ALLOW_RUN_AS_ROOT_CONFIRM"] = "1"
        environment["OMPI_MCA_btl"] = "self,vader"
        environment["OMPI_MCA_btl_vader_single_copy_mechanism"] = "none"
        environment["OMPI_MCA_pml"] = "ob1"
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        do { try process.run() } catch { return (-1, "", "\(error)") }
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self), String(decoding: errors, as: UTF8.self))
    }

    /// Runs a worker of this executable under `mpirun -n ranks` and decodes its result line.
    func worker<T: Decodable>(_ ranks: Int, _ arguments: [String], as type: T.Type, threads: Int = 1) -> T {
        // Open MPI binds each of one or two ranks to a core: a rank's threads would share it.
        let binding = threads > 1 ? ["--bind-to", "none"] : []
        let output = run("/usr/bin/mpirun", ["--oversubscribe"] + binding + ["-n", "\(ranks)",
                                             binaries.appendingPathComponent("coupled-driver-bench").path, "worker"] + arguments)
        guard let line = output.split(separator: "\n").first(where: { $0.hasPrefix("RESULT ") }) else {
            fatalError("worker \(arguments) printed no result:\n\(output)")
        }
        return try! JSONDecoder().decode(T.self, from: Data(line.dropFirst(7).utf8))
    }

    /// Wall-clock seconds of a whole command, best of `repeats`.
    func wallClock(_ tool: String, _ arguments: [String], repeats: Int = 3) -> Double {
        var best = Double.infinity
        for _ in 0 ..< repeats {
            let start = monotonicSeconds()
            run(tool, arguments)
            best = min(best, monotonicSeconds() - start)
        }
        return best
    }

    // MARK: Data

    func path(_ name: String) -> String { data + "/" + name }

    /// Grids and weights made with NCO and CDO, and inputs on the 0.25° grid: one variable of
    /// 10 records (83 MB) and two variables of 40 records (670 MB).
    func prepare() {
        try! FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        let grids = [("t62", "ttl=T62#latlon=94,192#lat_typ=gss#lon_typ=Grn_ctr"),
                     ("1deg", "ttl=1deg#latlon=180,360#lat_typ=uni#lon_typ=grn_ctr"),
                     ("qdeg", "ttl=qdeg#latlon=720,1440#lat_typ=uni#lon_typ=grn_ctr")]
        for (name, spec) in grids where !FileManager.default.fileExists(atPath: path("grid_\(name).nc")) {
            run("/usr/bin/ncremap", ["-G", spec, "-g", path("grid_\(name).nc")])
        }
        // The 0.1° grid and its map to T62 (about 7 M entries) take minutes to make, once.
        if !FileManager.default.fileExists(atPath: path("grid_tenth.nc")) {
            run("/usr/bin/ncremap", ["-G", "ttl=tenth#latlon=1800,3600#lat_typ=uni#lon_typ=grn_ctr", "-g", path("grid_tenth.nc")])
        }
        for source in ["qdeg", "1deg", "tenth"] where !FileManager.default.fileExists(atPath: path("map_\(source)_t62.nc")) {
            run("/usr/bin/ncremap", ["-a", "nco", "-s", path("grid_\(source).nc"), "-g", path("grid_t62.nc"), "-m", path("map_\(source)_t62.nc")])
        }
        // Inputs on real topography (`cdo -topo`): the grid name, its longitudes × latitudes, the
        // input's name, its records, and whether it has a second variable.
        let inputs = [("qdeg", "r1440x720", "input_qdeg", 10, false), ("qdeg", "r1440x720", "input_qdeg_large", 40, true),
                      ("1deg", "r360x180", "input_1deg", 5, false), ("tenth", "r3600x1800", "input_tenth", 2, false)]
        for (grid, resolution, name, records, second) in inputs where !FileManager.default.fileExists(atPath: path("\(name).nc")) {
            let topography = path("topo_\(grid).nc")
            if !FileManager.default.fileExists(atPath: topography) {
                run("/usr/bin/cdo", ["-s", "-f", "nc", "-b", "F64", "-topo,\(resolution)", topography])
            }
            run("/usr/bin/ncap2", ["-O", "-s", "defdim(\"time\",\(records));time[time]=array(0,1,$time);"
                                   + "f[time,lat,lon]=1.0+cos(lat*0.0174533)*sin(lon*0.0349066)+0.01*time" + (second ? ";g[time,lat,lon]=f*f" : ""),
                                   topography, path("\(name).nc")])
        }
        for grid in ["qdeg", "1deg"] where !FileManager.default.fileExists(atPath: path("map_cdo_\(grid)_n48.nc")) {
            run("/usr/bin/cdo", ["-s", "gencon,n48", path("input_\(grid).nc"), path("map_cdo_\(grid)_n48.nc")])
        }
    }
}
