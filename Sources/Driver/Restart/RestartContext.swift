import Coupling
import MPI
import NetCDF
import TimeManager
#if canImport(Glibc)
import Glibc
#endif

/// A run continuing from a restart (`start_type = 'continue'`): the set `rpointer.drv` names,
/// the identity of the run that wrote it and the model time to continue from.
struct RestartContext: Sendable {
    let set: RestartSet
    let metadata: RestartMetadata
    let time: ModelTime
    /// The run directory the files are in.
    let directory: String

    /// Rank 0 reads the pointer, checks every file of the set is complete and reads the coupler
    /// file's identity; every rank gets them, or the same error. A restart written by a run with
    /// another calendar, start, coupling intervals or models than `configuration` describes is
    /// refused here, before any component starts. Collective over `world`.
    static func load(directory: String, world: Communicator, configuration: DriverConfiguration) throws -> RestartContext {
        var text = "", problem = "", problemPath = ""
        if world.rank == 0 {
            do { text = try describe(directory: directory, instance: configuration.instance) } catch { (problemPath, problem) = (error.path, error.message) }
        }
        problem = try world.broadcast(problem, root: 0)
        if !problem.isEmpty { throw RestartError(path: try world.broadcast(problemPath, root: 0), problem) }
        return try parse(try world.broadcast(text, root: 0), directory: directory, configuration: configuration)
    }

    /// The restart `rpointer.drv` in `directory` names, read and checked as `load` does, in this
    /// process alone (for `coupled-driver check`, without MPI).
    static func read(directory: String, configuration: DriverConfiguration) throws(RestartError) -> RestartContext {
        try parse(try describe(directory: directory, instance: configuration.instance), directory: directory, configuration: configuration)
    }

    /// The context `describe` gave as `text`, checked against `configuration`.
    private static func parse(_ text: String, directory: String, configuration: DriverConfiguration) throws(RestartError) -> RestartContext {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let time = ModelTime(seconds: Int64(lines.removeFirst())!)
        let pointer = lines.prefix { $0 != "--" }.joined(separator: "\n")
        var values = [String: String]()
        for line in lines.drop(while: { $0 != "--" }).dropFirst() {
            guard let equals = line.firstIndex(of: "=") else { continue }
            values[String(line[..<equals])] = String(line[line.index(after: equals)...])
        }
        let set = try RestartSet(pointerText: pointer, path: RestartSet.pointerName(of: configuration.instance), instance: configuration.instance)
        let metadata = RestartMetadata(values: values)
        let differences = metadata.differences(from: RestartMetadata(configuration: configuration))
        if !differences.isEmpty {
            throw RestartError(path: resolve(set.coupler, against: directory),
                               "the restart does not match the namelist:\n  " + differences.joined(separator: "\n  "))
        }
        return RestartContext(set: set, metadata: metadata, time: time, directory: directory)
    }

    /// The pointer and the coupler file's identity as text (rank 0).
    private static func describe(directory: String, instance: DriverInstance) throws(RestartError) -> String {
        let set = try RestartSet.current(in: directory, instance: instance)
        for name in set.files {
            let path = resolve(name, against: directory)
            guard fileExists(path) else { throw RestartError(path: path, "is named by \(set.pointerName) but does not exist") }
            try RestartReader.checkComplete(path: path)
        }
        let path = resolve(set.coupler, against: directory)
        let file: Dataset
        do { file = try Dataset(openingAt: path) } catch { throw RestartError(path: path, "cannot be opened: \(error.message)") }
        guard let time = (try? file.attribute("number_current_time"))?.doubles?.first else {
            throw RestartError(path: path, "is not a coupled-driver coupler restart (no current_time)")
        }
        var lines = ["\(Int64(time))", set.pointerText.trimmingCharacters(), "--"]
        for (key, _) in RestartMetadata.descriptions {
            lines.append("\(key)=\((try? file.attribute("text_\(key)"))?.text ?? "?")")
        }
        return lines.joined(separator: "\n")
    }
}

/// Whether a file exists at `path`.
func fileExists(_ path: String) -> Bool { access(path, F_OK) == 0 }
