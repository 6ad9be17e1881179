import Coupling
import Foundation

/// An SVG picture of the fitted cost models: one panel per component, with its measurements
/// (dots) and the fitted curve `T(n) = a/n + b + c·n` (line) on log–log axes, task count across
/// and seconds per simulated day up, the curve drawn from 1 task to the total task count.
public struct CostCurvePicture: Sendable {
    /// The fit of each component to draw; components without one get no panel.
    public let fits: [ComponentKind: CostFit]
    /// The total task count: the right end of every x axis.
    public let totalTasks: Int
    /// The heading at the top of the picture.
    public let title: String

    /// A picture of `fits`, with x axes running to `totalTasks`.
    public init(fits: [ComponentKind: CostFit], totalTasks: Int, title: String) {
        self.fits = fits
        self.totalTasks = totalTasks
        self.title = title
    }

    private static let panelWidth = 440.0, panelHeight = 300.0
    private static let plotLeft = 70.0, plotTop = 52.0, plotWidth = 340.0, plotHeight = 190.0

    /// The picture as SVG text.
    public var svg: String {
        let kinds = ComponentKind.all.filter { fits[$0] != nil }
        let columns = 2
        let rows = max(1, (kinds.count + columns - 1) / columns)
        let width = Self.panelWidth * Double(columns) + 20
        let height = 70 + Self.panelHeight * Double(rows)
        var svg = """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" font-family="sans-serif" font-size="12">
        <title>\(SVGText.escaped(title))</title>
        <rect width="100%" height="100%" fill="white"/>
        <text x="20" y="24" font-size="16" font-weight="bold">\(SVGText.escaped(title))</text>
        <text x="20" y="44" fill="#555">dots: measured seconds per simulated day; line: fitted T(n) = a/n + b + c·n; both axes logarithmic</text>

        """
        for (index, kind) in kinds.enumerated() {
            let x = 10 + Self.panelWidth * Double(index % columns)
            let y = 60 + Self.panelHeight * Double(index / columns)
            svg += panel(kind, fit: fits[kind]!, x: x, y: y)
        }
        return svg + "</svg>\n"
    }

    /// One component's panel with its top-left corner at (`x`, `y`).
    private func panel(_ kind: ComponentKind, fit: CostFit, x: Double, y: Double) -> String {
        let maxTasks = max(totalTasks, fit.samples.map(\.tasks).max() ?? 1, 2)
        let curveTasks = (0 ... 80).map { pow(Double(maxTasks), Double($0) / 80) }
        let curve = curveTasks.map { fit.model.secondsPerDay(atTasks: $0) }
        let times = curve + fit.samples.map(\.secondsPerDay)
        let (low, high) = (times.min()! / 1.3, times.max()! * 1.3)
        let left = x + Self.plotLeft, top = y + Self.plotTop, bottom = top + Self.plotHeight
        // A margin of 15% on each side of 1 ... maxTasks.
        func px(_ tasks: Double) -> Double { left + log(tasks * 1.15) / log(Double(maxTasks) * 1.15 * 1.15) * Self.plotWidth }
        func py(_ seconds: Double) -> Double { bottom - log(seconds / low) / log(high / low) * Self.plotHeight }
        let color = ProcessorLayout.color(kind)
        let c = SVGText.coordinate

        var svg = "<g>\n"
        svg += "<text x=\"\(c(x + 10))\" y=\"\(c(y + 16))\" font-size=\"14\" font-weight=\"bold\">\(kind.rawValue) (\(kind.longName))</text>\n"
        svg += "<text x=\"\(c(x + 10))\" y=\"\(c(y + 34))\">\(SVGText.escaped(fit.model.formula)), R² \(fixed(fit.rSquared, 3))</text>\n"
        svg += "<rect x=\"\(c(left))\" y=\"\(c(top))\" width=\"\(c(Self.plotWidth))\" height=\"\(c(Self.plotHeight))\" fill=\"none\" stroke=\"#999\"/>\n"
        let taskTicks = Array(sequence(first: 1) { $0 * 2 }.prefix { $0 <= maxTasks })
        let everyOther = taskTicks.count > 9
        for (i, tasks) in taskTicks.enumerated() where !everyOther || i % 2 == 0 {
            let tx = px(Double(tasks))
            svg += "<line x1=\"\(c(tx))\" y1=\"\(c(top))\" x2=\"\(c(tx))\" y2=\"\(c(bottom))\" stroke=\"#eee\"/>\n"
            svg += "<text x=\"\(c(tx))\" y=\"\(c(bottom + 15))\" text-anchor=\"middle\" fill=\"#555\">\(tasks)</text>\n"
        }
        for seconds in SVGText.logTicks(low, high) {
            let ty = py(seconds)
            svg += "<line x1=\"\(c(left))\" y1=\"\(c(ty))\" x2=\"\(c(left + Self.plotWidth))\" y2=\"\(c(ty))\" stroke=\"#eee\"/>\n"
            svg += "<text x=\"\(c(left - 5))\" y=\"\(c(ty + 4))\" text-anchor=\"end\" fill=\"#555\">\(shortNumber(seconds))</text>\n"
        }
        svg += "<text x=\"\(c(left + Self.plotWidth / 2))\" y=\"\(c(bottom + 32))\" text-anchor=\"middle\">MPI tasks</text>\n"
        svg += "<text transform=\"translate(\(c(x + 16)),\(c(top + Self.plotHeight / 2))) rotate(-90)\" text-anchor=\"middle\">seconds per simulated day</text>\n"
        let points = zip(curveTasks, curve).map { "\(c(px($0))),\(c(py($1)))" }.joined(separator: " ")
        svg += "<polyline points=\"\(points)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\"/>\n"
        for sample in fit.samples {
            svg += "<circle cx=\"\(c(px(Double(sample.tasks))))\" cy=\"\(c(py(sample.secondsPerDay)))\" r=\"4\" fill=\"\(color)\" stroke=\"black\">"
            svg += "<title>\(sample.tasks) tasks: \(shortNumber(sample.secondsPerDay)) s/day measured, "
                + "\(shortNumber(fit.model.secondsPerDay(tasks: sample.tasks))) fitted</title></circle>\n"
        }
        if !fit.warnings.isEmpty {
            let all = SVGText.escaped(fit.warnings.joined(separator: "; "))
            svg += "<text x=\"\(c(left))\" y=\"\(c(bottom + 48))\" fill=\"#b00\">\(fit.warnings.count) warning\(fit.warnings.count == 1 ? "" : "s") "
                + "(see the report)<title>\(all)</title></text>\n"
        }
        return svg + "</g>\n"
    }
}
