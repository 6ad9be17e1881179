import Coupling

/// A picture (SVG) of where the time goes over a stretch of a run: one row per processor
/// group, one bar per phase (a component's run, a coupler phase), gaps where a group waits.
/// The driver draws the measured timeline of a run with it, the load balancer the predicted
/// timeline of a proposed layout.
public struct TimelinePicture: Sendable {
    /// One bar: a phase of a group from `start` to `end` seconds.
    public struct Bar: Sendable, Codable, Hashable {
        /// The group's row (`atm`, ..., `cpl`).
        public let group: ComponentKind
        /// What ran (`atm run`, `cpl merge x2a`, ...), shown when hovering.
        public let label: String
        /// When the phase starts, in seconds on the picture's clock (the earliest bar is drawn at the left edge).
        public let start: Double
        /// When the phase ends, in seconds on the same clock.
        public let end: Double

        /// A bar for phase `label` of `group`, from `start` to `end` seconds.
        public init(group: ComponentKind, label: String, start: Double, end: Double) {
            self.group = group
            self.label = label
            self.start = start
            self.end = end
        }
    }

    /// The heading at the top of the picture.
    public let title: String
    /// A line under the title (what the picture shows, units).
    public let subtitle: String
    /// The phases to draw, in any order.
    public let bars: [Bar]
    /// The ranks of each group, shown with its row label.
    public let layout: ProcessorLayout

    /// A picture of `bars`, with the row labels taken from `layout`.
    public init(title: String, subtitle: String, bars: [Bar], layout: ProcessorLayout) {
        self.title = title
        self.subtitle = subtitle
        self.bars = bars
        self.layout = layout
    }

    /// The share of the pictured time each group is busy (0 to 1): the rest is idle.
    public func busyShare(of group: ComponentKind) -> Double {
        let span = (bars.map(\.end).max() ?? 0) - (bars.map(\.start).min() ?? 0)
        guard span > 0 else { return 0 }
        return bars.filter { $0.group == group }.map { $0.end - $0.start }.reduce(0, +) / span
    }

    /// The SVG text.
    public var svg: String {
        let left = 190, top = 62, rowHeight = 34, plotWidth = 900
        let origin = bars.map(\.start).min() ?? 0
        let span = max((bars.map(\.end).max() ?? 0) - origin, 1.0e-9)
        let groups = ComponentKind.all.filter { kind in bars.contains { $0.group == kind } || kind == .cpl }
        let height = top + groups.count * rowHeight + 60
        func x(_ seconds: Double) -> Double { Double(left) + (seconds - origin) / span * Double(plotWidth) }
        var svg = SVGText(width: left + plotWidth + 30, height: height, title: title)
        svg += """
        <text x="10" y="20" font-size="14" font-weight="bold">\(SVGText.escaped(title))</text>
        <text x="10" y="40" fill="#555">\(SVGText.escaped(subtitle))</text>

        """
        for (row, kind) in groups.enumerated() {
            let y = top + row * rowHeight
            let set = layout[kind]
            svg += "<rect x=\"\(left)\" y=\"\(y)\" width=\"\(plotWidth)\" height=\"\(rowHeight - 8)\" fill=\"#f3f3f3\"/>\n"
            svg += "<text x=\"10\" y=\"\(y + 12)\" font-weight=\"bold\">\(kind.rawValue)</text>\n"
            svg += "<text x=\"10\" y=\"\(y + 25)\" fill=\"#555\" font-size=\"10\">"
                + "ranks \(set.rankSummary), busy \(SVGText.percent(busyShare(of: kind)))</text>\n"
            for bar in bars where bar.group == kind {
                let width = max(x(bar.end) - x(bar.start), 0.5)
                svg += "<rect x=\"\(SVGText.shortCoordinate(x(bar.start)))\" y=\"\(y)\" width=\"\(SVGText.shortCoordinate(width))\" "
                    + "height=\"\(rowHeight - 8)\" fill=\"\(Self.color(of: bar))\" stroke=\"white\" stroke-width=\"0.5\">"
                    + "<title>\(SVGText.escaped(bar.label)): \(SVGText.seconds(bar.start - origin)) to \(SVGText.seconds(bar.end - origin))</title></rect>\n"
                if width > Double(bar.label.count) * 6.5 {
                    svg += "<text x=\"\(SVGText.shortCoordinate(x(bar.start) + 3))\" y=\"\(y + 17)\" fill=\"white\" font-size=\"10\">"
                        + "\(SVGText.escaped(bar.label))</text>\n"
                }
            }
        }
        let axisY = top + groups.count * rowHeight + 4
        svg += "<line x1=\"\(left)\" y1=\"\(axisY)\" x2=\"\(left + plotWidth)\" y2=\"\(axisY)\" stroke=\"#555\"/>\n"
        let tick = AxisTicks.spacing(over: span)
        var t = 0.0
        while t <= span * 1.000001 {
            let tx = SVGText.shortCoordinate(x(origin + t))
            svg += "<line x1=\"\(tx)\" y1=\"\(axisY)\" x2=\"\(tx)\" y2=\"\(axisY + 5)\" stroke=\"#555\"/>"
            svg += "<text x=\"\(tx)\" y=\"\(axisY + 18)\" text-anchor=\"middle\" fill=\"#555\">\(SVGText.seconds(t))</text>\n"
            t += tick
        }
        svg += "<text x=\"\(left + plotWidth / 2)\" y=\"\(axisY + 36)\" text-anchor=\"middle\" fill=\"#555\">wall-clock time; light grey = waiting, brown = moving fields between ranks, mid grey = writing files</text>\n"
        return svg.finished
    }

    /// The group's colour; communication (`rearrange`) darker, writing files lighter.
    private static func color(of bar: Bar) -> String {
        if bar.label.contains("rearrange") { return "#7f3b08" }
        if bar.label.contains("history") || bar.label.contains("restart") { return "#bdbdbd" }
        return bar.group.color
    }
}
