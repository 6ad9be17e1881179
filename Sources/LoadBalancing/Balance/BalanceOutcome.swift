import Coupling
import Driver
import Foundation
import Namelist
import Pictures

/// One test run and what it measured.
public struct TestRunMeasurement: Sendable {
    /// The planned run: its rank count and layout.
    public let run: TestRun
    /// The job submitted for it (its name, run folder and resources).
    public let job: CoupledJob
    /// How the job ended.
    public let status: JobStatus
    /// The run's timing report, when it completed.
    public let timing: TimingReport?
}

/// The proposed layout run for real: predicted against measured time per simulated day.
public struct BalanceVerification: Sendable {
    /// The job that ran the proposed layout on all `totalTasks` ranks.
    public let job: CoupledJob
    /// How the job ended.
    public let status: JobStatus
    /// The layout search's prediction, seconds per simulated day.
    public let predictedSecondsPerDay: Double
    /// `nil` when the run did not complete.
    public let measuredSecondsPerDay: Double?
}

/// What load balancing found: the measurements, the fits, the proposed layout and its
/// alternatives, and the verification run.
public struct BalanceOutcome: Sendable {
    /// What was asked.
    public let request: BalanceRequest
    /// The name of the backend the runs went through (`local`, `mpirun`, `slurm`, `pbs`).
    public let backend: String
    /// Every test run and what it measured, in plan order.
    public let measurements: [TestRunMeasurement]
    /// Each present component's fitted cost per simulated day against its task count.
    public let fits: [ComponentKind: CostFit]
    /// The layout with the least predicted time per simulated day, and the alternatives.
    public let search: LayoutSearchResult
    /// The run of the proposed layout, when `verify` was asked.
    public let verification: BalanceVerification?

    /// The files written into the output folder.
    public var proposedNamelist: String { request.output + "/proposed.nml" }
    /// `report.txt`: the measurements, fits, search and verification as text.
    public var reportPath: String { request.output + "/report.txt" }
    /// `costs.svg`: each component's measured and fitted costs.
    public var costsPicture: String { request.output + "/costs.svg" }
    /// `predicted-timeline.svg`: the proposed layout's predicted timeline.
    public var timelinePicture: String { request.output + "/predicted-timeline.svg" }

    /// The layout `proposed.nml` holds: the searched one, unless a layout that ran measured faster.
    public var recommendation: BalanceRecommendation {
        BalanceRecommendation(measurements: measurements, search: search, verification: verification)
    }

    /// The user's namelist with the recommended `&cime_pes`.
    public func proposedNamelistText() throws -> String {
        var editor = NamelistEditor(text: request.namelistText, file: request.namelistPath)
        try editor.replaceGroup("cime_pes", with: recommendation.layout.cimePesGroup)
        return editor.text
    }

    /// The report as text.
    public var report: String {
        let best = search.best
        var lines = ["coupled-driver load balancing of \(request.namelistPath) for \(request.totalTasks) tasks",
                     "backend \(backend); test runs of \(request.days) simulated day\(request.days == 1 ? "" : "s")", "",
                     "test runs (seconds per simulated day of each component's run; cpl = the coupler's phases):",
                     "  run                  ranks  status     " + request.components.map { pad($0.rawValue, 10) }.joined()]
        for m in measurements {
            let cells = request.components.map { kind -> String in
                guard let c = m.timing?.components.first(where: { $0.name == kind.rawValue }) else { return pad("-", 10) }
                return pad("\(m.run.tasks(of: kind)):" + String(format: "%.4f", c.secondsPerSimulatedDay), 10)
            }
            lines.append("  " + pad(m.job.name.replacingOccurrences(of: "balance-", with: ""), 21) + pad("\(m.run.ranks)", 7)
                + pad(m.status == .completed ? "completed" : "\(m.status)", 11) + cells.joined())
        }
        lines += ["  (tasks:seconds per simulated day; the coupler's cost fitted below is the run loop less the components' runs:",
                  "  its phases, its communication and the driver's own work)", "", "cost models T(n) = a/n + b + c·n, seconds per simulated day on n tasks:"]
        for kind in request.components {
            guard let fit = fits[kind] else { lines.append("  \(kind.rawValue): absent"); continue }
            lines.append("  \(kind.rawValue): " + fit.summary.replacingOccurrences(of: "\n", with: "\n       "))
        }
        lines += ["", "searched layout (\(best.arrangement)):",
                  String(format: "  predicted %.4f s per simulated day, %.2f simulated years per day", best.secondsPerDay,
                         best.prediction.simulatedYearsPerDay)]
        for kind in best.layout.components {
            let set = best.layout[kind]
            lines.append("  \(pad(kind.rawValue, 5)) \(set.ntasks) tasks × \(set.nthreads) threads on ranks \(set.rankSummary)")
        }
        let idle = best.layout.idleRanks(worldSize: request.totalTasks)
        if !idle.isEmpty { lines.append("  idle ranks: \(idle.map(String.init).joined(separator: " ")) (more tasks would not help)") }
        lines += ["", "alternatives (best of each arrangement):"]
        for alternative in search.alternatives {
            lines.append(String(format: "  %.4f s per simulated day  ", alternative.secondsPerDay) + "\(alternative.arrangement): "
                + alternative.layout.components.map { "\($0.rawValue) \(alternative.layout[$0].ntasks)" }.joined(separator: ", "))
        }
        if let v = verification {
            lines += ["", "verification run of the searched layout: \(v.status)"]
            if let measured = v.measuredSecondsPerDay {
                lines.append(String(format: "  predicted %.4f, measured %.4f s per simulated day (measured / predicted = %.3f)",
                                    v.predictedSecondsPerDay, measured, measured / v.predictedSecondsPerDay))
            }
        }
        let recommendation = recommendation
        lines += ["", "proposed.nml holds \(recommendation.reason):"]
        for kind in recommendation.layout.components {
            let set = recommendation.layout[kind]
            lines.append("  \(pad(kind.rawValue, 5)) \(set.ntasks) tasks × \(set.nthreads) threads on ranks \(set.rankSummary)")
        }
        lines += ["", "files: proposed.nml, costs.svg (measured and fitted costs), predicted-timeline.svg (the searched layout), runs/ (the test runs)"]
        return lines.joined(separator: "\n") + "\n"
    }

    /// Writes `proposed.nml`, `report.txt`, `costs.svg` and `predicted-timeline.svg`.
    func write() throws {
        try proposedNamelistText().write(toFile: proposedNamelist, atomically: true, encoding: .utf8)
        try report.write(toFile: reportPath, atomically: true, encoding: .utf8)
        try CostCurvePicture(fits: fits, totalTasks: request.totalTasks, title: "Measured and fitted cost per simulated day")
            .svg.write(toFile: costsPicture, atomically: true, encoding: .utf8)
        try search.best.prediction.picture(title: "Predicted timeline of the searched layout on \(request.totalTasks) tasks")
            .svg.write(toFile: timelinePicture, atomically: true, encoding: .utf8)
    }
}

private func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
}
