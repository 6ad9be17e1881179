import Coupling

/// A picture (SVG) of a processor layout: world ranks across, the components laid out down; a filled cell
/// means the component has a task on that rank (the number in it is the thread count). Ranks
/// beyond the job's that a component asks for are drawn in red (at most `extraRanksDrawn` of
/// them). `coupled-driver check` and the timing of every run draw it.
public struct LayoutPicture: Sendable {
    /// The most ranks beyond the job's a picture draws: enough to show what is asked for in
    /// excess, without millions of cells for a mistyped root rank or stride.
    static let extraRanksDrawn = 64

    /// The layout to draw.
    public let layout: ProcessorLayout
    /// The job's rank count: ranks from `worldSize` on are missing.
    public let worldSize: Int
    /// The heading at the top of the picture.
    public let title: String

    /// A picture of `layout` in a job of `worldSize` ranks.
    public init(layout: ProcessorLayout, worldSize: Int, title: String) {
        self.layout = layout
        self.worldSize = worldSize
        self.title = title
    }

    /// The SVG text.
    public var svg: String {
        let requiredWorldSize = layout.requiredWorldSize
        let columns = max(worldSize, min(requiredWorldSize, worldSize + Self.extraRanksDrawn), 1)
        let cell = columns > 64 ? max(4, 1024 / columns) : 28
        let left = 60, top = 50, rowHeight = 32
        let width = max(left + columns * cell + 20, left + title.count * 9 + 20)
        let height = top + layout.components.count * rowHeight + 40
        var svg = SVGText(width: width, height: height, title: title)
        svg += """
        <text x="\(left)" y="20" font-size="14" font-weight="bold">\(SVGText.escaped(title))</text>
        <text x="\(left)" y="38" fill="#555">world ranks 0-\(worldSize - 1) across; number in a cell = threads per task\(
            requiredWorldSize > columns ? "; ranks up to \(requiredWorldSize - 1) are asked for, the first \(columns) are drawn" : "")</text>

        """
        for (row, kind) in layout.components.enumerated() {
            let y = top + row * rowHeight
            let set = layout[kind]
            svg += "<text x=\"8\" y=\"\(y + cell / 2 + 4)\" font-weight=\"bold\">\(kind.rawValue)</text>\n"
            for rank in 0 ..< columns {
                let x = left + rank * cell
                let used = set.ntasks >= 1 && set.stride >= 1 && set.contains(rank: rank)
                let fill = !used ? "#f3f3f3" : rank >= worldSize ? "#d62728" : kind.color
                svg += "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(cell - 2)\" height=\"\(cell - 2)\" fill=\"\(fill)\" stroke=\"#ccc\">"
                svg += "<title>\(kind.rawValue) rank \(rank)\(used ? ", \(set.nthreads) thread(s)" : "")</title></rect>\n"
                if used && cell >= 20 {
                    svg += "<text x=\"\(x + cell / 2 - 1)\" y=\"\(y + cell / 2 + 3)\" text-anchor=\"middle\" fill=\"white\">\(set.nthreads)</text>\n"
                }
            }
        }
        let axisY = top + layout.components.count * rowHeight + 14
        let labelEvery = max(1, columns / 16)
        for rank in stride(from: 0, to: columns, by: labelEvery) {
            svg += "<text x=\"\(left + rank * cell + cell / 2 - 1)\" y=\"\(axisY)\" text-anchor=\"middle\" fill=\"#555\">\(rank)</text>\n"
        }
        return svg.finished
    }
}
