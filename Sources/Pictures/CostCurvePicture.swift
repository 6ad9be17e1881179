import Coupling
import Foundation

/// An SVG picture of fitted cost models: one panel per component, with its measurements (dots)
/// and the curve fitted to them (line) on log–log axes, task count across and seconds per
/// simulated day up, the curve drawn from 1 task to the total task count. The load balancer
/// draws its fits `T(n) = a/n + b + c·n` with it.
public struct CostCurvePicture: Sendable {
    /// One measurement: on `tasks` MPI tasks a component took `secondsPerDay` seconds per
    /// simulated day.
    public struct Sample: Sendable, Hashable {
        /// The component's MPI task count.
        public let tasks: Int
        /// Wall-clock seconds per simulated day.
        public let secondsPerDay: Double

        /// A measurement of `secondsPerDay` seconds per simulated day on `tasks` tasks.
        public init(tasks: Int, secondsPerDay: Double) {
            self.tasks = tasks
            self.secondsPerDay = secondsPerDay
        }
    }

    /// One component's panel: its measurements, the curve fitted to them and how well it fits.
    public struct Panel: Sendable {
        /// The measurements (task counts ≥ 1, times > 0), drawn as dots.
        public let samples: [Sample]
        /// The fitted seconds per simulated day at a task count (≥ 1, not only whole ones), drawn as the line.
        public let curve: @Sendable (Double) -> Double
        /// The fitted formula with its coefficients, shown above the plot.
        public let formula: String
        /// The fit's R², shown after the formula.
        public let rSquared: Double
        /// What a reader should know about the fit; counted under the plot, listed when hovering.
        public let warnings: [String]

        /// A panel of `samples` and the `curve` fitted to them, titled with `formula` and `rSquared`.
        public init(samples: [Sample], curve: @escaping @Sendable (Double) -> Double, formula: String, rSquared: Double,
                    warnings: [String]) {
            self.samples = samples
            self.curve = curve
            self.formula = formula
            self.rSquared = rSquared
            self.warnings = warnings
        }
    }

    /// The panel of each component to draw; components without one get none.
    public let panels: [ComponentKind: Panel]
    /// The total task count: the right end of every x axis.
    public let totalTasks: Int
    /// The heading at the top of the picture.
    public let title: String

    /// A picture of `panels`, with x axes running to `totalTasks`.
    public init(panels: [ComponentKind: Panel], totalTasks: Int, title: String) {
        self.panels = panels
        self.totalTasks = totalTasks
        self.title = title
    }

    private static let panelWidth = 440.0, panelHeight = 300.0
    private static let plotLeft = 70.0, plotTop = 52.0, plotWidth = 340.0, plotHeight = 190.0

    /// The picture as SVG text.
    public var svg: String {
        let kinds = ComponentKind.all.filter { panels[$0] != nil }
        let columns = 2
        let rows = max(1, (kinds.count + columns - 1) / columns)
        let width = Self.panelWidth * Double(columns) + 20
        let height = 70 + Self.panelHeight * Double(rows)
        var svg = SVGText(width: Int(width), height: Int(height), title: title)
        svg += """
        <text x="20" y="24" font-size="16" font-weight="bold">\(SVGText.escaped(title))</text>
        <text x="20" y="44" fill="#555">dots: measured seconds per simulated day; line: fitted T(n) = a/n + b + c·n; both axes logarithmic</text>

        """
        for (index, kind) in kinds.enumerated() {
            let x = 10 + Self.panelWidth * Double(index % columns)
            let y = 60 + Self.panelHeight * Double(index / columns)
            svg += panel(kind, panels[kind]!, x: x, y: y)
        }
        return svg.finished
    }

    /// One component's panel with its top-left corner at (`x`, `y`).
    private func panel(_ kind: ComponentKind, _ panel: Panel, x: Double, y: Double) -> String {
        let maxTasks = max(totalTasks, panel.samples.map(\.tasks).max() ?? 1, 2)
        let curveTasks = (0 ... 80).map { pow(Double(maxTasks), Double($0) / 80) }
        let curve = curveTasks.map(panel.curve)
        let times = curve + panel.samples.map(\.secondsPerDay)
        let (low, high) = (times.min()! / 1.3, times.max()! * 1.3)
        let left = x + Self.plotLeft, top = y + Self.plotTop, bottom = top + Self.plotHeight
        // A margin of 15% on each side of 1 ... maxTasks.
        func px(_ tasks: Double) -> Double { left + log(tasks * 1.15) / log(Double(maxTasks) * 1.15 * 1.15) * Self.plotWidth }
        func py(_ seconds: Double) -> Double { bottom - log(seconds / low) / log(high / low) * Self.plotHeight }
        let color = kind.color
        let c = SVGText.coordinate

        var svg = "<g>\n"
        svg += "<text x=\"\(c(x + 10))\" y=\"\(c(y + 16))\" font-size=\"14\" font-weight=\"bold\">\(kind.rawValue) (\(kind.longName))</text>\n"
        svg += "<text x=\"\(c(x + 10))\" y=\"\(c(y + 34))\">\(SVGText.escaped(panel.formula)), R² \(SVGText.fixed(panel.rSquared, 3))</text>\n"
        svg += "<rect x=\"\(c(left))\" y=\"\(c(top))\" width=\"\(c(Self.plotWidth))\" height=\"\(c(Self.plotHeight))\" fill=\"none\" stroke=\"#999\"/>\n"
        let taskTicks = Array(sequence(first: 1) { $0 * 2 }.prefix { $0 <= maxTasks })
        let everyOther = taskTicks.count > 9
        for (i, tasks) in taskTicks.enumerated() where !everyOther || i % 2 == 0 {
            let tx = px(Double(tasks))
            svg += "<line x1=\"\(c(tx))\" y1=\"\(c(top))\" x2=\"\(c(tx))\" y2=\"\(c(bottom))\" stroke=\"#eee\"/>\n"
            svg += "<text x=\"\(c(tx))\" y=\"\(c(bottom + 15))\" text-anchor=\"middle\" fill=\"#555\">\(tasks)</text>\n"
        }
        for seconds in AxisTicks.logarithmic(low, high) {
            let ty = py(seconds)
            svg += "<line x1=\"\(c(left))\" y1=\"\(c(ty))\" x2=\"\(c(left + Self.plotWidth))\" y2=\"\(c(ty))\" stroke=\"#eee\"/>\n"
            svg += "<text x=\"\(c(left - 5))\" y=\"\(c(ty + 4))\" text-anchor=\"end\" fill=\"#555\">\(SVGText.shortNumber(seconds))</text>\n"
        }
        svg += "<text x=\"\(c(left + Self.plotWidth / 2))\" y=\"\(c(bottom + 32))\" text-anchor=\"middle\">MPI tasks</text>\n"
        svg += "<text transform=\"translate(\(c(x + 16)),\(c(top + Self.plotHeight / 2))) rotate(-90)\" text-anchor=\"middle\">seconds per simulated day</text>\n"
        let points = zip(curveTasks, curve).map { "\(c(px($0))),\(c(py($1)))" }.joined(separator: " ")
        svg += "<polyline points=\"\(points)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\"/>\n"
        for sample in panel.samples {
            svg += "<circle cx=\"\(c(px(Double(sample.tasks))))\" cy=\"\(c(py(sample.secondsPerDay)))\" r=\"4\" fill=\"\(color)\" stroke=\"black\">"
            svg += "<title>\(sample.tasks) tasks: \(SVGText.shortNumber(sample.secondsPerDay)) s/day measured, "
                + "\(SVGText.shortNumber(panel.curve(Double(sample.tasks)))) fitted</title></circle>\n"
        }
        if !panel.warnings.isEmpty {
            let all = SVGText.escaped(panel.warnings.joined(separator: "; "))
            svg += "<text x=\"\(c(left))\" y=\"\(c(bottom + 48))\" fill=\"#b00\">\(panel.warnings.count) warning\(panel.warnings.count == 1 ? "" : "s") "
                + "(see the report)<title>\(all)</title></text>\n"
        }
        return svg + "</g>\n"
    }
}
