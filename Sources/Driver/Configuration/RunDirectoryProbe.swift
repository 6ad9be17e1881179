import Coupling

/// What keeps the driver from writing its files into `runDirectory`, found by writing and
/// removing a test file there, or `nil` when it can. With `creating` the folder (and its parents)
/// are made first, as a run makes them; without, a folder that does not exist yet is no problem.
func runDirectoryWriteProblem(_ runDirectory: String, creating: Bool) -> String? {
    let probe = resolve(".coupled-driver-write-test", against: runDirectory)
    do {
        if creating { try makeDirectories(runDirectory) } else if !fileExists(runDirectory) { return nil }
        try writeTextFile("", to: probe)
        try removeFile(probe)
        return nil
    } catch {
        return "the run directory cannot be written: \(error)"
    }
}
