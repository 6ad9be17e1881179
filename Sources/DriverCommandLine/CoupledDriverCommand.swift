import ArgumentParser
import Foundation

/// `coupled-driver`: the root command; `CoupledDriverMain.main(registry:)` parses it and runs the
/// subcommand the arguments name.
struct CoupledDriverCommand: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: programName,
            abstract: "An MPI coupled-model driver: runs atmosphere, land, sea-ice and ocean models coupled through a coupler.",
            discussion: """
            Run a coupled configuration with `mpirun -n N coupled-driver NAMELIST` (the same as
            `coupled-driver run NAMELIST`). Check a namelist and its processor layout without MPI
            with `coupled-driver check NAMELIST --ranks N`.
            """,
            subcommands: [RunCommand.self, CheckCommand.self, RemapCommand.self, CompareCommand.self, TestSuiteCommand.self, TimingCommand.self, BalanceCommand.self,
                          EnsembleCommand.self],
            defaultSubcommand: RunCommand.self)
    }

    /// The name the program was started as: `coupled-driver`, or a developer's own executable
    /// (`my-driver`), so that usage lines name the command the user typed.
    private static var programName: String {
        CommandLine.arguments.first.map { URL(fileURLWithPath: $0).lastPathComponent } ?? "coupled-driver"
    }
}
