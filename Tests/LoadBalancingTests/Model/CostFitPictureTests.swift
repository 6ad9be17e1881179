import Coupling
import LoadBalancing
import Pictures
import Testing

@Suite("Cost fits as a picture")
struct CostFitPictureTests {
    @Test("each fit becomes a panel with its measurements, model, formula, R² and warnings")
    func panels() throws {
        let atm = try CostFit(samples: [1, 2, 4, 8, 16].map { CostSample(tasks: $0, secondsPerDay: 400 / Double($0) + 5 + 0.3 * Double($0)) })
        let cpl = try CostFit(samples: [CostSample(tasks: 1, secondsPerDay: 4), CostSample(tasks: 2, secondsPerDay: 2.5)])
        let picture = CostCurvePicture(fits: [.atm: atm, .cpl: cpl], totalTasks: 64, title: "costs")
        #expect(Set(picture.panels.keys) == [.atm, .cpl])
        let panel = try #require(picture.panels[.atm])
        #expect(panel.samples == atm.samples.map { CostCurvePicture.Sample(tasks: $0.tasks, secondsPerDay: $0.secondsPerDay) })
        #expect(panel.formula == atm.model.formula && panel.rSquared == atm.rSquared && panel.warnings == atm.warnings)
        for tasks in [1, 3, 64] {
            #expect(panel.curve(Double(tasks)) == atm.model.secondsPerDay(tasks: tasks))
        }
        #expect(picture.panels[.cpl]?.warnings == cpl.warnings && cpl.warnings.count == 1)
    }
}
