extension ProcessorLayout {
    /// The most ranks beyond the job's a picture draws: enough to show what is asked for in
    /// excess, without millions of cells for a mistyped root rank or stride.
    static let extraRanksDrawn = 64

    /// An SVG picture of the layout: world ranks across, components down; a filled cell
    /// means the component has a task on that rank (the number in it is the thread count).
    /// Ranks beyond `worldSize` that a component asks for are drawn in red (at most
    /// `extraRanksDrawn` of them).
    public func svgPicture(worldSize: Int, title: String) -> String {
        let columns = max(worldSize, min(requiredWorldSize, worldSize + Self.extraRanksDrawn), 1)
        let cell = columns > 64 ? max(4, 1024 / columns) : 28
        let left = 60, top = 50, rowHeight = 32
        let width = max(left + columns * cell + 20, left + title.count * 9 + 20)
        let height = top + ComponentKind.all.count * rowHeight + 40
        var svg = """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(width)" height="\(height)" font-family="sans-serif" font-size="12">
        <title>\(escaped(title))</title>
        <rect width="100%" height="100%" fill="white"/>
        <text x="\(left)" y="20" font-size="14" font-weight="bold">\(escaped(title))</text>
        <text x="\(left)" y="38" fill="#555">world ranks 0-\(worldSize - 1) across; number in a cell = threads per task\(
            requiredWorldSize > columns ? "; ranks up to \(requiredWorldSize - 1) are asked for, the first \(columns) are drawn" : "")</text>

        """
        for (row, kind) in ComponentKind.all.enumerated() {
            let y = top + row * rowHeight
            let set = self[kind]
            svg += "<text x=\"8\" y=\"\(y + cell / 2 + 4)\" font-weight=\"bold\">\(kind.rawValue)</text>\n"
            for rank in 0 ..< columns {
                let x = left + rank * cell
                let used = set.ntasks >= 1 && set.stride >= 1 && set.contains(rank: rank)
                let fill = !used ? "#f3f3f3" : rank >= worldSize ? "#d62728" : Self.color(kind)
                svg += "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(cell - 2)\" height=\"\(cell - 2)\" fill=\"\(fill)\" stroke=\"#ccc\">"
                svg += "<title>\(kind.rawValue) rank \(rank)\(used ? ", \(set.nthreads) thread(s)" : "")</title></rect>\n"
                if used && cell >= 20 {
                    svg += "<text x=\"\(x + cell / 2 - 1)\" y=\"\(y + cell / 2 + 3)\" text-anchor=\"middle\" fill=\"white\">\(set.nthreads)</text>\n"
                }
            }
        }
        let axisY = top + ComponentKind.all.count * rowHeight + 14
        let labelEvery = max(1, columns / 16)
        for rank in stride(from: 0, to: columns, by: labelEvery) {
            svg += "<text x=\"\(left + rank * cell + cell / 2 - 1)\" y=\"\(axisY)\" text-anchor=\"middle\" fill=\"#555\">\(rank)</text>\n"
        }
        svg += "</svg>\n"
        return svg
    }

    /// The colour a component is drawn with in every picture.
    public static func color(_ kind: ComponentKind) -> String {
        switch kind {
        case .atm: "#1f77b4"
        case .lnd: "#2ca02c"
        case .ice: "#17becf"
        case .ocn: "#08306b"
        case .cpl: "#ff7f0e"
        }
    }
}

/// Text made safe for SVG/XML content.
func escaped(_ text: String) -> String {
    var result = ""
    for character in text {
        switch character {
        case "&": result += "&amp;"
        case "<": result += "&lt;"
        case ">": result += "&gt;"
        case "\"": result += "&quot;"
        default: result.append(character)
        }
    }
    return result
}
