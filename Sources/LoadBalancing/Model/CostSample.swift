/// One measurement of a component's cost: on `tasks` MPI tasks it took `secondsPerDay`
/// wall-clock seconds per simulated day (its run timer over the test run, divided by the
/// simulated days). Several samples may share a task count (repeated or noisy runs).
public struct CostSample: Sendable, Hashable, Codable {
    /// The component's MPI task count in the test run.
    public var tasks: Int
    /// Wall-clock seconds per simulated day.
    public var secondsPerDay: Double

    /// A sample: `secondsPerDay` wall-clock seconds per simulated day on `tasks` tasks.
    public init(tasks: Int, secondsPerDay: Double) {
        self.tasks = tasks
        self.secondsPerDay = secondsPerDay
    }
}
