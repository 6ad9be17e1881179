import Coupling

extension ComponentRegistry {
    /// The registry of the models built into coupled-driver, and of C and Fortran plug-ins
    /// (`plugin:path/to/libmodel.so`, see `PluginComponent`).
    public static var builtIn: ComponentRegistry {
        var registry = ComponentRegistry()
        registry.register(ComponentRegistry.stub, kinds: Set(ComponentKind.models), summary: "absent component: no grid, no fields") {
            StubComponent()
        }
        registry.register("test", kinds: Set(ComponentKind.models), namelistGroups: ["test_component_nml"],
                          summary: "test component: deterministic fields, records every call") { RecordingComponent() }
        registry.register("slab", kinds: [.atm, .ocn], namelistGroups: ["slab_atm_nml", "slab_ocn_nml"],
                          summary: "slab atmosphere (one-layer columns) or slab ocean (mixed layer)") { (kind: ComponentKind) in
            kind == .atm ? SlabAtmosphere() as any Component : SlabOcean()
        }
        registry.register("bucket", kinds: [.lnd], namelistGroups: ["bucket_lnd_nml"],
                          summary: "bucket land: surface heat capacity, snow pack and a soil-water bucket that overflows") { BucketLand() }
        registry.register("thermo", kinds: [.ice], namelistGroups: ["thermo_ice_nml"],
                          summary: "thermodynamic sea ice: zero-layer ice with concentration, thickness and snow") { ThermodynamicSeaIce() }
        registry.register("reservoir", kinds: [.rof], namelistGroups: ["reservoir_rof_nml"],
                          summary: "river routing: linear reservoirs along D8 flow directions from real topography") { ReservoirRiver() }
        for definition in DataModelDefinition.all {
            registry.register(definition.name, kinds: [definition.kind], namelistGroups: [definition.group],
                              summary: definition.summary) { DataModel(definition: definition) }
        }
        registry.registerFamily("plugin", argumentName: "path/to/libmodel.so", kinds: Set(PluginComponent.kinds),
                                namelistGroups: PluginComponent.kinds.map(PluginComponent.namelistGroup(for:)),
                                summary: "a C or Fortran model in a shared library (include/coupled_driver_component.h)",
                                problem: { library, _, directory in PluginComponent.problem(libraryPath: library, directory: directory) },
                                make: { library, _ in PluginComponent(libraryPath: library) })
        return registry
    }
}
