import Foundation

/// The timing a finished run left in `RUNDIR/timing/timing.json` (written by the driver's timing
/// report): how long initialisation and the run loop took, the throughput, and each
/// component's layout and run time. Only a completed job is sure to have one.
public struct JobTiming: Sendable, Hashable, Decodable {
    /// One component's line of the report.
    public struct Component: Sendable, Hashable, Decodable {
        /// `atm`, `lnd`, `ice`, `ocn` or `cpl`.
        public let name: String
        /// The model that ran as the component.
        public let model: String
        /// Its processor set: MPI tasks, threads per task, first world rank, rank stride.
        public let tasks: Int
        /// Threads per task.
        public let threads: Int
        /// The world rank of the first task.
        public let rootRank: Int
        /// The distance between consecutive tasks' world ranks.
        public let stride: Int
        /// The slowest task's run time, seconds.
        public let runSeconds: Double
        /// Its run time per simulated day, seconds.
        public let secondsPerSimulatedDay: Double
        /// How many fields it imports (0 for a component that takes nothing from the coupler;
        /// `nil` in reports of older drivers).
        public let importCount: Int?
    }

    /// The namelist's `case_name`.
    public let caseName: String
    /// MPI ranks of the run.
    public let worldSize: Int
    /// The model time the run covered, days.
    public let simulatedDays: Double
    /// Initialisation (components and coupler), seconds.
    public let initSeconds: Double
    /// The run loop, seconds.
    public let runSeconds: Double
    /// Run-loop seconds per simulated day.
    public let secondsPerSimulatedDay: Double
    /// Throughput: simulated years per wall-clock day.
    public let simulatedYearsPerDay: Double
    /// Cost: processor-hours (ranks × threads × run time) per simulated year.
    public let processorHoursPerSimulatedYear: Double
    /// The coupler's own work on its slowest rank (not its communication), seconds.
    public let couplerSeconds: Double
    /// The slowest rank's time moving fields between processor sets, seconds.
    public let communicationSeconds: Double
    /// One entry per component: atm, lnd, ice, ocn, cpl.
    public let components: [Component]

    /// Reads `timing/timing.json` in `runDirectory`.
    public init(runDirectory: String) throws(BackendError) {
        let path = runDirectory + "/timing/timing.json"
        do {
            self = try JSONDecoder().decode(JobTiming.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw .file(path: path, reason: "no readable timing report: \(error)")
        }
    }
}
