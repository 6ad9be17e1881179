import ArgumentParser
import Coupling
import Driver
import Namelist
import Pictures

/// `coupled-driver check NAMELIST --ranks N`: validates without MPI.
struct CheckCommand: RegistryCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a namelist and its processor layout for a job of N ranks (no MPI needed).",
        discussion: """
        Checks every model's own namelist group and the files it names, lists the CESM settings
        it accepts without acting on them (--strict refuses them), prints
        a table of the processor layout and writes a picture of it (ranks across, components down). Exits non-zero, listing every problem with its file, line and
        column, when something is wrong — also when the paths of the run's files in the run
        directory (--rundir, as given to run) would be too long for MPI-IO.
        """)

    @Argument(help: "The namelist file to check.")
    var namelist: String

    @Option(name: .long, help: "The number of MPI ranks the job will have.")
    var ranks: Int

    @Option(name: .long, help: "Where to write the layout picture (SVG).")
    var picture: String = "layout.svg"

    @Option(name: .customLong("rundir"),
            help: "The run directory the run will use, to check that the paths of its files are not too long for MPI-IO.")
    var runDirectory: String = "."

    @Option(name: .customLong("paths-from"),
            help: "The folder relative paths in the namelist resolve against (default: the namelist's folder), as for run.")
    var pathsFrom: String?

    @Flag(name: .long, help: "Refuse CESM settings coupled-driver does not implement, instead of listing them as ignored.")
    var strict = false

    @Option(name: .long, help: ArgumentHelp("A local copy of CESM's inputdata: absolute paths into another machine's inputdata folder are read from it.",
                                            valueName: "dir"))
    var inputdata: String?

    func validate() throws {
        guard ranks >= 1 else { throw ValidationError("--ranks must be at least 1") }
    }

    func run(registry: ComponentRegistry) throws {
        let text: String
        do { text = try readTextFile(namelist) } catch {
            printToStandardError("error: cannot read namelist \(error)")
            throw ExitCode.failure
        }
        do {
            let configuration = try DriverConfiguration.load(text: text, path: namelist, worldSize: ranks, registry: registry,
                                                             pathsFrom: pathsFrom, strict: strict, inputdata: inputdata, checkModels: true)
            if let mapsFile = configuration.mapsFile { print("Mapping weights from \(mapsFile) and &seq_maps.\n") }
            let report = configuration.ignoredSettingsReport
            for line in report { print(line) }
            if !report.isEmpty { print("") }
            print("Processor layout for \(ranks) ranks (\(namelist)):\n")
            print(configuration.layout.table(models: configuration.modelNames))
            let idle = configuration.layout.idleRanks(worldSize: ranks)
            if !idle.isEmpty { print("\nwarning: ranks \(idle.map(String.init).joined(separator: " ")) run no component and will sit idle") }
            try writePicture(configuration.layout)
            if let problem = configuration.fileNameProblem(runDirectory: runDirectory) {
                printToStandardError("error: \(problem)")
                throw ExitCode.failure
            }
            print("\nThe namelist is valid for \(ranks) ranks.")
        } catch let problems as DiagnosticList {
            printToStandardError(problems.description)
            let count = problems.diagnostics.count
            printToStandardError("\(count) problem\(count == 1 ? "" : "s") found in \(namelist).")
            if let layout = DriverConfiguration.layoutIgnoringProblems(text: text, path: namelist, worldSize: ranks) {
                try? writePicture(layout)
            }
            throw ExitCode.failure
        }
    }

    private func writePicture(_ layout: ProcessorLayout) throws {
        try writeTextFile(LayoutPicture(layout: layout, worldSize: ranks, title: "Processor layout of \(namelist) on \(ranks) ranks").svg, to: picture)
        print("Layout picture written to \(picture)")
    }
}
