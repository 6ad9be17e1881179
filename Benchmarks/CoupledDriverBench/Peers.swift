/// The tools the bench runs side by side with coupled-driver, as found on this machine, with
/// their versions: every Python that has scipy (the one `python3` finds on the PATH, and the
/// system's `/usr/bin/python3` with Debian's packages, when they differ), NCO and CDO.
struct Peers {
    /// A Python with numpy and scipy.
    struct Python {
        /// How the bench calls it.
        let command: [String]
        /// Its `sys.executable`, and the versions of Python, numpy and scipy.
        let executable: String
        let versions: String
    }

    let pythons: [Python]
    /// The lines of `ncks --version` and `cdo --version` that give the version.
    let nco: String
    let cdo: String

    /// Probes the machine with `orchestrator`.
    init(probing orchestrator: Orchestrator) {
        let probe = "import sys, numpy, scipy; print(sys.executable); "
            + "print('Python %d.%d.%d, numpy %s, scipy %s' % (sys.version_info[:3] + (numpy.__version__, scipy.__version__)))"
        var found = [Python]()
        for command in [["/usr/bin/env", "python3"], ["/usr/bin/python3"]] {
            guard let text = orchestrator.output(of: command[0], Array(command.dropFirst()) + ["-c", probe]) else { continue }
            let lines = text.split(separator: "\n").map(String.init)
            guard lines.count == 2, !found.contains(where: { $0.executable == lines[0] }) else { continue }
            found.append(Python(command: command, executable: lines[0], versions: lines[1]))
        }
        precondition(!found.isEmpty, "no python3 with numpy and scipy: scripts/setup.sh bench installs Debian's")
        pythons = found
        func firstLine(_ tool: String) -> String {
            guard let text = orchestrator.output(of: "/usr/bin/env", [tool, "--version"], withErrors: true) else { return "\(tool): not found" }
            return text.split(separator: "\n").first { $0.contains("version") }.map(String.init) ?? tool
        }
        nco = firstLine("ncks")
        cdo = firstLine("cdo")
    }

    /// One line per peer, for the report.
    var lines: [String] {
        pythons.map { "- scipy: `\($0.executable)` (\($0.versions))" } + ["- NCO: \(nco)", "- CDO: \(cdo)"]
    }
}
