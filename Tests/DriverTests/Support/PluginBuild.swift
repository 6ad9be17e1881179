import Foundation
import TestSupport

/// The plug-ins the plug-in tests load, built once per test process into a temporary folder:
/// the two examples (`examples/c-ocean`, `examples/fortran-land`, by their build scripts) and
/// three variants of a small bad plug-in (`BadPlugin.source`) compiled with `mpicc`.
struct PluginBuild: Sendable {
    /// The folder holding the libraries.
    let directory: String

    /// The build, or its compiler output when something failed; made on first use.
    static let shared: Result<PluginBuild, PluginBuildFailure> = make()

    var ocean: String { directory + "/libcocean.so" }
    /// The C ocean built for plug-in ABI version 1 (`-DCDC_ABI_VERSION=1`): no field or history
    /// variable of its own.
    var oceanVersion1: String { directory + "/libcocean-abi1.so" }
    var land: String { directory + "/libfland.so" }
    /// The bad plug-in as it is: its namelist `mode` decides how it misbehaves.
    var bad: String { directory + "/libbad.so" }
    /// The bad plug-in without `cdc_run`.
    var withoutRun: String { directory + "/libnorun.so" }
    /// The bad plug-in reporting ABI version 3.
    var otherVersion: String { directory + "/libabi3.so" }

    private static func make() -> Result<PluginBuild, PluginBuildFailure> {
        // Not a TemporaryDirectory: the libraries must outlive every test of the process.
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("coupled-driver-plugins-\(UUID().uuidString)").path
        try! FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let source = directory + "/bad.c"
        try! BadPlugin.source.write(toFile: source, atomically: true, encoding: .utf8)
        let include = Repository.path("include")
        let steps: [(String, [String])] = [
            ("/bin/bash", [Repository.path("examples/c-ocean/build.sh"), directory]),
            ("/bin/bash", [Repository.path("examples/fortran-land/build.sh"), directory]),
            ("/usr/bin/mpicc", ["-std=c99", "-O2", "-shared", "-fPIC", "-I", include, "-DCDC_ABI_VERSION=1", "-o", directory + "/libcocean-abi1.so",
                                Repository.path("examples/c-ocean/cocean.c"), "-lm"]),
            ("/usr/bin/mpicc", ["-shared", "-fPIC", "-I", include, "-o", directory + "/libbad.so", source]),
            ("/usr/bin/mpicc", ["-shared", "-fPIC", "-I", include, "-DOMIT_RUN", "-o", directory + "/libnorun.so", source]),
            ("/usr/bin/mpicc", ["-shared", "-fPIC", "-I", include, "-DABI=3", "-o", directory + "/libabi3.so", source]),
        ]
        for (command, arguments) in steps {
            let result = Job.run(command, arguments, timeout: 120)
            guard result.exitCode == 0 else {
                return .failure(PluginBuildFailure(output: "\(command) \(arguments.joined(separator: " ")):\n\(result.output)"))
            }
        }
        return .success(PluginBuild(directory: directory))
    }
}

/// A plug-in did not build.
struct PluginBuildFailure: Error, CustomStringConvertible {
    let output: String
    var description: String { "building the plug-ins failed: \(output)" }
}
