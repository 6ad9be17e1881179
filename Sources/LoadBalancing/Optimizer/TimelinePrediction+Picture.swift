import Coupling
import Pictures

extension TimelinePrediction {
    /// The predicted timeline as the picture the driver draws of measured timelines
    /// (`Pictures.TimelinePicture`), so prediction and measurement can be compared side by side:
    /// one row per component with its ranks and busy share, one bar per run over one
    /// steady-state cycle, gaps where the ranks are idle or run a component sharing them.
    public func picture(title: String) -> TimelinePicture {
        let subtitle = "predicted: \(shortNumber(secondsPerDay)) s per simulated day (\(fixed(simulatedYearsPerDay, 2)) simulated years/day); "
            + "one cycle of \(cycleSteps) driver step\(cycleSteps == 1 ? "" : "s") takes \(shortNumber(cycleSeconds)) s"
        let pictured = bars.map { bar in
            TimelinePicture.Bar(group: bar.component, label: "\(bar.component.rawValue) \(bar.component == .cpl ? "work" : "run"), step \(bar.step + 1)",
                                start: bar.start, end: bar.end)
        }
        return TimelinePicture(title: title, subtitle: subtitle, bars: pictured, layout: layout)
    }
}
