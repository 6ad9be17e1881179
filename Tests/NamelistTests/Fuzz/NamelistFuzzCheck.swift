import Namelist
import TestSupport

/// What every namelist text, however malformed, must give: a document or a list of
/// diagnostics each placed in the file; a group reader that returns defaults or values
/// obeying the checks it was given and reports problems in the file; and an editor that
/// either edits or throws diagnostics. Traps and hangs end the test run and are caught by
/// the fuzz tests' crash note and time limit.
enum NamelistFuzzCheck {
    /// The file name every input is parsed as.
    static let file = "fuzz.nml"

    /// How `text` was handled: "parsed" or "rejected", and what is wrong with that. `random`
    /// picks the reader's defaults and checks and the editor's change.
    static func outcome(of text: String, recipe: String, random: inout FuzzRandom) -> FuzzOutcome {
        let input: @Sendable () -> String = { "\(recipe): \(text.debugDescription)" }
        let lines = 1 + text.reduce(0) { $0 + ($1.isNewline ? 1 : 0) }
        let document: NamelistDocument
        do {
            document = try NamelistDocument.parse(text, file: file)
        } catch {
            let problems = error.diagnostics.isEmpty ? ["parsing threw an empty diagnostic list"]
                : error.diagnostics.compactMap { misplaced($0, lines: lines) }
            return FuzzOutcome(problems: problems, kind: "rejected", input: input)
        }
        var problems = document.groups.flatMap(groupProblems)
        for group in document.groups {
            problems += readerProblems(group, lines: lines, random: &random)
        }
        problems += editorProblems(document, text: text, random: &random)
        return FuzzOutcome(problems: problems, kind: "parsed", input: input)
    }

    /// Why `diagnostic` does not point into the fuzz file of `lines` lines, or `nil` if it does.
    static func misplaced(_ diagnostic: Diagnostic, lines: Int) -> String? {
        guard !diagnostic.message.isEmpty else { return "a diagnostic without a message: \(diagnostic)" }
        guard let location = diagnostic.location else { return "a diagnostic without a location: \(diagnostic)" }
        guard location.file == file, (1 ... lines).contains(location.line), location.column >= 1 else {
            return "a diagnostic outside the file's \(lines) lines: \(diagnostic)"
        }
        return nil
    }

    /// The shape every parsed group must have: a valid lower-case name, a value and a
    /// location for every value, indices from 1.
    private static func groupProblems(_ group: NamelistGroup) -> [String] {
        var problems = [String]()
        if group.name.isEmpty || group.name != group.spelledName.lowercased() {
            problems.append("group '\(group.spelledName)' has the name '\(group.name)'")
        }
        for assignment in group.assignments {
            if assignment.values.isEmpty || assignment.values.count != assignment.valueLocations.count || assignment.startIndex < 1 {
                problems.append("assignment to '\(assignment.spelledKey)' in &\(group.name) has \(assignment.values.count) values, "
                    + "\(assignment.valueLocations.count) value locations and start index \(assignment.startIndex)")
            }
        }
        return problems
    }

    /// Reads every key of `group` with every getter, with random defaults and checks: each result
    /// must obey its check, and each problem reported must be placed in the file.
    private static func readerProblems(_ group: NamelistGroup, lines: Int, random: inout FuzzRandom) -> [String] {
        let collector = DiagnosticCollector()
        let reader = NamelistGroupReader(group: group, name: group.name, file: file, collector: collector)
        var problems = [String]()
        let keys = group.assignments.map(\.key).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        for key in keys {
            let low = random.inRange(-5 ... 5), range = low ... low + random.inRange(0 ... 100_000)
            let integer = reader.integer(key, default: low, range: range)
            if !range.contains(integer) { problems.append("integer('\(key)') = \(integer), outside its range \(range)") }
            let real = reader.real(key, default: 0.5, range: 0 ... 1)
            if !(0 ... 1).contains(real) { problems.append("real('\(key)') = \(real), outside its range 0...1") }
            _ = reader.logical(key, default: random.percent(50))
            let allowed = ["ndays", "nsteps", "NO_LEAP"]
            let string = reader.string(key, default: random.pick(allowed), allowed: allowed)
            if !allowed.contains(string) { problems.append("string('\(key)') = '\(string)', not one of \(allowed)") }
            let defaults = (0 ..< random.inRange(0 ... 4)).map { _ in random.inRange(0 ... 9) }
            let integers = reader.integers(key, default: defaults, range: 0 ... 9)
            if integers.contains(where: { !(0 ... 9).contains($0) }) || integers.count < defaults.count {
                problems.append("integers('\(key)') = \(integers) over the default \(defaults) with range 0...9")
            }
            let reals = reader.reals(key, default: defaults.map(Double.init))
            if reals.contains(where: { !$0.isFinite }) { problems.append("reals('\(key)') = \(reals) is not finite") }
            _ = reader.strings(key, default: defaults.map(String.init))
            _ = reader.isSet(key)
            _ = reader.location(of: key)
        }
        reader.finish()
        problems += collector.diagnostics.compactMap { misplaced($0, lines: lines) }
        return problems
    }

    /// Sets a key of a random group with the editor: the edited text must parse and hold the
    /// new value, as the editor promises.
    private static func editorProblems(_ document: NamelistDocument, text: String, random: inout FuzzRandom) -> [String] {
        guard !document.groups.isEmpty else { return [] }
        let group = random.pick(document.groups)
        let key = group.assignments.isEmpty || random.percent(20) ? "fuzz_key" : random.pick(group.assignments).spelledKey
        let value = random.pick(["4", "'ndays'", ".true.", "1.5", "2*7"])
        var editor = NamelistEditor(text: text, file: file)
        do {
            try editor.set(key, to: value, in: group.spelledName)
        } catch {
            return ["the editor rejected a namelist that parses: \(error)"]
        }
        do {
            let edited = try NamelistDocument.parse(editor.text, file: file)
            let values = edited.group(named: group.name)?.assignments(to: key).last(where: { !$0.isIndexed })?.values
            let expected = try NamelistDocument.parse("&g x = \(value) /", file: file).groups[0].assignments[0].values
            if values != expected {
                return ["after setting \(key) = \(value) in &\(group.name), the edited text has \(key) = \(values.map { "\($0)" } ?? "nothing"):\n"
                    + editor.text.debugDescription]
            }
        } catch {
            return ["setting \(key) = \(value) in &\(group.name) made a namelist that does not parse: \(error)\n"
                + editor.text.debugDescription]
        }
        return []
    }
}
