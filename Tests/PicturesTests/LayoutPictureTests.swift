import Coupling
import Pictures
import Testing

@Suite("Layout picture")
struct LayoutPictureTests {
    @Test("the picture has one cell per component laid out and rank, red where ranks are missing")
    func picture() {
        var layout = ProcessorLayout.allOnAllRanks(worldSize: 4, components: [.atm, .lnd, .ice, .ocn])
        layout[.ocn] = ProcessorSet(ntasks: 3, rootRank: 2)
        let svg = LayoutPicture(layout: layout, worldSize: 4, title: "t").svg
        #expect(svg.hasPrefix("<svg"))
        #expect(svg.split(separator: "<rect x=", omittingEmptySubsequences: false).count - 1 == 5 * 5)
        #expect(!svg.contains(">rof<"))
        layout[.rof] = ProcessorSet(ntasks: 1, rootRank: 1)
        let withRiver = LayoutPicture(layout: layout, worldSize: 4, title: "t").svg
        #expect(withRiver.split(separator: "<rect x=", omittingEmptySubsequences: false).count - 1 == 6 * 5)
        #expect(withRiver.contains("<title>rof rank 1, 1 thread(s)</title>") && withRiver.contains("<title>rof rank 0</title>"))
        #expect(svg.contains("#d62728"))
        #expect(svg.contains("<title>ocn rank 4, 1 thread(s)</title>"))
    }

    /// Found by ConfigurationFuzzTests: the picture drew one cell per rank asked for, so
    /// `atm_rootpe = 10000000` made `coupled-driver check` write gigabytes for minutes.
    @Test("the picture draws at most 64 ranks beyond the job")
    func pictureOfFarRanks() {
        var layout = ProcessorLayout.allOnAllRanks(worldSize: 4)
        layout[.atm] = ProcessorSet(ntasks: 2, rootRank: 10_000_000)
        let picture = LayoutPicture(layout: layout, worldSize: 4, title: "far").svg
        #expect(picture.contains("<title>lnd rank 67</title>"))
        #expect(!picture.contains("rank 68<"))
        #expect(picture.contains("ranks up to 10000001 are asked for, the first 68 are drawn"))
    }
}
