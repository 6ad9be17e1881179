import ArgumentParser

/// `coupled-driver`: the root command; `CoupledDriverMain.main(registry:)` parses it and runs the
/// subcommand the arguments name.
struct CoupledDriverCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coupled-driver",
        abstract: "An MPI coupled-model driver: runs atmosphere, land, sea-ice and ocean models coupled through a coupler.",
        discussion: """
        Run a coupled configuration with `mpirun -n N coupled-driver NAMELIST` (the same as
        `coupled-driver run NAMELIST`). Check a namelist and its processor layout without MPI
        with `coupled-driver check NAMELIST --ranks N`.
        """,
        subcommands: [RunCommand.self, CheckCommand.self, RemapCommand.self, CompareCommand.self, TestSuiteCommand.self, TimingCommand.self, BalanceCommand.self],
        defaultSubcommand: RunCommand.self)
}
