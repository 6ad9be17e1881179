/// The commands of one batch system (Slurm, PBS) as `BatchJobTracker` uses them: write a job
/// script, submit it, ask for states, cancel.
protocol BatchScheduler: Sendable {
    /// The backend's name: `slurm` or `pbs`.
    var name: String { get }

    /// Throws `unavailable` unless the batch system's commands exist and its server answers.
    func checkAvailable() async throws(BackendError)
    /// The whole job script for `job`; throws `invalidJob` if a value of the job could not be
    /// written into it safely (`BatchScript.check`).
    func script(for job: CoupledJob) throws(BackendError) -> String
    /// Submits the script at `path` for `job` and returns the job id.
    func submit(scriptAt path: String, for job: CoupledJob) async throws(BackendError) -> String
    /// What the batch system says about each of `ids` (`unknown` for those it does not know).
    func states(of ids: [String]) async throws(BackendError) -> [String: SchedulerState]
    /// Asks the batch system to end the jobs `ids`.
    func cancel(_ ids: [String]) async throws(BackendError)
}
