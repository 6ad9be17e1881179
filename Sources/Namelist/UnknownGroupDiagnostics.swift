/// One diagnostic for each group in `document` whose name is not in `known` (compared
/// case-insensitively), suggesting the nearest known name:
/// `unknown group '&cime_pe'; did you mean '&cime_pes'?`.
public func unknownGroupDiagnostics(in document: NamelistDocument, known: [String]) -> [Diagnostic] {
    let knownNames = Set(known.map { $0.lowercased() })
    return document.groups.filter { !knownNames.contains($0.name) }.map { group in
        var message = "unknown group '&\(group.spelledName)'"
        if let suggestion = nearestName(to: group.name, among: known) {
            message += "; did you mean '&\(suggestion)'?"
        }
        return Diagnostic(message, at: group.location)
    }
}
