// `my-driver`: coupled-driver's command line (run, check, remap, compare, test-suite, timing,
// balance) with the built-in models and one more land model, `mymodel`.
import Components
import Coupling
import DriverCommandLine
import MyModel

var registry = ComponentRegistry.builtIn
registry.register("mymodel", kinds: [.lnd], namelistGroups: [TwoLayerLandSettings.group],
                  summary: "two-layer soil land: surface energy balance over a surface and a deep soil layer") { TwoLayerLand() }
await CoupledDriverMain.main(registry: registry)
