import Components
import Coupling
import Namelist
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
        #expect(exports.fieldNames == ExchangeTable.standard.exports(of: .lnd))
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

    @Test("restarts exactly: N hours, a restart file and M hours give the bits of N + M hours, on any number of threads")
    func restartIsExact() throws {
        let harness = try ComponentHarness(namelist: """
            &slab_atm_nml grid_file = 'grid.nc' /
            &bucket_lnd_nml grid_file = 'grid.nc', heat_capacity = 2e5, bucket_capacity = 80 /

            """)
        let steps = 16
        let atmosphere = try slabAtmosphereExports(steps: steps, on: harness)
        // The atmosphere's forcing, with snow showers and downpours that fill the bucket.
        let trip = RestartRoundTrip(harness: harness, kind: .lnd, make: BucketLand.init) { k, run in
            var imports = run.blankImports
            imports.assign(from: atmosphere[k])
            let points = run.globalIndices
            imports.setValues(points.map(Self.landFraction), of: "Sf_lfrac")
            if k % 4 == 1 { imports.setValues(points.map { 2e-3 * (1.5 + wave(k, $0)) }, of: "Faxa_snowl") }
            if k % 5 == 2 { imports.setValues(points.map { 8e-3 * (1.5 + wave(k, $0)) }, of: "Faxa_rainl") }
            return imports
        }
        let straight = try trip.straight(steps: steps, threads: 1)
        #expect(try onSomeTask(!identicalBits(straight.exports[7], straight.exports[0])))
        #expect(try onSomeTask(straight.exports[8].values(of: "Fall_rofl").contains { $0 > 0 }))
        try trip.expectExact(straight, before: 7, writeThreads: 1, readThreads: 1)
        try trip.expectExact(straight, before: 7, writeThreads: 2, readThreads: 4)
        try trip.expectExact(straight, before: 12, writeThreads: 4, readThreads: 1)
        #expect(harness.log.contains("bucket land continues from"))
    }

    @Test("refuses a restart file of another model, or one with a field missing, naming the file, the models and the field")
    func refusesOtherRestarts() throws {
        let harness = try ComponentHarness(namelist: "&slab_atm_nml grid_file = 'grid.nc' /\n&bucket_lnd_nml grid_file = 'grid.nc' /\n")
        let atmosphere = try ComponentRun(SlabAtmosphere(), .atm, on: harness, threads: 1)
        try atmosphere.step(SlabAtmosphereTests.surface(for: atmosphere))
        try expectRefusesRestarts(of: atmosphere, "slab atmosphere", by: BucketLand.init, .lnd, "bucket land", missing: "temperature", on: harness)
    }

    @Test("a setting out of range is an error naming it")
    func badSettings() throws {
        let harness = try ComponentHarness(namelist: "&bucket_lnd_nml grid_file = 'grid.nc', bucket_capacity = -1 /\n")
        let error = #expect(throws: DiagnosticList.self) { try BucketLand().initialize(context: harness.context(.lnd, threads: 1)) }
        #expect(error?.description.contains("bucket_capacity") == true)
    }
}
