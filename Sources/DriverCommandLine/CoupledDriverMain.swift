import ArgumentParser
import Coupling

/// The `coupled-driver` command line (`run`, `check`, `remap`, `compare`, `test-suite`,
/// `timing`, `balance`, `ensemble`, each with `--help`) as a library, so that any executable can be the
/// standard driver with the component models it chooses.
///
/// `coupled-driver` itself is one line, `await CoupledDriverMain.main(registry: .builtIn)`. A
/// developer with a model of their own makes an executable that registers it next to the
/// built-in ones and starts the same command line:
///
///     import Components
///     import Coupling
///     import DriverCommandLine
///
///     var registry = ComponentRegistry.builtIn
///     registry.register("mymodel", kinds: [.lnd], namelistGroups: ["mymodel_nml"],
///                       summary: "my land model") { MyModel() }
///     await CoupledDriverMain.main(registry: registry)
///
/// Then `mpirun -n 4 my-driver my.nml` runs a namelist with `lnd = 'mymodel'`, and
/// `my-driver check my.nml --ranks 4` checks it. The commands that read a configuration
/// (`run`, `check`, `balance`, `ensemble`) know the registry's models and namelist groups;
/// `test-suite`, `balance` and `ensemble` start their runs with this same executable, so those
/// runs know them too.
public enum CoupledDriverMain {
    /// Parses the command line (`arguments`, or the process's own arguments without the
    /// program name when `nil`), runs the command it names with the models of `registry`, and
    /// returns when the command succeeded. On an error or a help request it prints what
    /// swift-argument-parser prints and ends the process with the command's exit code, as an
    /// `@main` command would.
    public static func main(registry: ComponentRegistry, arguments: [String]? = nil) async {
        do {
            var command = try await CoupledDriverCommand.asyncParseAsRoot(arguments)
            if let configured = command as? any RegistryCommand {
                try await configured.run(registry: registry)
            } else if var asynchronous = command as? any AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
        } catch {
            CoupledDriverCommand.exit(withError: error)
        }
    }
}
