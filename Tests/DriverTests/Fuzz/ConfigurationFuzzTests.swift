import Components
import Coupling
import Driver
import Pictures
import Testing
import TestSupport

/// Random malformed namelists, made from the real ones in `namelists/`, checked as a whole
/// driver configuration (`DriverConfiguration.load`, what `coupled-driver check` and every run
/// do) for jobs of 1 to 8 ranks: each must load or give diagnostics, and nothing may trap or hang.
/// One input in ten also goes through the rest of `check` (`CaseCheck`: the models, the coupling,
/// the weights files against the grids, the periods), whose findings must have a message and a
/// place in the file when they have one.
@Suite("Fuzz: driver configuration", .serialized)
struct ConfigurationFuzzTests {
    /// Real namelists with 1 to 4 stacked mutations of any kind.
    static let mutatedCount = 1_500
    /// Real namelists with 1 to 4 values replaced by ordinary or extreme ones: the syntax stays
    /// whole, so these reach the checks of layouts, dates, intervals, models and maps.
    static let revaluedCount = 2_500

    @Test("mutated namelists load or give diagnostics naming the file, line and column")
    func mutatedNamelists() {
        let report = Self.run("ConfigurationFuzzTests/mutatedNamelists", seed: 0x4443_0000_0001, count: Self.mutatedCount) { random in
            NamelistFuzzInputs.mutator.mutated(&random, maximumMutations: 4)
        }
        #expect(report.tried == Self.mutatedCount)  // 1,500 inputs per run (docs/fuzzing.md)
    }

    @Test("namelists with extreme values load or give diagnostics naming the file, line and column")
    func revaluedNamelists() {
        let report = Self.run("ConfigurationFuzzTests/revaluedNamelists", seed: 0x4443_0000_0002, count: Self.revaluedCount) { random in
            NamelistFuzzInputs.valueMutator.revalued(&random)
        }
        #expect(report.tried == Self.revaluedCount)  // 2,500 inputs per run (docs/fuzzing.md)
    }

    /// Loads `count` inputs from `make` for jobs of 1 to 8 ranks, records the failures and
    /// prints the counts.
    private static func run(_ test: String, seed: UInt64, count: Int,
                            make: @escaping (inout FuzzRandom) -> (bytes: [UInt8], recipe: String)) -> FuzzRun.Report {
        let registry = ComponentRegistry.builtIn
        let path = Repository.path("namelists") + "/fuzz.nml"
        let run = FuzzRun(test: test, seed: seed, count: count)
        let report = run.run { _, random in
            let input = make(&random)
            let text = String(decoding: input.bytes, as: UTF8.self), worldSize = random.inRange(1 ... 8)
            var (kind, problems) = check(loading: text, path: path, worldSize: worldSize, registry: registry)
            if random.percent(10) { problems += caseCheckProblems(text, path: path, worldSize: worldSize, registry: registry) }
            return FuzzOutcome(problems: problems, kind: kind, input: { "\(input.recipe), \(worldSize) ranks: \(text.debugDescription)" })
        }
        print("fuzz: \(test): \(report.summary)")
        for failure in report.failures { Issue.record(Comment(rawValue: failure)) }
        return report
    }

    /// Whether `text` loaded, and what is wrong with that, doing what `coupled-driver check` does:
    /// a configuration must have a layout that fits `worldSize` ranks and a positive driver
    /// step, and its table and picture must be made; a failure must have diagnostics with a
    /// message and a place (in the namelist, or in the resource file it names; only layout
    /// problems that concern no key have none), and the picture of the layout as written must
    /// be made. Pictures must stay small, whatever ranks the layout asks for.
    private static func check(loading text: String, path: String, worldSize: Int, registry: ComponentRegistry)
        -> (kind: String, problems: [String]) {
        let lines = 1 + text.reduce(0) { $0 + ($1.isNewline ? 1 : 0) }
        do {
            let configuration = try DriverConfiguration.load(text: text, path: path, worldSize: worldSize, registry: registry)
            var problems = configuration.layout.problems(worldSize: worldSize).map { "loaded an impossible layout: \($0)" }
            if configuration.time.driverStep < 1 { problems.append("loaded a driver step of \(configuration.time.driverStep) s") }
            _ = configuration.layout.table(models: configuration.modelNames)
            _ = configuration.layout.idleRanks(worldSize: worldSize)
            problems += pictureProblems(configuration.layout, worldSize: worldSize)
            return ("loaded", problems)
        } catch {
            var problems = error.diagnostics.isEmpty ? ["loading threw an empty diagnostic list"] : []
            problems += error.diagnostics.compactMap { diagnostic in
                guard !diagnostic.message.isEmpty else { return "a diagnostic without a message: \(diagnostic)" }
                guard let location = diagnostic.location else {
                    return diagnostic.message.hasPrefix("impossible processor layout") ? nil : "a diagnostic without a location: \(diagnostic)"
                }
                let outside = location.line < 1 || location.column < 1 || (location.file == path && location.line > lines)
                return outside ? "a diagnostic outside the file's \(lines) lines: \(diagnostic)" : nil
            }
            if let layout = DriverConfiguration.layoutIgnoringProblems(text: text, path: path, worldSize: worldSize) {
                problems += pictureProblems(layout, worldSize: worldSize)
            }
            return ("rejected", problems)
        }
    }

    /// What is wrong with the findings of `CaseCheck` on `text` (read as far as it can be): a
    /// finding without a message, or placed outside the file.
    private static func caseCheckProblems(_ text: String, path: String, worldSize: Int, registry: ComponentRegistry) -> [String] {
        guard let (configuration, problems) = try? DriverConfiguration.read(text: text, path: path, worldSize: worldSize, registry: registry)
        else { return [] }
        let check = CaseCheck(configuration: configuration, registry: registry, runDirectory: "/nonexistent/fuzz-run",
                              driverSettingsValid: problems.isEmpty)
        let lines = 1 + text.reduce(0) { $0 + ($1.isNewline ? 1 : 0) }
        return check.findings.compactMap { finding in
            if finding.message.isEmpty { return "a check finding without a message: \(finding)" }
            guard let location = finding.location, location.file == path else { return nil }
            return location.line < 1 || location.line > lines ? "a check finding outside the file's \(lines) lines: \(finding)" : nil
        }
    }

    /// The largest picture expected for a job of up to 8 ranks: about 100 cells by 5 components.
    private static let pictureLimit = 200_000

    private static func pictureProblems(_ layout: ProcessorLayout, worldSize: Int) -> [String] {
        let size = LayoutPicture(layout: layout, worldSize: worldSize, title: "fuzz").svg.utf8.count
        return size > pictureLimit ? ["a layout picture of \(size) bytes for a job of \(worldSize) ranks"] : []
    }
}
