import Coupling

extension ComponentRegistry {
    /// The registry of the models built into coupled-driver.
    public static var builtIn: ComponentRegistry {
        var registry = ComponentRegistry()
        registry.register("stub", kinds: [.atm, .lnd, .ice, .ocn], summary: "absent component: no grid, no fields") { StubComponent() }
        registry.register("test", kinds: [.atm, .lnd, .ice, .ocn], namelistGroups: ["test_component_nml"],
                          summary: "test component: deterministic fields, records every call") { RecordingComponent() }
        return registry
    }
}
