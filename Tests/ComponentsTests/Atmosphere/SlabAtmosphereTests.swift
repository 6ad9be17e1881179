import Components
import Coupling
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
        #expect(one[0].fieldNames == FieldRegistry.atmosphereExports)
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

    @Test("a setting out of range or an unknown key is an error naming it")
    func badSettings() throws {
        let harness = try ComponentHarness(namelist: "&slab_atm_nml grid_file = 'grid.nc', emissivity = 3, lapse_rat = 0.006 /\n")
        let error = #expect(throws: DiagnosticList.self) { try SlabAtmosphere().initialize(context: harness.context(.atm, threads: 1)) }
        #expect(error?.description.contains("emissivity") == true)
        #expect(error?.description.contains("lapse_rate") == true)
    }
}
