import Coupling

/// What a restart records about the run that wrote it, so a continued run can check the
/// namelist still describes the same experiment: calendar, start, coupling intervals, models
/// and grids. Stored as texts in the coupler's restart file.
struct RestartMetadata: Sendable, Equatable {
    var values: [String: String]

    /// The keys compared, and what they are called in messages.
    static let descriptions: [(key: String, meaning: String)] = [
        ("calendar", "calendar"), ("start", "start date (start_ymd, start_tod)"),
        ("intervals", "coupling intervals (*_cpl_dt)"), ("models", "models (&components)"), ("grids", "grids"),
    ]

    /// The metadata of the run described by `configuration` and `plan`.
    init(configuration: DriverConfiguration, plan: CouplingPlan) {
        let time = configuration.time
        values = [
            "calendar": time.calendar.rawValue,
            "start": "\(time.start)",
            "intervals": ComponentKind.models.map { "\($0.rawValue)=\(time.couplingIntervals[$0]!)" }.joined(separator: " "),
            "models": ComponentKind.models.map { "\($0.rawValue)=\(configuration.models[$0]!)" }.joined(separator: " "),
            "grids": ComponentKind.models.map { kind in
                "\(kind.rawValue)=" + (plan.summary(kind).map { $0.grid.shape.map(String.init).joined(separator: "x") } ?? "none")
            }.joined(separator: " "),
        ]
    }

    init(values: [String: String]) { self.values = values }

    /// Every difference between the restart's run (`self`) and this run, as sentences.
    func differences(from current: RestartMetadata) -> [String] {
        Self.descriptions.compactMap { key, meaning in
            let old = values[key] ?? "?", new = current.values[key] ?? "?"
            return old == new ? nil : "the \(meaning) differ: the restart was written with \(old), the namelist gives \(new)"
        }
    }
}
