import Testing
import TestSupport

/// Random malformed namelists, made from the real ones in `namelists/`, fed to the parser, the
/// group reader and the editor: each must parse or give diagnostics placed in the file, and
/// nothing may trap or hang. The seeds are fixed, so every run tries the same inputs.
@Suite("Fuzz: namelist reader", .serialized)
struct NamelistFuzzTests {
    /// Real namelists with 1 to 6 stacked mutations.
    static let mutatedCount = 10_000
    /// Token soups of up to 200 tokens.
    static let soupCount = 2_000

    @Test("mutated namelists parse or give located diagnostics; reading and editing them never traps")
    func mutatedNamelists() {
        let run = FuzzRun(test: "NamelistFuzzTests/mutatedNamelists", seed: 0x4E4D_4C00_0001, count: Self.mutatedCount)
        let report = run.run { _, random in
            let input = NamelistFuzzInputs.mutator.mutated(&random)
            return NamelistFuzzCheck.outcome(of: String(decoding: input.bytes, as: UTF8.self), recipe: input.recipe, random: &random)
        }
        print("fuzz: \(run.test): \(report.summary)")
        for failure in report.failures { Issue.record(Comment(rawValue: failure)) }
        #expect(report.tried == Self.mutatedCount)  // 10,000 inputs per run (docs/fuzzing.md)
    }

    @Test("token soups parse or give located diagnostics; reading and editing them never traps")
    func tokenSoups() {
        let run = FuzzRun(test: "NamelistFuzzTests/tokenSoups", seed: 0x4E4D_4C00_0002, count: Self.soupCount)
        let report = run.run { _, random in
            let input = NamelistFuzzInputs.mutator.soup(&random)
            return NamelistFuzzCheck.outcome(of: String(decoding: input.bytes, as: UTF8.self), recipe: input.recipe, random: &random)
        }
        print("fuzz: \(run.test): \(report.summary)")
        for failure in report.failures { Issue.record(Comment(rawValue: failure)) }
        #expect(report.tried == Self.soupCount)  // 2,000 inputs per run (docs/fuzzing.md)
    }
}
