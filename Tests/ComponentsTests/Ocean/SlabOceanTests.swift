import Components
import Coupling
import Namelist
import Testing

@Suite("Slab ocean component")
struct SlabOceanTests {
    /// Forcing that cools every ocean point strongly.
    static func coolingForcing(for run: ComponentRun) -> FieldBundle {
        var x = run.blankImports
        let n = x.pointCount
        x.setValues([Double](repeating: 300, count: n), of: "Foxx_lwdn")
        x.setValues([Double](repeating: -420, count: n), of: "Foxx_lwup")
        x.setValues([Double](repeating: -60, count: n), of: "Foxx_sen")
        x.setValues([Double](repeating: 2e-5, count: n), of: "Foxx_rain")
        return x
    }

    @Test("works on ocean points only, freezing where it cools enough, the same bits for any number of threads")
    func exports() throws {
        let harness = try ComponentHarness(namelist: "&slab_ocn_nml grid_file = 'grid.nc', mixed_layer_depth = 10 /\n")
        func run(threads: Int) throws -> FieldBundle {
            let ocean = try ComponentRun(SlabOcean(), .ocn, on: harness, threads: threads)
            let initial = ocean.exports
            #expect(initial.values(of: "So_t")[ComponentHarness.longitudeCount * 2 + 3] > 295)
            for _ in 0 ..< 48 { try ocean.step(Self.coolingForcing(for: ocean)) }
            try ocean.finalize()
            return ocean.exports
        }
        let exports = try run(threads: 1)
        #expect(try run(threads: 2) == exports)
        #expect(exports.fieldNames == ExchangeTable.standard.exports(of: .ocn))
        #expect(exports.firstNonFinite() == nil)
        let t = exports.values(of: "So_t"), q = exports.values(of: "Fioo_q"), s = exports.values(of: "So_s")
        let tf = PhysicalConstants.freezingPointOfSeaWater
        for point in 0 ..< exports.pointCount {
            if ComponentHarness.isLand(point) {
                #expect(t[point] == tf && q[point] == 0 && s[point] == PhysicalConstants.referenceSalinity)
            } else if abs(ComponentHarness.latitude(point)) > 70 {
                #expect(t[point] == tf && q[point] > 0)
            } else {
                #expect(t[point] > tf && q[point] < 0)
            }
        }
        #expect(exports.values(of: "So_u").allSatisfy { $0 == 0 })
        #expect(harness.log.contains("slab ocean, means over the ocean area"))
    }

    /// Forcing that changes from point to point (the same on any decomposition) and from
    /// interval `k` to interval: sunlight
    /// that comes and goes, cooling, rain, snow and the sea ice's melt.
    static func changingForcing(step k: Int, for run: ComponentRun) -> FieldBundle {
        var x = coolingForcing(for: run)
        let points = run.globalIndices
        x.setValues(points.map { 250 * max(0, wave(k, $0, period: 8)) }, of: "Foxx_swnet")
        x.setValues(points.map { -420 + 40 * wave(k, $0, period: 5) }, of: "Foxx_lwup")
        x.setValues(points.map { -60 + 50 * wave(k, $0, period: 3) }, of: "Foxx_sen")
        x.setValues(points.map { -40 * (1 + wave(k, $0, period: 4)) }, of: "Foxx_lat")
        x.setValues(points.map { -1.6e-5 * (1 + wave(k, $0, period: 4)) }, of: "Foxx_evap")
        x.setValues(points.map { 3e-4 * max(0, wave(k, $0, period: 6)) }, of: "Foxx_rain")
        x.setValues(points.map { 1e-4 * max(0, -wave(k, $0, period: 6)) }, of: "Foxx_snow")
        x.setValues(points.map { -30 * max(0, wave(k, $0, period: 9)) }, of: "Foxx_melth")
        x.setValues(points.map { 2e-4 * max(0, wave(k, $0, period: 9)) }, of: "Foxx_meltw")
        return x
    }

    @Test("restarts exactly: N hours, a restart file and M hours give the bits of N + M hours, on any number of threads")
    func restartIsExact() throws {
        let harness = try ComponentHarness(namelist: "&slab_ocn_nml grid_file = 'grid.nc', mixed_layer_depth = 5, relaxation_days = 2 /\n")
        let trip = RestartRoundTrip(harness: harness, kind: .ocn, make: SlabOcean.init) { k, run in Self.changingForcing(step: k, for: run) }
        let straight = try trip.straight(steps: 15, threads: 1)
        let q = straight.exports[6].values(of: "Fioo_q")
        #expect(try onSomeTask(q.contains { $0 > 0 }) && onSomeTask(q.contains { $0 < 0 }))
        #expect(try onSomeTask(straight.exports[6].values(of: "So_s") != straight.exports[0].values(of: "So_s")))
        try trip.expectExact(straight, before: 6, writeThreads: 1, readThreads: 1)
        try trip.expectExact(straight, before: 6, writeThreads: 2, readThreads: 3)
        try trip.expectExact(straight, before: 10, writeThreads: 3, readThreads: 2)
        #expect(harness.log.contains("slab ocean continues from"))
    }

    @Test("refuses a restart file of another model, or one with a field missing, naming the file, the models and the field")
    func refusesOtherRestarts() throws {
        let harness = try ComponentHarness(namelist: "&slab_ocn_nml grid_file = 'grid.nc' /\n&thermo_ice_nml grid_file = 'grid.nc' /\n")
        let ice = try ComponentRun(ThermodynamicSeaIce(), .ice, on: harness, threads: 1)
        try expectRefusesRestarts(of: ice, "thermodynamic sea ice", by: SlabOcean.init, .ocn, "slab ocean", missing: "temperature", on: harness)
    }

    @Test("a setting out of range is an error naming it")
    func badSettings() throws {
        let harness = try ComponentHarness(namelist: "&slab_ocn_nml grid_file = 'grid.nc', mixed_layer_depth = -5 /\n")
        let error = #expect(throws: DiagnosticList.self) { try SlabOcean().initialize(context: harness.context(.ocn, threads: 1)) }
        #expect(error?.description.contains("mixed_layer_depth") == true)
    }
}
