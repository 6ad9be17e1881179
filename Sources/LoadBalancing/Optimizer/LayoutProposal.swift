import Coupling

/// The best layout of one arrangement, with its predicted time.
public struct LayoutProposal: Sendable {
    /// The shape of the layout: where the ocean and the sea ice go.
    public let arrangement: LayoutArrangement
    /// Tasks per component (1 for absent ones).
    public let tasks: [ComponentKind: Int]
    /// The layout, valid on the total task count.
    public let layout: ProcessorLayout
    /// Seconds per simulated day as the search composed it.
    public let secondsPerDay: Double
    /// The timeline predictor's view of the layout; its time per day equals `secondsPerDay` up to
    /// rounding.
    public let prediction: TimelinePrediction

    /// A proposal of `layout` for `arrangement`, predicted at `secondsPerDay`.
    public init(arrangement: LayoutArrangement, tasks: [ComponentKind: Int], layout: ProcessorLayout, secondsPerDay: Double,
                prediction: TimelinePrediction) {
        self.arrangement = arrangement
        self.tasks = tasks
        self.layout = layout
        self.secondsPerDay = secondsPerDay
        self.prediction = prediction
    }
}
