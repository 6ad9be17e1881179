import Coupling

extension TimingReport {
    /// Two runs side by side (`coupled-driver timing A --compare B`): the whole model's
    /// figures, then each component's layout and cost, with the ratio B / A.
    public func comparison(with other: TimingReport, names: (String, String)) -> String {
        func row(_ label: String, _ a: Double, _ b: Double, _ digits: Int) -> String {
            padded(label, 36) + padded(fixed(a, digits), 14) + padded(fixed(b, digits), 14) + (a > 0 ? fixed(b / a, 3) : "-")
        }
        var lines = ["A: \(names.0) (case '\(caseName)', \(worldSize) ranks)", "B: \(names.1) (case '\(other.caseName)', \(other.worldSize) ranks)", "",
                     padded("", 36) + padded("A", 14) + padded("B", 14) + "B / A",
                     row("simulated days", simulatedDays, other.simulatedDays, 3),
                     row("initialisation, seconds", initSeconds, other.initSeconds, 3),
                     row("run loop, seconds", runSeconds, other.runSeconds, 3),
                     row("seconds per simulated day", secondsPerSimulatedDay, other.secondsPerSimulatedDay, 4),
                     row("simulated years per day", simulatedYearsPerDay, other.simulatedYearsPerDay, 2),
                     row("processor-hours per simulated year", processorHoursPerSimulatedYear, other.processorHoursPerSimulatedYear, 3),
                     row("coupler, seconds", couplerSeconds, other.couplerSeconds, 3),
                     row("coupler communication, seconds", communicationSeconds, other.communicationSeconds, 3),
                     "", "per component (tasks x threads from root; seconds per simulated day):",
                     padded("  component", 12) + padded("A layout", 20) + padded("B layout", 20) + padded("A s/day", 12) + padded("B s/day", 12) + "B / A"]
        for a in components {
            guard let b = other.components.first(where: { $0.name == a.name }) else { continue }
            func layout(_ c: Component) -> String { "\(c.tasks) x \(c.threads) from \(c.rootRank)" + (c.stride > 1 ? " by \(c.stride)" : "") }
            lines.append(padded("  " + a.name, 12) + padded(layout(a), 20) + padded(layout(b), 20) + padded(fixed(a.secondsPerSimulatedDay, 4), 12)
                + padded(fixed(b.secondsPerSimulatedDay, 4), 12) + (a.secondsPerSimulatedDay > 0 ? fixed(b.secondsPerSimulatedDay / a.secondsPerSimulatedDay, 3) : "-"))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
