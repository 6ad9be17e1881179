import Coupling
import Driver
import Foundation
import Namelist

/// Load-balances a coupled configuration end to end, as `coupled-driver balance` does:
///
/// 1. plans short test runs, each component at several task counts (`TestRunPlan`);
/// 2. runs them through an execution backend, as many at once as it allows;
/// 3. fits each component's cost per simulated day against its task count (`CostFit`);
/// 4. finds the layout with the least predicted time per simulated day (`LayoutSearch`);
/// 5. writes `proposed.nml`, `report.txt`, `costs.svg` and `predicted-timeline.svg` into the
///    output folder, and with `verify` runs the proposed layout and compares.
public struct LoadBalancer: Sendable {
    /// What to balance, for how many tasks, and how to run the tests.
    public let request: BalanceRequest

    /// A balancer for `request`; nothing runs until `run(on:progress:)`.
    public init(request: BalanceRequest) {
        self.request = request
    }

    /// Runs the whole workflow on `backend` (which must be started), reporting each step with
    /// `progress`.
    public func run(on backend: any ExecutionBackend, progress: @escaping @Sendable (String) -> Void) async throws -> BalanceOutcome {
        if let kind = request.components.first(where: { !request.absent.contains($0) && !LayoutSearch.placedComponents.contains($0) }) {
            throw BalanceError("\(kind) (\(kind.longName)) runs a model, but balance places only "
                + LayoutSearch.placedComponents.sorted().map(\.rawValue).joined(separator: ", ") + "; no test run was made")
        }
        let plan = try TestRunPlan(totalTasks: request.totalTasks, components: request.components, absent: request.absent, requestedSizes: request.sizes,
                                   threads: request.threads)
        try FileManager.default.createDirectory(atPath: request.output, withIntermediateDirectories: true)
        progress("\(plan.runs.count) test runs of \(request.days) simulated day\(request.days == 1 ? "" : "s") on "
            + plan.runs.map { "\($0.ranks)" }.joined(separator: ", ") + " ranks, through the \(backend.name) backend")
        let jobs = try plan.runs.enumerated().map { index, run in
            try job(named: String(format: "run%02d-%dranks", index + 1, run.ranks), layout: run.layout, ranks: run.ranks)
        }
        let ended = try await runAll(jobs, on: backend, progress: progress)

        var measurements = [TestRunMeasurement]()
        for ((run, job), status) in zip(zip(plan.runs, jobs), ended) {
            var timing: TimingReport? = nil
            if status == .completed { timing = try TimingReport.read(from: job.runDirectory) }
            measurements.append(TestRunMeasurement(run: run, job: job, status: status, timing: timing))
        }
        let fits = try fitCosts(measurements)
        let sequence = try runSequence(of: measurements)
        let search = try LayoutSearch(sequence: sequence, costs: fits.mapValues(\.model), threads: request.threads)
            .run(totalTasks: request.totalTasks)
        progress(String(format: "searched layout: %.4f s per simulated day predicted (%@)", search.best.secondsPerDay,
                        search.best.arrangement.description))

        var verification: BalanceVerification? = nil
        if request.verify {
            let job = try job(named: "proposed", layout: search.best.layout, ranks: request.totalTasks)
            let status = try await runAll([job], on: backend, progress: progress)[0]
            let measured = status == .completed ? try TimingReport.read(from: job.runDirectory).secondsPerSimulatedDay : nil
            verification = BalanceVerification(job: job, status: status, predictedSecondsPerDay: search.best.secondsPerDay,
                                               measuredSecondsPerDay: measured)
        }
        let outcome = BalanceOutcome(request: request, backend: backend.name, measurements: measurements, fits: fits, search: search,
                                     verification: verification)
        try outcome.write()
        progress("proposed.nml holds \(outcome.recommendation.reason)")
        return outcome
    }

    /// The test-run job for `layout` on `ranks` ranks: the user's namelist with that layout, a
    /// run of `days` days, no history or restart files, in its own run directory.
    private func job(named name: String, layout: ProcessorLayout, ranks: Int) throws -> CoupledJob {
        let folder = request.output + "/runs/" + name
        try? FileManager.default.removeItem(atPath: folder)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var editor = NamelistEditor(text: request.namelistText, file: request.namelistPath)
        try editor.replaceGroup("cime_pes", with: layout.cimePesGroup)
        for (key, value, group) in [("stop_option", "'ndays'", "seq_timemgr_inparm"), ("stop_n", "\(request.days)", "seq_timemgr_inparm"),
                                    ("history_option", "'never'", "seq_timemgr_inparm"), ("restart_option", "'never'", "seq_timemgr_inparm"),
                                    ("start_type", "'startup'", "seq_infodata_inparm")] {
            try editor.set(key, to: value, in: group)
        }
        let namelist = folder + "/test.nml"
        try editor.text.write(toFile: namelist, atomically: true, encoding: .utf8)
        let threads = layout.components.map { layout[$0].nthreads }.max() ?? 1
        return CoupledJob(name: "balance-" + name, runDirectory: folder, namelist: namelist, pathsFrom: request.pathsFrom,
                          executable: request.executable,
                          resources: JobResources(ranks: ranks, threadsPerRank: threads, wallTimeSeconds: request.wallTimeSeconds,
                                                  queue: request.queue, account: request.account))
    }

    /// Submits every job, waits for all of them together and returns how each ended.
    private func runAll(_ jobs: [CoupledJob], on backend: any ExecutionBackend,
                        progress: @escaping @Sendable (String) -> Void) async throws -> [JobStatus] {
        var handles = [JobHandle]()
        for job in jobs { handles.append(try await backend.submit(job)) }
        return try await withThrowingTaskGroup(of: (Int, JobStatus).self) { group in
            for (index, handle) in handles.enumerated() {
                group.addTask {
                    let status = try await backend.wait(for: handle)
                    var line = "\(handle.job.name): \(status)"
                    if status == .completed, let timing = try? TimingReport.read(from: handle.job.runDirectory) {
                        line += String(format: ", %.4f s per simulated day", timing.secondsPerSimulatedDay)
                    } else if status != .completed {
                        line += " (see \(handle.job.runDirectory)/cpl.log and \(handle.job.folder))"
                    }
                    progress(line)
                    return (index, status)
                }
            }
            var statuses = [JobStatus](repeating: .pending, count: handles.count)
            for try await (index, status) in group { statuses[index] = status }
            return statuses
        }
    }

    /// Each measured component's cost fit, from the completed runs.
    private func fitCosts(_ measurements: [TestRunMeasurement]) throws -> [ComponentKind: CostFit] {
        var fits = [ComponentKind: CostFit]()
        for kind in request.components where !request.absent.contains(kind) {
            let samples = measurements.compactMap { m -> CostSample? in
                guard let timing = m.timing, timing.simulatedDays > 0,
                      let seconds = timing.components.first(where: { $0.name == kind.rawValue })?.secondsPerSimulatedDay else { return nil }
                return CostSample(tasks: m.run.tasks(of: kind), secondsPerDay: max(kind == .cpl ? couplerCost(timing, own: seconds) : seconds, 1.0e-9))
            }
            guard !samples.isEmpty else {
                let failed = measurements.filter { $0.status != .completed }.map { "\($0.job.name): \($0.status)" }
                throw BalanceError("no test run measured \(kind) (\(failed.joined(separator: "; "))); see the runs in \(request.output)/runs")
            }
            fits[kind] = try CostFit(samples: samples)
        }
        return fits
    }

    /// The coupler's cost per simulated day in a test run: the whole run loop less the model
    /// components' runs. A test run is fully sequential (every component from rank 0), so this is
    /// everything that is not a component's run — the coupler's own work, moving fields to and
    /// from the components, and the driver's own work (NaN checks, clock, progress) — and it is
    /// never less than the coupler's timed work.
    private func couplerCost(_ timing: TimingReport, own: Double) -> Double {
        let models = timing.components.filter { $0.name != ComponentKind.cpl.rawValue }.map(\.secondsPerSimulatedDay).reduce(0, +)
        return max(timing.secondsPerSimulatedDay - models, own)
    }

    /// The run sequence the driver executed in the test runs (the same in every run: the
    /// layout does not change it), for the predictor to simulate.
    private func runSequence(of measurements: [TestRunMeasurement]) throws -> RunSequence {
        guard let sequence = measurements.compactMap(\.timing).first?.sequence else {
            throw BalanceError("no test run reported its run sequence; see the runs in \(request.output)/runs")
        }
        return sequence
    }
}

/// Load balancing that cannot go on.
public struct BalanceError: Error, CustomStringConvertible {
    /// Why, in words.
    public let description: String
    init(_ description: String) { self.description = description }
}
