import Coupling
import Foundation
import LoadBalancing
import Testing

@Suite("Cost curve picture")
struct CostCurvePictureTests {
    @Test("one panel per fitted component with its measurements, curve, axes and warnings")
    func picture() throws {
        let atm = try CostFit(samples: [1, 2, 4, 8, 16].map { CostSample(tasks: $0, secondsPerDay: 400 / Double($0) + 5 + 0.3 * Double($0)) })
        let cpl = try CostFit(samples: [CostSample(tasks: 1, secondsPerDay: 4), CostSample(tasks: 2, secondsPerDay: 2.5)])
        let svg = CostCurvePicture(fits: [.atm: atm, .cpl: cpl], totalTasks: 64, title: "costs & fits").svg
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.hasSuffix("</svg>\n"))
        #expect(svg.contains("<title>costs &amp; fits</title>"))
        #expect(svg.contains("atm (atmosphere)") && svg.contains("cpl (coupler)") && !svg.contains("ocn (ocean)"))
        #expect(svg.components(separatedBy: "<circle").count - 1 == 7)
        #expect(svg.components(separatedBy: "<polyline").count - 1 == 2)
        #expect(svg.contains(">MPI tasks</text>") && svg.contains(">seconds per simulated day</text>"))
        #expect(svg.contains(">64</text>"))
        #expect(svg.contains("1 warning (see the report)"))
        #expect(!svg.contains("nan") && !svg.contains("inf"))
    }
}
