import Coupling

/// Reads `&components`: which registered model runs as each component
/// (`atm = 'slab'`; default `stub`), checking the name exists and fits the component.
func readModelSelection(_ r: NamelistGroupReader, registry: ComponentRegistry, collector: DiagnosticCollector) -> [ComponentKind: String] {
    var models = [ComponentKind: String]()
    for kind in ComponentKind.models {
        let name = r.string(kind.rawValue, default: "stub").lowercased()
        models[kind] = name
        guard let entry = registry.entry(named: name) else {
            var message = "unknown \(kind.longName) model '\(name)' (\(kind.rawValue) in &components)"
            if let nearest = nearestName(to: name, among: registry.names(for: kind)) { message += "; did you mean '\(nearest)'?" }
            message += " Models for \(kind.rawValue): \(registry.names(for: kind).joined(separator: ", "))"
            collector.report(Diagnostic(message, at: r.location(of: kind.rawValue)))
            continue
        }
        if !entry.kinds.contains(kind) {
            let fits = entry.kinds.sorted().map(\.rawValue).joined(separator: ", ")
            collector.report(Diagnostic("model '\(name)' cannot be the \(kind.longName) (\(kind.rawValue)); it can be: \(fits)",
                                        at: r.location(of: kind.rawValue)))
        }
    }
    return models
}
