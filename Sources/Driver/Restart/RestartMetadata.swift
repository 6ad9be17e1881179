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

    /// What the namelist alone decides (all but the grids): enough to refuse a restart of
    /// another experiment before any component starts.
    init(configuration: DriverConfiguration) {
        let time = configuration.time
        values = [
            "calendar": time.calendar.rawValue,
            "start": "\(time.start)",
            "intervals": ComponentKind.models.map { "\($0.rawValue)=\(time.couplingIntervals[$0]!)" }.joined(separator: " "),
            "models": ComponentKind.models.map { "\($0.rawValue)=\(configuration.models[$0]!)" }.joined(separator: " "),
        ]
    }

    /// The metadata of the run described by `configuration` and `plan`.
    init(configuration: DriverConfiguration, plan: CouplingPlan) {
        self.init(configuration: configuration)
        values["grids"] = ComponentKind.models.map { kind in
            "\(kind.rawValue)=" + (plan.summary(kind).map { $0.grid.shape.map(String.init).joined(separator: "x") } ?? "none")
        }.joined(separator: " ")
    }

    init(values: [String: String]) { self.values = values }

    /// Every difference between the restart's run (`self`) and this run, as sentences, over the
    /// keys `current` has.
    func differences(from current: RestartMetadata) -> [String] {
        Self.descriptions.compactMap { key, meaning in
            guard let new = current.values[key] else { return nil }
            let old = values[key] ?? "?"
            return old == new ? nil : "the \(meaning) differ: the restart was written with \(old), the namelist gives \(new)"
        }
    }
}
