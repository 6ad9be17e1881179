import ArgumentParser
import Coupling
import Driver

/// `coupled-driver run NAMELIST`: a coupled run (launch it under `mpirun`).
struct RunCommand: RegistryCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the coupled configuration a namelist describes (launch under mpirun).",
        discussion: """
        Writes cpl.log and one log per component (atm.log, lnd.log, ice.log, ocn.log) into the
        run directory. Exits 0 when every component finished; on a failure the job ends on
        every rank with a message naming the component, rank and model time.
        """)

    @Argument(help: "The namelist file (CESM drv_in conventions).")
    var namelist: String

    @Option(name: .customLong("rundir"), help: "The run directory for logs and output files.")
    var runDirectory: String = "."

    @Option(name: .customLong("paths-from"),
            help: "The folder relative paths in the namelist resolve against (default: the namelist's folder).")
    var pathsFrom: String?

    @Flag(name: .long, help: "Refuse CESM settings coupled-driver does not implement, instead of listing them as ignored.")
    var strict = false

    @Option(name: .long, help: ArgumentHelp("A local copy of CESM's inputdata: absolute paths into another machine's inputdata folder are read from it.",
                                            valueName: "dir"))
    var inputdata: String?

    func run(registry: ComponentRegistry) throws {
        let code = DriverLaunch.run(namelistPath: namelist, runDirectory: runDirectory, registry: registry, pathsFrom: pathsFrom, strict: strict,
                                   inputdata: inputdata)
        if code != 0 { throw ExitCode(code) }
    }
}
