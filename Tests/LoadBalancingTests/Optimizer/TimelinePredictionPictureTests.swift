import Coupling
import Foundation
import LoadBalancing
import Testing

@Suite("Predicted timeline picture")
struct TimelinePredictionPictureTests {
    @Test("one row per present component, one bar per run, the predicted speed in the subtitle")
    func picture() throws {
        let sequence = SyntheticCases.sequence(roles: [.lnd: .absent])
        let result = try LayoutSearch(sequence: sequence, costs: SyntheticCases.shapes[1].costs).run(totalTasks: 16)
        let prediction = result.best.prediction
        let picture = prediction.picture(title: "proposed layout <16 ranks>")
        #expect(picture.bars.count == prediction.bars.count)
        #expect(picture.layout == result.best.layout)
        #expect(picture.subtitle.hasPrefix("predicted: \(String(format: "%.4g", prediction.secondsPerDay)) s per simulated day"))
        let svg = picture.svg
        #expect(svg.contains("<title>proposed layout &lt;16 ranks&gt;</title>"))
        #expect(!svg.contains(">lnd</text>"))
        #expect(svg.contains("ranks \(result.best.layout[.atm].rankSummary), busy"))
        #expect(svg.contains("atm run, step 1"))
        // The busy shares over one cycle add up to the components' run times.
        for kind in [ComponentKind.atm, .ice, .cpl] {
            let busy = prediction.bars.filter { $0.component == kind }.map { $0.end - $0.start }.reduce(0, +)
            #expect(abs(picture.busyShare(of: kind) - busy / prediction.cycleSeconds) < 1e-9)
        }
    }
}
