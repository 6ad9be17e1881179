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
    /// another experiment before any component starts. Intervals, models and grids are listed
    /// for the components that run a model; a component missing from a list is a stub.
    init(configuration: DriverConfiguration) {
        let time = configuration.time
        let running = configuration.componentsRunningModels
        values = [
            "calendar": time.calendar.rawValue,
            "start": "\(time.start)",
            "intervals": running.map { "\($0.rawValue)=\(time.couplingIntervals[$0]!)" }.joined(separator: " "),
            "models": running.map { "\($0.rawValue)=\(configuration.models[$0]!)" }.joined(separator: " "),
        ]
    }

    /// The metadata of the run described by `configuration` and `plan`.
    init(configuration: DriverConfiguration, plan: CouplingPlan) {
        self.init(configuration: configuration)
        values["grids"] = ComponentKind.models.compactMap { kind in
            plan.summary(kind).map { "\(kind.rawValue)=" + $0.grid.shape.map(String.init).joined(separator: "x") }
        }.joined(separator: " ")
    }

    init(values: [String: String]) { self.values = values }

    /// Every difference between the restart's run (`self`) and this run, as sentences, over the
    /// keys `current` has. Lists of components (`atm=slab lnd=bucket`) compare component by
    /// component: a component missing from a list is a stub (an older restart may list
    /// `lnd=stub`), intervals matter for the components that run a model in both runs, and a
    /// sentence names only the components that differ.
    func differences(from current: RestartMetadata) -> [String] {
        let mine = runningComponents, theirs = current.runningComponents
        return Self.descriptions.compactMap { key, meaning in
            guard let new = current.values[key] else { return nil }
            let old = values[key] ?? "?"
            let compared: Set<String>? = switch key {
            case "models", "grids": mine.union(theirs)
            case "intervals": mine.intersection(theirs)
            default: nil
            }
            guard let compared else {
                return old == new ? nil : "the \(meaning) differ: the restart was written with \(old), the namelist gives \(new)"
            }
            let absent = key == "models" ? ComponentRegistry.stub : "none"
            let (before, after) = (Self.items(of: old), Self.items(of: new))
            let differing = compared.sorted { ComponentKind(rawValue: $0) ?? .cpl < ComponentKind(rawValue: $1) ?? .cpl }
                .filter { (before[$0] ?? absent) != (after[$0] ?? absent) }
            guard !differing.isEmpty else { return nil }
            return "the \(meaning) differ: the restart was written with "
                + differing.map { "\($0)=\(before[$0] ?? absent)" }.joined(separator: " ") + ", the namelist gives "
                + differing.map { "\($0)=\(after[$0] ?? absent)" }.joined(separator: " ")
        }
    }

    /// The components that run a model, from the `models` list.
    private var runningComponents: Set<String> {
        Set(Self.items(of: values["models"] ?? "").filter { $0.value != ComponentRegistry.stub }.keys)
    }

    /// The `kind=value` items of a per-component list (`atm=slab lnd=bucket`).
    private static func items(of list: String) -> [String: String] {
        var items = [String: String]()
        for item in list.split(separator: " ") {
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            items[parts[0]] = parts.count == 2 ? parts[1] : ""
        }
        return items
    }
}
