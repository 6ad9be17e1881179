import ArgumentParser
import Coupling

/// A command that reads a configuration, and so needs to know which component models exist:
/// `CoupledDriverMain.main(registry:)` runs it with `run(registry:)` instead of `run()`, handing
/// it the registry the executable was started with (no process-wide state).
protocol RegistryCommand: ParsableCommand {
    /// Runs the command with the models of `registry`.
    func run(registry: ComponentRegistry) async throws
}
