/// The candidate closest to `name` by edit distance (ignoring case), for "did you mean" hints.
///
/// Only reasonably close candidates are offered: the distance must be at most
/// `max(2, name.count / 3)`. On a tie the earlier candidate wins. Returns `nil` when
/// nothing is close enough.
public func nearestName(to name: String, among candidates: [String]) -> String? {
    let target = Array(name.lowercased())
    let limit = max(2, target.count / 3)
    var best: (candidate: String, distance: Int)?
    for candidate in candidates {
        let distance = editDistance(target, Array(candidate.lowercased()))
        if distance <= limit, distance < best?.distance ?? Int.max {
            best = (candidate, distance)
        }
    }
    return best?.candidate
}

/// The Levenshtein distance: the fewest single-character insertions, deletions and
/// substitutions that turn `source` into `target`.
private func editDistance(_ source: [Character], _ target: [Character]) -> Int {
    var previous = Array(0...target.count)
    for (row, sourceCharacter) in source.enumerated() {
        var current = [row + 1]
        for (column, targetCharacter) in target.enumerated() {
            let substitution = previous[column] + (sourceCharacter == targetCharacter ? 0 : 1)
            current.append(min(substitution, previous[column + 1] + 1, current[column] + 1))
        }
        previous = current
    }
    return previous[target.count]
}
