import Coupling
import Namelist

/// Reads `&components`: which registered model runs as each component
/// (`atm = 'slab'`, `ocn = 'plugin:libocean.so'`; default `stub`, for every kind: atm, lnd, rof,
/// ice, ocn, glc, wav), checking the name exists,
/// fits the component and, for a plug-in, that its library loads (relative paths resolve
/// against `directory`).
func readModelSelection(_ r: NamelistGroupReader, registry: ComponentRegistry, directory: String,
                        collector: DiagnosticCollector) -> [ComponentKind: String] {
    var models = [ComponentKind: String]()
    for kind in ComponentKind.models {
        let written = r.string(kind.rawValue, default: ComponentRegistry.stub)
        guard let entry = registry.entry(named: written) else {
            let name = written.lowercased()
            models[kind] = name
            var message = "unknown \(kind.longName) model '\(name)' (\(kind.rawValue) in &components)"
            if let nearest = nearestName(to: name, among: registry.names(for: kind)) { message += "; did you mean '\(nearest)'?" }
            message += " Models for \(kind.rawValue): \(registry.names(for: kind).joined(separator: ", "))"
            let patterns = registry.familyPatterns(for: kind)
            if !patterns.isEmpty { message += ", or \(patterns.joined(separator: ", "))" }
            collector.report(Diagnostic(message, at: r.location(of: kind.rawValue)))
            continue
        }
        models[kind] = entry.name
        if !entry.kinds.contains(kind) {
            let fits = entry.kinds.sorted().map(\.rawValue).joined(separator: ", ")
            collector.report(Diagnostic("model '\(entry.name)' cannot be the \(kind.longName) (\(kind.rawValue)); it can be: \(fits)",
                                        at: r.location(of: kind.rawValue)))
        } else if let problem = entry.problem(kind, directory) {
            collector.report(Diagnostic("\(kind.longName) model '\(entry.name)' (\(kind.rawValue) in &components): \(problem)",
                                        at: r.location(of: kind.rawValue)))
        }
    }
    return models
}

/// The components whose model is not the stub, in `ComponentKind.models` order: those the
/// layout always places and whose intervals must fit the run.
func runningComponents(_ models: [ComponentKind: String]) -> [ComponentKind] {
    ComponentKind.models.filter { (models[$0] ?? ComponentRegistry.stub) != ComponentRegistry.stub }
}
