import Components
import Coupling
import Testing

@Suite("Thermodynamic sea ice component")
struct ThermodynamicSeaIceTests {
    @Test("starts with ice at both poles, keeps land points empty, the same bits for any number of threads")
    func exports() throws {
        let harness = try ComponentHarness(namelist: """
            &slab_atm_nml grid_file = 'grid.nc' /
            &slab_ocn_nml grid_file = 'grid.nc' /
            &thermo_ice_nml grid_file = 'grid.nc' /

            """)
        func run(threads: Int) throws -> (initial: FieldBundle, final: FieldBundle) {
            let atmosphere = try ComponentRun(SlabAtmosphere(), .atm, on: harness, threads: 1)
            let ocean = try ComponentRun(SlabOcean(), .ocn, on: harness, threads: 1)
            let ice = try ComponentRun(ThermodynamicSeaIce(), .ice, on: harness, threads: threads)
            let initial = ice.exports
            for _ in 0 ..< 24 {
                var imports = ice.blankImports
                imports.assign(from: atmosphere.exports)
                let rain = zip(atmosphere.exports.values(of: "Faxa_rainc"), atmosphere.exports.values(of: "Faxa_rainl")).map(+)
                let snow = zip(atmosphere.exports.values(of: "Faxa_snowc"), atmosphere.exports.values(of: "Faxa_snowl")).map(+)
                imports.setValues(rain, of: "Faxa_rain")
                imports.setValues(snow, of: "Faxa_snow")
                imports.assign(from: ocean.exports)
                try ice.step(imports)
                try atmosphere.step(SlabAtmosphereTests.surface(for: atmosphere))
                try ocean.step(SlabOceanTests.coolingForcing(for: ocean))
            }
            for component in [ice, ocean, atmosphere] { try component.finalize() }
            return (initial, ice.exports)
        }
        let (initial, final) = try run(threads: 1)
        #expect(try run(threads: 3).final == final)
        #expect(final.fieldNames == FieldRegistry.iceExports)
        #expect(initial.firstNonFinite() == nil && final.firstNonFinite() == nil)
        let start = initial.values(of: "Si_ifrac"), end = final.values(of: "Si_ifrac")
        let melth = final.values(of: "Fioi_melth"), t = final.values(of: "Si_t")
        for point in 0 ..< final.pointCount {
            let polar = abs(ComponentHarness.latitude(point)) > 70
            if ComponentHarness.isLand(point) {
                #expect(start[point] == 0 && end[point] == 0 && melth[point] == 0)
                #expect(t[point] == PhysicalConstants.freezingPointOfSeaWater)
            } else if polar {
                #expect(start[point] > 0.9 && end[point] > 0.9)
                #expect(t[point] < PhysicalConstants.freezingPointOfFreshWater)
            } else {
                #expect(start[point] == 0 && end[point] == 0)
            }
        }
        #expect(harness.log.contains("final ice area north, south"))
    }

    @Test("a setting out of range is an error naming it")
    func badSettings() throws {
        let harness = try ComponentHarness(namelist: "&thermo_ice_nml grid_file = 'grid.nc', new_ice_thickness = 0 /\n")
        let error = #expect(throws: DiagnosticList.self) { try ThermodynamicSeaIce().initialize(context: harness.context(.ice, threads: 1)) }
        #expect(error?.description.contains("new_ice_thickness") == true)
    }
}
