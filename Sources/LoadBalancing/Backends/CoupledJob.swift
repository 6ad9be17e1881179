import Foundation

/// One coupled test run: `coupled-driver run NAMELIST --rundir RUNDIR [--paths-from DIR]` under
/// `mpirun -n RANKS`, with the resources it asks for. Paths are made absolute when the value is
/// made, so the job means the same wherever it runs.
public struct CoupledJob: Sendable, Hashable, Codable {
    /// A short name for queues and logs (batch systems see it with unsafe characters replaced).
    public var name: String
    /// The run directory: logs, `timing/timing.json`, history and restart files go here, and
    /// the job's own files go to its `job/` subfolder (see `folder`).
    public var runDirectory: String
    /// The namelist the driver reads.
    public var namelist: String
    /// The folder relative paths in the namelist resolve against (`--paths-from`); `nil` for the namelist's folder.
    public var pathsFrom: String?
    /// The `coupled-driver` executable.
    public var executable: String
    /// Ranks, threads, wall time and the batch settings.
    public var resources: JobResources

    /// A job running `executable` on `namelist` in `runDirectory`; relative paths are taken
    /// against the current directory.
    public init(name: String, runDirectory: String, namelist: String, pathsFrom: String? = nil, executable: String,
                resources: JobResources) {
        self.name = name
        self.runDirectory = Self.absolute(runDirectory)
        self.namelist = Self.absolute(namelist)
        self.pathsFrom = pathsFrom.map(Self.absolute)
        self.executable = Self.absolute(executable)
        self.resources = resources
    }

    /// The folder holding the job's record, script, output and exit marker: `RUNDIR/job`.
    public var folder: String { Self.folder(ofRunDirectory: runDirectory) }

    /// The folder of the job files of a run in `runDirectory`: `RUNDIR/job`.
    public static func folder(ofRunDirectory runDirectory: String) -> String { runDirectory + "/job" }

    /// The driver's command-line arguments.
    var driverArguments: [String] {
        ["run", namelist, "--rundir", runDirectory] + (pathsFrom.map { ["--paths-from", $0] } ?? [])
    }

    /// Throws when the job cannot be run as described.
    func validate() throws(BackendError) {
        guard !name.isEmpty else { throw .invalidJob("the job has no name") }
        try resources.validate()
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw .invalidJob("\(executable) is not an executable file")
        }
        guard FileManager.default.fileExists(atPath: namelist) else { throw .invalidJob("the namelist \(namelist) does not exist") }
    }

    private static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }
}
