import Components
import Coupling
import Namelist
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
        #expect(final.fieldNames == ExchangeTable.standard.exports(of: .ice))
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

    @Test("restarts exactly: N hours, a restart file and M hours give the bits of N + M hours, on any number of threads")
    func restartIsExact() throws {
        let harness = try ComponentHarness(namelist: """
            &slab_atm_nml grid_file = 'grid.nc' /
            &thermo_ice_nml grid_file = 'grid.nc', new_ice_thickness = 0.05, min_thickness = 0.01 /

            """)
        let steps = 18
        let atmosphere = try slabAtmosphereExports(steps: steps, on: harness)
        let tf = PhysicalConstants.freezingPointOfSeaWater
        // The atmosphere's forcing with snow showers, over an ocean that freezes new ice and
        // then melts it again, out of phase from point to point.
        let trip = RestartRoundTrip(harness: harness, kind: .ice, make: ThermodynamicSeaIce.init) { k, run in
            var imports = run.blankImports
            imports.assign(from: atmosphere[k])
            let forcing = atmosphere[k], points = run.globalIndices
            let rain = zip(forcing.values(of: "Faxa_rainc"), forcing.values(of: "Faxa_rainl")).map(+)
            let snow = zip(forcing.values(of: "Faxa_snowc"), forcing.values(of: "Faxa_snowl")).map(+)
            imports.setValues(rain, of: "Faxa_rain")
            imports.setValues(snow.map { $0 + (k % 3 == 0 ? 5e-4 : 0) }, of: "Faxa_snow")
            let potential = points.map { 120 * wave(k, $0, period: 8) }
            imports.setValues(potential, of: "Fioo_q")
            imports.setValues(potential.map { tf + max(0, -$0) / 40 }, of: "So_t")
            return imports
        }
        let straight = try trip.straight(steps: steps, threads: 1)
        // New ice forms in the initially open water of the mid-latitudes, and ice melts.
        let start = straight.exports[0].values(of: "Si_ifrac"), middle = straight.exports[7].values(of: "Si_ifrac")
        let midlatitudes = straight.globalIndices.indices.filter {
            let point = straight.globalIndices[$0]
            return !ComponentHarness.isLand(point) && abs(ComponentHarness.latitude(point)) < 70
        }
        #expect(midlatitudes.allSatisfy { start[$0] == 0 })
        #expect(try onSomeTask(midlatitudes.contains { middle[$0] > 0 }))
        #expect(try onSomeTask(straight.exports[7].values(of: "Fioi_melth").contains { $0 < 0 }))
        try trip.expectExact(straight, before: 7, writeThreads: 1, readThreads: 1)
        try trip.expectExact(straight, before: 7, writeThreads: 3, readThreads: 2)
        try trip.expectExact(straight, before: 13, writeThreads: 2, readThreads: 1)
        #expect(harness.log.contains("thermodynamic sea ice continues from"))
    }

    @Test("refuses a restart file of another model, or one with a field missing, naming the file, the models and the field")
    func refusesOtherRestarts() throws {
        let harness = try ComponentHarness(namelist: "&slab_ocn_nml grid_file = 'grid.nc' /\n&thermo_ice_nml grid_file = 'grid.nc' /\n")
        let ocean = try ComponentRun(SlabOcean(), .ocn, on: harness, threads: 1)
        try expectRefusesRestarts(of: ocean, "slab ocean", by: ThermodynamicSeaIce.init, .ice, "thermodynamic sea ice",
                                  missing: "concentration", on: harness)
    }

    @Test("a setting out of range is an error naming it")
    func badSettings() throws {
        let harness = try ComponentHarness(namelist: "&thermo_ice_nml grid_file = 'grid.nc', new_ice_thickness = 0 /\n")
        let error = #expect(throws: DiagnosticList.self) { try ThermodynamicSeaIce().initialize(context: harness.context(.ice, threads: 1)) }
        #expect(error?.description.contains("new_ice_thickness") == true)
    }
}
