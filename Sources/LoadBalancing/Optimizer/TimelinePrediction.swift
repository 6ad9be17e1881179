import Coupling

/// What the timeline predictor expects of one layout: how fast it runs and who does what when.
public struct TimelinePrediction: Sendable {
    /// The layout predicted.
    public let layout: ProcessorLayout
    /// Predicted wall-clock seconds per simulated day, in the steady state.
    public let secondsPerDay: Double
    /// Wall-clock seconds of one cycle of the run sequence (`cycleSteps` driver steps).
    public let cycleSeconds: Double
    /// Driver steps in the cycle.
    public let cycleSteps: Int
    /// Every component run of one steady-state cycle, times from the cycle's start, in the order of
    /// the run sequence. A bar may end after `cycleSeconds` when a component's ranks run ahead.
    public let bars: [TimelineBar]

    /// A prediction for `layout`: its time per simulated day and one steady-state cycle's bars.
    public init(layout: ProcessorLayout, secondsPerDay: Double, cycleSeconds: Double, cycleSteps: Int, bars: [TimelineBar]) {
        self.layout = layout
        self.secondsPerDay = secondsPerDay
        self.cycleSeconds = cycleSeconds
        self.cycleSteps = cycleSteps
        self.bars = bars
    }

    /// Simulated years per wall-clock day (CESM's throughput figure).
    public var simulatedYearsPerDay: Double { secondsPerDay > 0 ? 86_400 / secondsPerDay / 365 : .infinity }
}
