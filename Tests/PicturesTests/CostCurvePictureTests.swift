import Coupling
import Foundation
import Pictures
import Testing

@Suite("Cost curve picture")
struct CostCurvePictureTests {
    @Test("one panel per component with its measurements, curve, axes and warnings")
    func picture() {
        let atmCurve: @Sendable (Double) -> Double = { 400 / $0 + 5 + 0.3 * $0 }
        let atm = CostCurvePicture.Panel(samples: [1, 2, 4, 8, 16].map { .init(tasks: $0, secondsPerDay: atmCurve(Double($0))) },
                                         curve: atmCurve, formula: "T(n) = 400/n + 5 + 0.3·n s/day", rSquared: 0.99, warnings: [])
        let cpl = CostCurvePicture.Panel(samples: [.init(tasks: 1, secondsPerDay: 4), .init(tasks: 2, secondsPerDay: 2.5)],
                                         curve: { 3 / $0 + 1 }, formula: "T(n) = 3/n + 1 s/day", rSquared: 1,
                                         warnings: ["only two task counts measured (1, 2)"])
        let svg = CostCurvePicture(panels: [.atm: atm, .cpl: cpl], totalTasks: 64, title: "costs & fits").svg
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.hasSuffix("</svg>\n"))
        #expect(svg.contains("<title>costs &amp; fits</title>"))
        #expect(svg.contains("atm (atmosphere)") && svg.contains("cpl (coupler)") && !svg.contains("ocn (ocean)"))
        #expect(svg.contains(">T(n) = 400/n + 5 + 0.3·n s/day, R² 0.990</text>"))
        #expect(svg.components(separatedBy: "<circle").count - 1 == 7)
        #expect(svg.contains("<title>2 tasks: 205.6 s/day measured, 205.6 fitted</title>"))
        #expect(svg.components(separatedBy: "<polyline").count - 1 == 2)
        #expect(svg.contains(">MPI tasks</text>") && svg.contains(">seconds per simulated day</text>"))
        #expect(svg.contains(">64</text>"))
        #expect(svg.contains("1 warning (see the report)<title>only two task counts measured (1, 2)</title>"))
        #expect(!svg.contains("nan") && !svg.contains("inf"))
    }
}
