import Components
import Coupling
import Testing

@Suite("Bucket land component")
struct BucketLandTests {
    /// The land fraction of point `index` of the harness grid: 1 on its land, 0.4 on the third
    /// longitude, 0 elsewhere.
    static func landFraction(_ index: Int) -> Double {
        ComponentHarness.isLand(index) ? 1 : index % ComponentHarness.longitudeCount == 2 ? 0.4 : 0
    }

    @Test("steps where there is land, exports zero fluxes elsewhere, the same bits for any number of threads")
    func exports() throws {
        let harness = try ComponentHarness(namelist: "&slab_atm_nml grid_file = 'grid.nc' /\n&bucket_lnd_nml grid_file = 'grid.nc' /\n")
        func run(threads: Int) throws -> FieldBundle {
            let atmosphere = try ComponentRun(SlabAtmosphere(), .atm, on: harness, threads: 1)
            let land = try ComponentRun(BucketLand(), .lnd, on: harness, threads: threads)
            #expect(land.exports.firstNonFinite() == nil)
            #expect(land.exports.values(of: "Fall_lwup").allSatisfy { $0 < 0 })
            for _ in 0 ..< 24 {
                var imports = land.blankImports
                imports.assign(from: atmosphere.exports)
                imports.setValues((0 ..< imports.pointCount).map(Self.landFraction), of: "Sf_lfrac")
                try land.step(imports)
                try atmosphere.step(SlabAtmosphereTests.surface(for: atmosphere))
            }
            try land.finalize()
            try atmosphere.finalize()
            return land.exports
        }
        let exports = try run(threads: 1)
        #expect(try run(threads: 4) == exports)
        #expect(exports.fieldNames == FieldRegistry.landExports)
        #expect(exports.firstNonFinite() == nil)
        let lwup = exports.values(of: "Fall_lwup"), evaporation = exports.values(of: "Fall_evap"), t = exports.values(of: "Sl_t")
        for point in 0 ..< exports.pointCount {
            if Self.landFraction(point) > 0 {
                #expect(lwup[point] < -150)
            } else {
                #expect(lwup[point] == 0 && evaporation[point] == 0)
            }
            #expect(t[point] > 200 && t[point] < 330)
        }
        #expect(harness.log.contains("bucket land, means over the land area"))
    }

    @Test("a setting out of range is an error naming it")
    func badSettings() throws {
        let harness = try ComponentHarness(namelist: "&bucket_lnd_nml grid_file = 'grid.nc', bucket_capacity = -1 /\n")
        let error = #expect(throws: DiagnosticList.self) { try BucketLand().initialize(context: harness.context(.lnd, threads: 1)) }
        #expect(error?.description.contains("bucket_capacity") == true)
    }
}
