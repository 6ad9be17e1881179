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
        Checks, before any job is submitted and without MPI: the driver's groups and the
        processor layout; every model's own namelist group and the files it names; the coupling
        the run would set up (every field it needs has a source, every map it needs is set); each
        weights file against the grids it maps between (n_a/n_b errors; warnings for coordinates
        that are not the grid's centres and for conservative maps whose row sums are not 1);
        the history period against the coupling intervals; and, for start_type = 'continue',
        the restart in the run directory. Lists the CESM settings it accepts without acting on
        them (--strict refuses them), prints a table of the processor layout and writes a picture
        of it (ranks across, components down). Exits non-zero, listing every problem with its
        file, line and column, when something is wrong — also when the paths of the run's files
        in the run directory (--rundir, as given to run) would be too long for MPI-IO. --json
        prints the same findings as one JSON object.
        """)

    @Argument(help: "The namelist file to check.")
    var namelist: String

    @Option(name: .long, help: "The number of MPI ranks the job will have.")
    var ranks: Int

    @Option(name: .long, help: "Where to write the layout picture (SVG).")
    var picture: String = "layout.svg"

    @Option(name: .customLong("rundir"),
            help: "The run directory the run will use: the paths of its files must not be too long for MPI-IO, and a continued run's restart is read from it.")
    var runDirectory: String = "."

    @Option(name: .customLong("paths-from"),
            help: "The folder relative paths in the namelist resolve against (default: the namelist's folder), as for run.")
    var pathsFrom: String?

    @Flag(name: .long, help: "Refuse CESM settings coupled-driver does not implement, instead of listing them as ignored.")
    var strict = false

    @Option(name: .long, help: ArgumentHelp("A local copy of CESM's inputdata: absolute paths into another machine's inputdata folder are read from it.",
                                            valueName: "dir"))
    var inputdata: String?

    @Flag(name: .long, help: "Print the findings as one JSON object on standard output, for tools.")
    var json = false

    func validate() throws {
        guard ranks >= 1 else { throw ValidationError("--ranks must be at least 1") }
    }

    func run(registry: ComponentRegistry) throws {
        let text: String
        do { text = try readTextFile(namelist) } catch {
            printToStandardError("error: cannot read namelist \(error)")
            throw ExitCode.failure
        }
        let configuration: DriverConfiguration
        var findings: [Diagnostic]
        do {
            (configuration, findings) = try DriverConfiguration.read(text: text, path: namelist, worldSize: ranks, registry: registry,
                                                                     pathsFrom: pathsFrom, strict: strict, inputdata: inputdata)
        } catch {
            report(CheckReport(namelist: namelist, ranks: ranks, findings: error.diagnostics))
            throw ExitCode.failure
        }
        let check = CaseCheck(configuration: configuration, registry: registry, runDirectory: runDirectory, driverSettingsValid: findings.isEmpty)
        findings += check.findings
        var notes = check.notes
        let members = configuration.instance.count
        if members > 1 {
            notes.append("ninst_driver = \(members): the job runs \(members) coupled systems, each on \(ranks / members) of the \(ranks) ranks")
            findings += memberFindings(of: configuration, text: text, registry: registry, known: findings)
        }
        // Each member's layout is checked on its share of the ranks.
        let memberRanks = ranks % members == 0 ? ranks / members : ranks
        // An impossible layout is drawn, but not tabled or searched for idle ranks.
        let possible = configuration.layout.problems(worldSize: memberRanks).isEmpty
        let idle = possible ? configuration.layout.idleRanks(worldSize: memberRanks) : []
        if !idle.isEmpty {
            findings.append(.warning("ranks \(idle.map(String.init).joined(separator: " ")) run no component and will sit idle", at: nil))
        }
        let result = CheckReport(namelist: namelist, ranks: ranks, findings: findings, configuration: configuration, notes: notes)
        if !json && possible {
            if let mapsFile = configuration.mapsFile { print("Mapping weights from \(mapsFile) and &seq_maps.\n") }
            let ignored = configuration.ignoredSettingsReport
            for line in ignored { print(line) }
            if !ignored.isEmpty { print("") }
            print("Processor layout for \(memberRanks) ranks (\(namelist)\(members > 1 ? ", each member" : "")):\n")
            print(configuration.layout.table(models: configuration.modelNames))
            print("")
        }
        try writePicture(configuration.layout)
        report(result)
        if result.hasErrors { throw ExitCode.failure }
    }

    /// What is wrong in each member's namelist beyond what `known` already says: its
    /// `&member_000k` group and its own file `NAMELIST_000k` (if there is one) applied, checked as
    /// a run checks them, models and maps included. A member with neither runs the main namelist,
    /// already checked.
    private func memberFindings(of main: DriverConfiguration, text: String, registry: ComponentRegistry, known: [Diagnostic]) -> [Diagnostic] {
        let document = try? NamelistDocument.parseFile(text, file: namelist)
        var findings = [Diagnostic](), seen = Set(known.map(\.description))
        for number in 1 ... main.instance.count {
            let instance = DriverInstance(number: number, count: main.instance.count)
            let memberFile: NamelistText?
            do { memberFile = try NamelistText.memberFile(of: instance, besides: namelist) } catch {
                findings.append(Diagnostic("\(instance)'s namelist cannot be read: \(error)", at: TextLocation(file: error.path, line: 1, column: 1)))
                continue
            }
            guard memberFile != nil || document?.group(named: instance.overrideGroup) != nil else { continue }
            var found: [Diagnostic]
            do {
                let (configuration, problems) = try DriverConfiguration.read(text: text, path: namelist, worldSize: ranks, registry: registry,
                                                                             pathsFrom: pathsFrom, strict: strict, inputdata: inputdata,
                                                                             member: number, memberFile: memberFile)
                found = problems + CaseCheck(configuration: configuration, registry: registry, runDirectory: runDirectory,
                                             driverSettingsValid: problems.isEmpty).findings
            } catch {
                found = error.diagnostics
            }
            for finding in found where seen.insert(finding.description).inserted { findings.append(finding) }
        }
        return findings
    }

    /// Prints `result`: as JSON, or the notes and warnings on standard output and the errors on
    /// standard error, then the verdict.
    private func report(_ result: CheckReport) {
        if json {
            print(result.json)
            return
        }
        for note in result.notes { print("note: \(note)") }
        for warning in result.diagnostics where warning.severity == .warning { print(warning) }
        let errors = result.diagnostics.filter { $0.severity == .error }
        if errors.isEmpty {
            print("\nThe namelist is valid for \(ranks) ranks.")
        } else {
            printToStandardError(DiagnosticList(errors).description)
            printToStandardError("\(errors.count) problem\(errors.count == 1 ? "" : "s") found in \(namelist).")
        }
    }

    private func writePicture(_ layout: ProcessorLayout) throws {
        try writeTextFile(LayoutPicture(layout: layout, worldSize: ranks, title: "Processor layout of \(namelist) on \(ranks) ranks").svg, to: picture)
        if !json { print("Layout picture written to \(picture)") }
    }
}
