import Foundation
import LoadBalancing
import Namelist
import Testing

/// How an ensemble's members get their values: `--set` lists, `--perturb` distributions drawn
/// reproducibly from a seed, and the errors for what cannot be read.
@Suite("ensemble settings and perturbations")
struct EnsembleSettingTests {
    @Test("--set gives each member its value in turn; commas inside quotes stay in the value")
    func listedValues() throws {
        let setting = try EnsembleSetting(values: "case_name='a,b','c'")
        #expect(setting.key == "case_name" && setting.group == nil)
        #expect(setting.memberCount == 2)
        #expect(setting.value(forMember: 1, seed: 1, in: "g") == "'a,b'")
        #expect(setting.value(forMember: 2, seed: 1, in: "g") == "'c'")
        let grouped = try EnsembleSetting(values: "Slab_Atm_Nml.cloud_albedo=0.3,0.35")
        #expect(grouped.group == "slab_atm_nml" && grouped.key == "cloud_albedo" && grouped.name == "slab_atm_nml.cloud_albedo")
    }

    @Test("a seed draws the same values again; another seed, another key or another group draws others; the key's spelling does not matter")
    func reproducible() throws {
        let setting = try EnsembleSetting(perturbation: "slab_atm_nml.cloud_albedo=normal(0.3,0.02)")
        let first = (1 ... 8).map { setting.value(forMember: $0, seed: 42, in: "g") }
        let again = (1 ... 8).map { setting.value(forMember: $0, seed: 42, in: "g") }
        #expect(first == again)
        #expect(Set(first).count == 8, "each member draws its own value: \(first)")
        let other = (1 ... 8).map { setting.value(forMember: $0, seed: 43, in: "g") }
        #expect(first != other)
        // Another key gets another stream: its draws are not the first key's.
        let otherKey = try EnsembleSetting(perturbation: "drainage_days=normal(0.3,0.02)")
        #expect((1 ... 8).map { otherKey.value(forMember: $0, seed: 42, in: "g") } != first)
        #expect((1 ... 8).map { setting.value(forMember: $0, seed: 42, in: "other_nml") } != first)
        // The stream is the key's in its group, however it was written: `x` set in &g draws what `g.x` draws.
        let bare = try EnsembleSetting(perturbation: "cloud_albedo=normal(0.3,0.02)")
        let grouped = try EnsembleSetting(perturbation: "G.Cloud_Albedo=normal(0.3,0.02)")
        #expect((1 ... 8).map { bare.value(forMember: $0, seed: 42, in: "g") } == (1 ... 8).map { grouped.value(forMember: $0, seed: 42, in: "g") })
        // Each value reads back, as a namelist number, to the same bits it was drawn with.
        for text in first { #expect(Double(text).map { "\($0)" } == text) }
    }

    @Test("uniform draws stay in their bounds and fill them; normal and log-normal draws have the asked mean and spread")
    func distributions() throws {
        let count = 4000
        func draws(_ text: String) throws -> [Double] {
            let setting = try EnsembleSetting(perturbation: "x=" + text)
            return try (1 ... count).map { try #require(Double(setting.value(forMember: $0, seed: 7, in: "g"))) }
        }
        let uniform = try draws("uniform(2,3)")
        #expect(uniform.allSatisfy { $0 >= 2 && $0 < 3 })
        #expect(uniform.min()! < 2.01 && uniform.max()! > 2.99)
        let normal = try draws("normal(10,2)")
        let mean = normal.reduce(0, +) / Double(count)
        let deviation = (normal.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(count - 1)).squareRoot()
        #expect(abs(mean - 10) < 4 * 2 / Double(count).squareRoot(), "mean \(mean)")
        #expect(abs(deviation - 2) < 0.1, "standard deviation \(deviation)")
        let logNormal = try draws("lognormal(0,0.5)")
        #expect(logNormal.allSatisfy { $0 > 0 })
        let logs = logNormal.map { log($0) }
        #expect(abs(logs.reduce(0, +) / Double(count)) < 4 * 0.5 / Double(count).squareRoot())
        let listed = try EnsembleSetting(perturbation: "x=list(1,'two',3.5)")
        let picks = (1 ... 300).map { listed.value(forMember: $0, seed: 7, in: "g") }
        #expect(Set(picks) == ["1", "'two'", "3.5"], "every listed value is drawn, and nothing else")
    }

    @Test("what cannot be read is refused, naming the option and what to write", arguments: [
        ("set", "cloud_albedo", "write KEY=V1,V2,..."),
        ("set", "cloud_albedo=0.3,,0.4", "a value is empty"),
        ("set", "a.b.c=1", "KEY a namelist key or GROUP.KEY"),
        ("perturb", "x=gauss(0,1)", "unknown distribution 'gauss'"),
        ("perturb", "x=uniform(3,2)", "LOW must be less than HIGH"),
        ("perturb", "x=normal(0)", "write normal(MEAN,SD) with finite numbers"),
        ("perturb", "x=normal(0,-1)", "the standard deviation must not be negative"),
        ("perturb", "x=0.3", "is not a distribution"),
        ("perturb", "x=list()", "needs at least one value"),
    ])
    func refused(option: String, text: String, expected: String) {
        do {
            _ = option == "set" ? try EnsembleSetting(values: text) : try EnsembleSetting(perturbation: text)
            Issue.record("--\(option) \(text) was accepted")
        } catch {
            #expect(error.description.contains(expected), "\(error)")
        }
    }
}
