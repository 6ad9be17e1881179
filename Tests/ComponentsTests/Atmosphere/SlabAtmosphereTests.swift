import Components
import Coupling
import Foundation
import Namelist
import Testing

@Suite("Slab atmosphere component")
struct SlabAtmosphereTests {
    /// A merged surface like a mild ocean everywhere.
    static func surface(for run: ComponentRun) -> FieldBundle {
        var x = run.blankImports
        let n = x.pointCount
        func set(_ name: String, _ value: Double) { x.setValues([Double](repeating: value, count: n), of: name) }
        set("Sx_t", 288)
        for albedo in ["Sx_avsdr", "Sx_anidr", "Sx_avsdf", "Sx_anidf"] { set(albedo, 0.1) }
        set("Faxx_lwup", -390)
        set("Faxx_sen", -10)
        set("Faxx_evap", -3e-5)
        set("Faxx_lat", -3e-5 * PhysicalConstants.latentHeatOfVaporization)
        set("Sf_ofrac", 1)
        return x
    }

    /// A merged surface that changes from point to point (the same on any decomposition) and
    /// from interval `k` to interval: its temperature, albedos and turbulent fluxes.
    static func surface(step k: Int, for run: ComponentRun) -> FieldBundle {
        var x = surface(for: run)
        let points = run.globalIndices
        let t = points.map { 288 + 8 * wave(k, $0) }
        x.setValues(t, of: "Sx_t")
        for albedo in ["Sx_avsdr", "Sx_anidr", "Sx_avsdf", "Sx_anidf"] { x.setValues(points.map { 0.2 + 0.1 * wave(k, $0, period: 5) }, of: albedo) }
        x.setValues(t.map { -PhysicalConstants.stefanBoltzmann * $0 * $0 * $0 * $0 }, of: "Faxx_lwup")
        x.setValues(points.map { -10 - 15 * wave(k, $0, period: 3) }, of: "Faxx_sen")
        let evaporation = points.map { -3e-5 * (1 + 0.8 * wave(k, $0, period: 4)) }
        x.setValues(evaporation, of: "Faxx_evap")
        x.setValues(evaporation.map { $0 * PhysicalConstants.latentHeatOfVaporization }, of: "Faxx_lat")
        x.setValues(points.map { 0.1 * wave(k, $0, period: 6) }, of: "Faxx_taux")
        return x
    }

    /// The exports after each of `steps` hours, with `threads` threads.
    func run(threads: Int, steps: Int, on harness: ComponentHarness) throws -> [FieldBundle] {
        let run = try ComponentRun(SlabAtmosphere(), .atm, on: harness, threads: threads)
        var history = [run.exports]
        for _ in 0 ..< steps {
            try run.step(Self.surface(for: run))
            history.append(run.exports)
        }
        try run.finalize()
        return history
    }

    @Test("exports the cpl7 fields, finite and physical, the same bits for any number of threads")
    func exports() throws {
        let harness = try ComponentHarness(namelist: "&slab_atm_nml grid_file = 'grid.nc' /\n")
        let one = try run(threads: 1, steps: 12, on: harness)
        let three = try run(threads: 3, steps: 12, on: harness)
        #expect(one == three)
        #expect(one[0].fieldNames == ExchangeTable.standard.exports(of: .atm))
        for exports in one { #expect(exports.firstNonFinite() == nil) }
        let last = one[12]
        #expect(last.values(of: "Sa_pbot").allSatisfy { abs($0 - 101_325) < 200 })
        #expect(last.values(of: "Sa_z").allSatisfy { $0 == 10 })
        #expect(last.values(of: "Sa_tbot").allSatisfy { $0 > 230 && $0 < 310 })
        // At 12:00 UTC it is day at longitude 0 and night at longitude 180 (the fifth of eight).
        let sw = last.values(of: "Faxa_swvdr")
        #expect(sw[2 * ComponentHarness.longitudeCount] > 0)
        #expect(sw[2 * ComponentHarness.longitudeCount + 4] == 0)
        #expect(harness.log.contains("global means"))
        #expect(harness.log.contains("surface temperature (K) = 288"))
    }

    @Test("restarts exactly: N hours, a restart file and M hours give the bits of N + M hours, on any number of threads")
    func restartIsExact() throws {
        let harness = try ComponentHarness(namelist: "&slab_atm_nml grid_file = 'grid.nc', precipitation_hours = 2 /\n")
        let trip = RestartRoundTrip(harness: harness, kind: .atm, make: SlabAtmosphere.init) { k, run in Self.surface(step: k, for: run) }
        let straight = try trip.straight(steps: 14, threads: 1)
        // The forcing changes: the column state after 6 hours differs from the initial one.
        #expect(try onSomeTask(!identicalBits(straight.exports[6], straight.exports[0])))
        #expect(try onSomeTask(straight.exports[14].values(of: "Faxa_rainl").contains { $0 > 0 }))
        try trip.expectExact(straight, before: 6, writeThreads: 1, readThreads: 1)
        try trip.expectExact(straight, before: 6, writeThreads: 2, readThreads: 3)
        try trip.expectExact(straight, before: 11, writeThreads: 3, readThreads: 1)
        #expect(harness.log.contains("slab atmosphere continues from"))
    }

    @Test("refuses a restart file of another model, or one with a field missing, naming the file, the models and the field")
    func refusesOtherRestarts() throws {
        let harness = try ComponentHarness(namelist: "&slab_atm_nml grid_file = 'grid.nc' /\n&bucket_lnd_nml grid_file = 'grid.nc' /\n")
        let land = try ComponentRun(BucketLand(), .lnd, on: harness, threads: 1)
        try expectRefusesRestarts(of: land, "bucket land", by: SlabAtmosphere.init, .atm, "slab atmosphere", missing: "t_bottom", on: harness)
    }

    @Test("a setting out of range or an unknown key is an error naming it")
    func badSettings() throws {
        let harness = try ComponentHarness(namelist: "&slab_atm_nml grid_file = 'grid.nc', emissivity = 3, lapse_rat = 0.006 /\n")
        let error = #expect(throws: DiagnosticList.self) { try SlabAtmosphere().initialize(context: harness.context(.atm, threads: 1)) }
        #expect(error?.description.contains("emissivity") == true)
        #expect(error?.description.contains("lapse_rate") == true)
    }
}
