import Foundation
import Namelist

/// One namelist key that differs between the members of an ensemble: `--set KEY=V1,V2,...`
/// gives each member's value in turn, `--perturb KEY=DIST` draws each member's value from a
/// distribution. KEY is a key set by one group of the namelist (`drainage_days`), or
/// `GROUP.KEY` for any key of any group (`slab_atm_nml.cloud_albedo`).
public struct EnsembleSetting: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Where the members' values come from.
    public enum Source: Sendable, Hashable, Codable {
        /// Member k takes value k (namelist text, as given).
        case values([String])
        /// Each member draws its value from the distribution.
        case distribution(ParameterDistribution)
    }

    /// The group the key belongs to, or `nil` for the one group of the namelist that sets it.
    public var group: String?
    /// The key, lower case.
    public var key: String
    /// The members' values.
    public var source: Source

    /// A setting of `key` (in `group`, or where the namelist sets it) from `source`.
    public init(group: String?, key: String, source: Source) {
        self.group = group?.lowercased()
        self.key = key.lowercased()
        self.source = source
    }

    /// Reads `KEY=V1,V2,...` (`--set`).
    public init(values text: String) throws(EnsembleError) {
        let (group, key, right) = try Self.split(text, option: "--set", form: "KEY=V1,V2,...")
        let values = NamelistValues.split(right)
        guard !values.contains(where: \.isEmpty) else { throw .invalidSetting("--set \(text): a value is empty") }
        self.init(group: group, key: key, source: .values(values))
    }

    /// Reads `KEY=DIST` (`--perturb`).
    public init(perturbation text: String) throws(EnsembleError) {
        let (group, key, right) = try Self.split(text, option: "--perturb", form: "KEY=DIST")
        do {
            self.init(group: group, key: key, source: .distribution(try ParameterDistribution(parsing: right)))
        } catch {
            throw .invalidSetting("--perturb \(text): \(error)")
        }
    }

    /// `GROUP.KEY` or `KEY`, as given.
    public var name: String { (group.map { $0 + "." } ?? "") + key }

    /// `KEY=V1,V2` or `KEY=DIST`, as on the command line.
    public var description: String {
        switch source {
        case .values(let values): "\(name)=\(values.joined(separator: ","))"
        case .distribution(let distribution): "\(name)=\(distribution)"
        }
    }

    /// How many members the setting has values for, or `nil` for a distribution (any number).
    public var memberCount: Int? {
        if case .values(let values) = source { values.count } else { nil }
    }

    /// Member `member`'s value (1-based) as namelist text, the key being in `group` (its own, or
    /// the one `targetGroup` found); distributions draw from the stream of (`seed`,
    /// `group.key`, member), however the key was written.
    public func value(forMember member: Int, seed: UInt64, in group: String) -> String {
        switch source {
        case .values(let values):
            return values[member - 1]
        case .distribution(let distribution):
            var generator = SeededGenerator(seed: seed, key: target(in: group), member: member)
            return distribution.sample(using: &generator)
        }
    }

    /// `group.key`: the key in `group`, the group's name in lower case — what the setting changes,
    /// however it was written on the command line.
    public func target(in group: String) -> String { group.lowercased() + "." + key }

    /// The group of `document` this setting changes: its own, or the one group that sets the key.
    func targetGroup(in document: NamelistDocument) throws(EnsembleError) -> String {
        if let group { return group }
        let owners = document.groups.filter { !$0.assignments(to: key).isEmpty }
        guard owners.count == 1 else {
            let place = owners.isEmpty ? "no group of \(document.file) sets it"
                : "it is set in " + owners.map { "&\($0.spelledName)" }.joined(separator: " and ")
            throw .invalidSetting("\(key): \(place); write GROUP.KEY (for example \(owners.first?.name ?? "slab_atm_nml").\(key))")
        }
        return owners[0].name
    }

    private static func split(_ text: String, option: String, form: String) throws(EnsembleError) -> (String?, String, String) {
        guard let equals = text.firstIndex(of: "=") else { throw .invalidSetting("\(option) \(text): write \(form)") }
        let left = text[..<equals].trimmingCharacters(in: .whitespaces), right = String(text[text.index(after: equals)...])
        let parts = left.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let isName = { (part: String) in part.first?.isLetter == true && part.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "%" } }
        guard parts.count <= 2, parts.allSatisfy(isName), !right.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw .invalidSetting("\(option) \(text): write \(form), KEY a namelist key or GROUP.KEY")
        }
        return parts.count == 2 ? (parts[0], parts[1], right) : (nil, parts[0], right)
    }
}
