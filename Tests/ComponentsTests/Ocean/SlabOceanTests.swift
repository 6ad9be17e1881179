import Components
import Coupling
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
        #expect(exports.fieldNames == FieldRegistry.oceanExports)
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

    @Test("a setting out of range is an error naming it")
    func badSettings() throws {
        let harness = try ComponentHarness(namelist: "&slab_ocn_nml grid_file = 'grid.nc', mixed_layer_depth = -5 /\n")
        let error = #expect(throws: DiagnosticList.self) { try SlabOcean().initialize(context: harness.context(.ocn, threads: 1)) }
        #expect(error?.description.contains("mixed_layer_depth") == true)
    }
}
