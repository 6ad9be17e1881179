/// Reads typed settings from one namelist group, reporting problems to a `DiagnosticCollector`
/// instead of stopping at the first.
///
/// Every getter returns its default when the key is absent, set to a null value,
/// or set to something wrong (which is then reported). The reader remembers every
/// key asked for, so `finish()` can report keys in the group that nobody asked for.
///
///     let pes = NamelistGroupReader(group: document.group(named: "cime_pes"),
///                                   name: "cime_pes", file: document.file, collector: collector)
///     let atmTasks = pes.integer("atm_ntasks", default: 1, range: 1...100_000)
///     pes.finish()
public final class NamelistGroupReader {
    /// The group name as the program knows it, shown in messages as `&name`.
    public let name: String
    /// The file the group was read from.
    public let file: String
    private let group: NamelistGroup?
    private let collector: DiagnosticCollector
    private var knownKeys: [String] = []
    /// Keys accepted without being read (`accept(_:)`).
    private var acceptedKeys: Set<String> = []

    /// Creates a reader for `group`; `nil` means the file has no such group, so every getter
    /// returns its default. Problems go to `collector`.
    public init(group: NamelistGroup?, name: String, file: String, collector: DiagnosticCollector) {
        self.group = group
        self.name = name
        self.file = file
        self.collector = collector
    }

    // MARK: Single values

    /// The integer set for `key`, checked against `range` if given.
    public func integer(_ key: String, default defaultValue: Int, range: ClosedRange<Int>? = nil) -> Int {
        single(key, default: defaultValue, expected: "an integer", convert: Self.integerValue,
               check: { Self.rangeProblem($0, range) })
    }

    /// The real number set for `key`, checked against `range` if given; an integer is accepted.
    public func real(_ key: String, default defaultValue: Double, range: ClosedRange<Double>? = nil) -> Double {
        single(key, default: defaultValue, expected: "a real number", convert: Self.realValue,
               check: { Self.rangeProblem($0, range) })
    }

    /// The logical set for `key`.
    public func logical(_ key: String, default defaultValue: Bool) -> Bool {
        single(key, default: defaultValue, expected: "a logical (.true. or .false.)", convert: Self.logicalValue,
               check: { _ in nil })
    }

    /// The string set for `key`, without trailing blanks (as Fortran compares strings). With `allowed`, the value must be one of them (compared
    /// case-insensitively) and the allowed spelling is returned.
    public func string(_ key: String, default defaultValue: String, allowed: [String]? = nil) -> String {
        let value = single(key, default: defaultValue, expected: "a string", convert: Self.stringValue,
                           check: { Self.allowedProblem($0, allowed) })
        guard let allowed else { return value }
        return allowed.first { $0.lowercased() == value.lowercased() } ?? value
    }

    /// The string set for `key`, checked by `rule`, which returns what is wrong with a value,
    /// phrased to follow the key (`must not be empty`), or `nil` when the value is fine. A value
    /// the rule refuses is reported at the value (`'case_name' in &seq_infodata_inparm must not be
    /// empty, found ''`) and the default is returned.
    public func string(_ key: String, default defaultValue: String, rule: (String) -> String?) -> String {
        single(key, default: defaultValue, expected: "a string", convert: Self.stringValue, check: rule)
    }

    // MARK: Arrays

    /// The integers set for `key`, merged over `default` element by element
    /// (`x(3) = 7` changes only element 3), each checked against `range` if given.
    public func integers(_ key: String, default defaultValue: [Int], range: ClosedRange<Int>? = nil) -> [Int] {
        array(key, default: defaultValue, expected: "an integer", convert: Self.integerValue,
              check: { Self.rangeProblem($0, range) })
    }

    /// The real numbers set for `key`, merged over `default` element by element; integers are accepted.
    public func reals(_ key: String, default defaultValue: [Double]) -> [Double] {
        array(key, default: defaultValue, expected: "a real number", convert: Self.realValue, check: { _ in nil })
    }

    /// The strings set for `key`, merged over `default` element by element.
    public func strings(_ key: String, default defaultValue: [String]) -> [String] {
        array(key, default: defaultValue, expected: "a string", convert: Self.stringValue, check: { _ in nil })
    }

    // MARK: Questions about keys

    /// Whether the group sets `key`; also marks the key as known.
    public func isSet(_ key: String) -> Bool {
        !assignments(to: key).isEmpty
    }

    /// Where `key` is first set, or `nil` if it is not; also marks the key as known.
    public func location(of key: String) -> TextLocation? {
        assignments(to: key).first?.location
    }

    /// Accepts `keys` without reading them, and returns those the group sets that no getter asked
    /// for (once each, in the group's order): `finish()` does not report them. Suggestions for
    /// unknown keys still come only from the keys the getters asked for, so a typo of an
    /// implemented key is never pointed at an accepted one. Call it after the getters, before
    /// `finish()`.
    public func accept(_ keys: some Sequence<String>) -> [IgnoredSetting] {
        guard let group else { return [] }
        let accepted = Set(keys.map { $0.lowercased() }).subtracting(knownKeys)
        acceptedKeys.formUnion(accepted)
        var seen = Set<String>()
        return group.assignments.filter { accepted.contains($0.key) && seen.insert($0.key).inserted }.map {
            IgnoredSetting(group: group.spelledName, key: $0.spelledKey, location: $0.location)
        }
    }

    /// Reports each key in the group that no getter asked for, suggesting the nearest known key:
    /// `unknown key 'atm_ntask' in &cime_pes; did you mean 'atm_ntasks'?`. Call it once, after all getters.
    public func finish() {
        guard let group else { return }
        var reported: Set<String> = []
        for assignment in group.assignments where !knownKeys.contains(assignment.key) && !acceptedKeys.contains(assignment.key) {
            guard reported.insert(assignment.key).inserted else { continue }
            var message = "unknown key '\(assignment.spelledKey)' in &\(name)"
            if let suggestion = nearestName(to: assignment.key, among: knownKeys) {
                message += "; did you mean '\(suggestion)'?"
            }
            report(message, at: assignment.location)
        }
    }

    // MARK: Reading

    /// What one value contributes after type and range checks.
    private enum Reading<Value> {
        case value(Value)
        case null
        case invalid
    }

    private func assignments(to key: String) -> [NamelistAssignment] {
        let key = key.lowercased()
        if !knownKeys.contains(key) {
            knownKeys.append(key)
        }
        return group?.assignments(to: key) ?? []
    }

    private func single<Value>(_ key: String, default defaultValue: Value, expected: String,
                               convert: (NamelistValue) -> Value?, check: (Value) -> String?) -> Value {
        let found = assignments(to: key)
        guard let first = found.first else { return defaultValue }
        if let indexed = found.first(where: \.isIndexed) {
            report("'\(indexed.spelledKey)' in &\(name) takes a single value and cannot be indexed", at: indexed.location)
            return defaultValue
        }
        guard first.values.count == 1 else {
            report("'\(first.spelledKey)' in &\(name) takes a single value, found \(first.values.count)",
                   at: first.location)
            return defaultValue
        }
        let subject = "'\(first.spelledKey)' in &\(name)"
        switch read(first.values[0], at: first.valueLocations[0], subject: subject, expected: expected,
                    convert: convert, check: check) {
        case .value(let value):
            return value
        case .null, .invalid:
            return defaultValue
        }
    }

    /// Merges every assignment to `key` over `defaultValue`. The result is as long as the
    /// default or the highest element set, whichever is longer; an element beyond the default
    /// that is never set is a problem. After any problem the default is returned.
    private func array<Value>(_ key: String, default defaultValue: [Value], expected: String,
                              convert: (NamelistValue) -> Value?, check: (Value) -> String?) -> [Value] {
        let found = assignments(to: key)
        guard !found.isEmpty else { return defaultValue }
        var assigned: [Int: Value] = [:]
        var highest = defaultValue.count
        var reachesHighest = found[0]
        var isValid = true
        for assignment in found {
            for (offset, value) in assignment.values.enumerated() {
                let (element, overflow) = assignment.startIndex.addingReportingOverflow(offset)
                if overflow {
                    report("'\(assignment.spelledKey)(\(assignment.startIndex))' in &\(name) has too many values: "
                        + "element numbers end at \(Int.max)", at: assignment.valueLocations[offset])
                    isValid = false
                    break
                }
                if element > highest {
                    highest = element
                    reachesHighest = assignment
                }
                let subject = "element \(element) of '\(assignment.spelledKey)' in &\(name)"
                switch read(value, at: assignment.valueLocations[offset], subject: subject, expected: expected,
                            convert: convert, check: check) {
                case .value(let converted):
                    assigned[element] = converted
                case .null:
                    break
                case .invalid:
                    isValid = false
                }
            }
        }
        guard isValid else { return defaultValue }
        let beyondDefault = stride(from: defaultValue.count + 1, through: highest, by: 1)
        if let missing = beyondDefault.first(where: { assigned[$0] == nil }) {
            report("element \(missing) of '\(reachesHighest.spelledKey)' in &\(name) is never set and has no default",
                   at: reachesHighest.location)
            return defaultValue
        }
        return (0..<highest).map { assigned[$0 + 1] ?? defaultValue[$0] }
    }

    private func read<Value>(_ value: NamelistValue, at location: TextLocation, subject: String, expected: String,
                             convert: (NamelistValue) -> Value?, check: (Value) -> String?) -> Reading<Value> {
        if value == .null {
            return .null
        }
        guard let converted = convert(value) else {
            report("\(subject) must be \(expected), found \(value.phrase)", at: location)
            return .invalid
        }
        if let problem = check(converted) {
            report("\(subject) \(problem), found \(value.description)", at: location)
            return .invalid
        }
        return .value(converted)
    }

    private func report(_ message: String, at location: TextLocation) {
        collector.report(Diagnostic(message, at: location))
    }

    // MARK: Conversions and checks

    private static func integerValue(_ value: NamelistValue) -> Int? {
        guard case .integer(let integer) = value else { return nil }
        return Int(exactly: integer)
    }

    private static func realValue(_ value: NamelistValue) -> Double? {
        switch value {
        case .real(let real):
            real
        case .integer(let integer):
            Double(integer)
        default:
            nil
        }
    }

    private static func logicalValue(_ value: NamelistValue) -> Bool? {
        guard case .logical(let logical) = value else { return nil }
        return logical
    }

    /// A string value without its trailing blanks, which are not significant in Fortran (CESM
    /// pads values: `case_name = 'b1850 '`).
    private static func stringValue(_ value: NamelistValue) -> String? {
        guard case .string(let string) = value else { return nil }
        guard let last = string.lastIndex(where: { $0 != " " }) else { return "" }
        return String(string[...last])
    }

    private static func rangeProblem<Bound: Comparable>(_ value: Bound, _ range: ClosedRange<Bound>?) -> String? {
        guard let range, !range.contains(value) else { return nil }
        return "must be between \(range.lowerBound) and \(range.upperBound)"
    }

    private static func allowedProblem(_ value: String, _ allowed: [String]?) -> String? {
        guard let allowed, !allowed.contains(where: { $0.lowercased() == value.lowercased() }) else { return nil }
        return "must be one of " + allowed.map { NamelistValue.string($0).description }.joined(separator: ", ")
    }
}
