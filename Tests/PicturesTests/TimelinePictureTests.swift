import Coupling
import Pictures
import Testing

@Suite("Timeline picture")
struct TimelinePictureTests {
    @Test("a row per group with bars and the coupler's, bars coloured by what they do, labels where they fit")
    func picture() {
        let bars = [TimelinePicture.Bar(group: .atm, label: "atm run", start: 10, end: 10.5),
                    TimelinePicture.Bar(group: .cpl, label: "cpl rearrange cpl->atm", start: 10.5, end: 10.6),
                    TimelinePicture.Bar(group: .cpl, label: "cpl history <write> & more", start: 10.6, end: 11)]
        let picture = TimelinePicture(title: "a & b", subtitle: "one step", bars: bars, layout: .allOnAllRanks(worldSize: 4))
        #expect(picture.busyShare(of: .atm) == 0.5)
        #expect(abs(picture.busyShare(of: .cpl) - 0.5) < 1e-12)
        #expect(picture.busyShare(of: .ocn) == 0)
        let svg = picture.svg
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.hasSuffix("</svg>\n"))
        #expect(svg.contains("<title>a &amp; b</title>"))
        #expect(svg.contains(">atm</text>") && svg.contains(">cpl</text>") && !svg.contains(">ocn</text>"))
        #expect(svg.contains(">ranks 0-3, busy 50%</text>"))
        #expect(svg.contains("fill=\"#1f77b4\" stroke=\"white\" stroke-width=\"0.5\"><title>atm run: 0 to 500 ms</title>"))
        #expect(svg.contains("fill=\"#7f3b08\" stroke=\"white\" stroke-width=\"0.5\"><title>cpl rearrange cpl-&gt;atm: 500 ms to 600 ms</title>"))
        #expect(svg.contains("fill=\"#bdbdbd\" stroke=\"white\" stroke-width=\"0.5\"><title>cpl history &lt;write&gt; &amp; more: 600 ms to 1.0 s</title>"))
        #expect(svg.contains(">atm run</text>"), "a label that fits its bar is written in it")
        #expect(!svg.contains(">cpl rearrange cpl-&gt;atm</text>"), "a label longer than its bar is only in the tooltip")
        #expect(svg.contains("text-anchor=\"middle\" fill=\"#555\">0</text>"))
    }
}
