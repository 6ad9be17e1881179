import Namelist
import Testing
import TestSupport

/// Random malformed resource files (CESM `seq_maps.rc`) fed to `ResourceFile.parse`: each must
/// give entries or diagnostics placed in the file, and nothing may trap or hang.
@Suite("Fuzz: resource files", .serialized)
struct ResourceFileFuzzTests {
    /// Real-looking resource files with 1 to 6 stacked mutations, and token soups.
    static let mutatedCount = 4_000
    static let soupCount = 1_000

    /// A `seq_maps.rc` for each namelist with a `&seq_maps` group: its map names as
    /// `name: 'value'` lines, with comments and an unquoted value as CESM writes them.
    static let seeds: [(name: String, text: String)] = NamelistFuzzInputs.seeds.compactMap { seed in
        guard let document = try? NamelistDocument.parse(seed.text, file: seed.name),
              let maps = document.group(named: "seq_maps") else { return nil }
        var lines = ["##################################################################", "# seq_maps.rc from \(seed.name)",
                     "##################################################################"]
        for assignment in maps.assignments {
            let value = assignment.values.first.map { "\($0)" } ?? "''"
            lines.append("\(assignment.spelledKey): \(value)")
            lines.append("  \(assignment.spelledKey.replacingOccurrences(of: "mapname", with: "maptype")) : \"X\"   ! map type")
        }
        lines += ["", "atm2lnd_fmapname: idmap   # unquoted, with a comment", "lnd2atm_smapname:'idmap'"]
        return (seed.name.replacingOccurrences(of: ".nml", with: ".rc"), lines.joined(separator: "\n") + "\n")
    }

    static let mutator = TextMutator(seeds: seeds, vocabulary: [
        ":", "::", "#", "!", "'", "\"", " ", "\t", "\n", "\r\n", "\r", "\u{2028}", "idmap", "'idmap'", "\"X\"", "''",
        "atm2ocn_fmapname", "ATM2OCN_FMAPNAME", "1abc", "a-b", "_x", "map.nc", "'unterminated", "# comment", "! comment",
    ])

    @Test("mutated resource files give entries or located diagnostics")
    func mutatedFiles() {
        let run = FuzzRun(test: "ResourceFileFuzzTests/mutatedFiles", seed: 0x5243_0000_0001, count: Self.mutatedCount)
        let report = run.run { _, random in Self.check(Self.mutator.mutated(&random)) }
        print("fuzz: \(run.test): \(report.summary)")
        for failure in report.failures { Issue.record(Comment(rawValue: failure)) }
        #expect(report.tried == Self.mutatedCount)  // 4,000 inputs per run (docs/fuzzing.md)
    }

    @Test("token soups give entries or located diagnostics")
    func tokenSoups() {
        let run = FuzzRun(test: "ResourceFileFuzzTests/tokenSoups", seed: 0x5243_0000_0002, count: Self.soupCount)
        let report = run.run { _, random in Self.check(Self.mutator.soup(&random)) }
        print("fuzz: \(run.test): \(report.summary)")
        for failure in report.failures { Issue.record(Comment(rawValue: failure)) }
        #expect(report.tried == Self.soupCount)  // 1,000 inputs per run (docs/fuzzing.md)
    }

    /// How one input was parsed and what is wrong with that.
    private static func check(_ input: (bytes: [UInt8], recipe: String)) -> FuzzOutcome {
        let text = String(decoding: input.bytes, as: UTF8.self)
        let file = "fuzz.rc"
        let lines = 1 + text.reduce(0) { $0 + ($1.isNewline ? 1 : 0) }
        func misplaced(_ location: TextLocation?) -> Bool {
            guard let location else { return true }
            return location.file != file || !(1 ... lines).contains(location.line) || location.column < 1
        }
        var problems = [String]()
        var kind = "parsed"
        do {
            let resources = try ResourceFile.parse(text, file: file)
            var seen = Set<String>()
            for entry in resources.entries {
                if !seen.insert(entry.key).inserted || entry.key != entry.key.lowercased() || entry.key.isEmpty {
                    problems.append("entry key '\(entry.key)' is empty, not lower case or repeated")
                }
                if resources.value(for: entry.key.uppercased()) != entry.value {
                    problems.append("value(for: '\(entry.key.uppercased())') is not the entry's value '\(entry.value)'")
                }
                if misplaced(entry.location) { problems.append("entry '\(entry.key)' is placed outside the file: \(entry.location)") }
            }
        } catch {
            kind = "rejected"
            if error.diagnostics.isEmpty { problems.append("parsing threw an empty diagnostic list") }
            for diagnostic in error.diagnostics where diagnostic.message.isEmpty || misplaced(diagnostic.location) {
                problems.append("a diagnostic without a message or outside the file: \(diagnostic)")
            }
        }
        return FuzzOutcome(problems: problems, kind: kind, input: { "\(input.recipe): \(text.debugDescription)" })
    }
}
