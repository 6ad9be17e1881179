import Components
import Coupling
import Testing

@Suite("The 'slab' model name")
struct SlabComponentTests {
    @Test("is the slab atmosphere as atm and the slab ocean as ocn")
    func picksByKind() throws {
        let entry = try #require(ComponentRegistry.builtIn.entry(named: "slab"))
        #expect(entry.kinds == [.atm, .ocn])
        #expect(entry.namelistGroups == ["slab_atm_nml", "slab_ocn_nml"])
        let harness = try ComponentHarness(namelist: "&slab_atm_nml grid_file = 'grid.nc' /\n&slab_ocn_nml grid_file = 'grid.nc' /\n")
        let atmosphere = try ComponentRun(entry.make(.atm), .atm, on: harness, threads: 1)
        #expect(atmosphere.setup.exports == ExchangeTable.standard.exports(of: .atm))
        #expect(atmosphere.setup.imports == ExchangeTable.standard.imports(of: .atm))
        let ocean = try ComponentRun(entry.make(.ocn), .ocn, on: harness, threads: 1)
        #expect(ocean.setup.exports == ExchangeTable.standard.exports(of: .ocn))
        try ocean.step(SlabOceanTests.coolingForcing(for: ocean))
        #expect(ocean.exports.values(of: "So_t")[2 * ComponentHarness.longitudeCount + 3] > 290)
    }
}
