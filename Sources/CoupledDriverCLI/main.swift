// `coupled-driver`: the standard command line with the built-in component models.
import Components
import Coupling
import DriverCommandLine

await CoupledDriverMain.main(registry: .builtIn)
