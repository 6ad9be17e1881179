import Foundation
import Synchronization

/// Runs the cases of one fuzz test, each with its own `FuzzRandom`, and turns what went wrong
/// into messages that say how to make the case again. A case that takes longer than
/// `slowCase` counts as a failure (a near hang). In-process cases run in order under a
/// `FuzzCrashNote`; cases that work in child processes can run several at a time.
public struct FuzzRun: Sendable {
    /// The test's name as `swift test --filter` takes it.
    public let test: String
    public let seed: UInt64
    public let count: Int
    /// The longest a single case may take.
    public let slowCase: Duration

    /// After this many failing cases a run stops: the first ones tell the story.
    private static let failureLimit = 20

    /// What a run did: the cases tried, a message per failing case, and how many cases
    /// ended each way.
    public struct Report: Sendable {
        public let tried: Int
        public let failures: [String]
        public let kinds: [String: Int]
        public let seconds: Double
        /// How each case ended, by case number.
        let caseKinds: [String]

        /// How case `index` ended, or `nil` if it did not run.
        public func kind(of index: Int) -> String? {
            caseKinds.indices.contains(index) ? caseKinds[index] : nil
        }

        /// One line for the test log: the counts the documentation quotes.
        public var summary: String {
            let kinds = self.kinds.sorted { $0.value > $1.value }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
            return "\(tried) inputs in \(String(format: "%.1f", seconds)) s: \(kinds)"
        }
    }

    public init(test: String, seed: UInt64, count: Int, slowCase: Duration = .seconds(2)) {
        self.test = test
        self.seed = seed
        self.count = count
        self.slowCase = slowCase
    }

    /// Runs `body` for cases `0 ..< count`, in order, in this process.
    public func run(_ body: (_ index: Int, _ random: inout FuzzRandom) -> FuzzOutcome) -> Report {
        let note = FuzzCrashNote(test: test, seed: seed)
        defer { note.end() }
        let clock = ContinuousClock(), start = clock.now
        var report = Tally()
        for index in 0 ..< count where report.failures.count < Self.failureLimit {
            note.begin(case: index)
            report.add(index, measure(index, body), run: self)
        }
        return report.finish(seconds: seconds(clock.now - start))
    }

    /// Runs `body` for cases `0 ..< count` on `workers` threads at once: for cases that do their
    /// work in child processes, which mostly wait. The report is the same as in order.
    public func runConcurrently(workers: Int, _ body: @escaping @Sendable (_ index: Int, _ random: inout FuzzRandom) -> FuzzOutcome) -> Report {
        let clock = ContinuousClock(), start = clock.now
        let outcomes = Mutex([(Int, FuzzOutcome)]())
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            for index in stride(from: worker, to: count, by: workers) {
                let outcome = measure(index, body)
                outcomes.withLock { $0.append((index, outcome)) }
            }
        }
        var report = Tally()
        for (index, outcome) in outcomes.withLock({ $0 }).sorted(by: { $0.0 < $1.0 }) where report.failures.count < Self.failureLimit {
            report.add(index, outcome, run: self)
        }
        return report.finish(seconds: seconds(clock.now - start))
    }

    /// Case `index` with its generator, failing if it took longer than `slowCase`.
    private func measure(_ index: Int, _ body: (Int, inout FuzzRandom) -> FuzzOutcome) -> FuzzOutcome {
        var random = FuzzRandom(seed: seed, case: index)
        let clock = ContinuousClock(), start = clock.now
        var outcome = body(index, &random)
        let elapsed = clock.now - start
        if elapsed > slowCase { outcome.problems.append("the case took \(elapsed), more than \(slowCase)") }
        return outcome
    }

    private func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }

    /// The report as the cases come in.
    private struct Tally {
        var tried = 0
        var failures = [String]()
        var kinds = [String: Int]()
        var caseKinds = [String]()

        mutating func add(_ index: Int, _ outcome: FuzzOutcome, run: FuzzRun) {
            tried += 1
            kinds[outcome.kind, default: 0] += 1
            caseKinds.append(outcome.kind)
            guard !outcome.problems.isEmpty else { return }
            failures.append("case \(index) of \(run.test) (seed 0x\(String(run.seed, radix: 16))): "
                + outcome.problems.joined(separator: "\n") + "\ninput: " + outcome.input()
                + "\nThe case is made from the seed and its number alone (FuzzRandom(seed:case:)): "
                + "swift test --no-parallel --filter '\(run.test)' repeats it.")
        }

        func finish(seconds: Double) -> Report {
            Report(tried: tried, failures: failures, kinds: kinds, seconds: seconds, caseKinds: caseKinds)
        }
    }
}
