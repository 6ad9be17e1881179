import Foundation
import LoadBalancing
import Testing

@Suite("Cost model fit")
struct CostFitTests {
    private func samples(_ model: CostModel, at counts: [Int]) -> [CostSample] {
        counts.map { CostSample(tasks: $0, secondsPerDay: model.secondsPerDay(tasks: $0)) }
    }

    private func close(_ a: Double, _ b: Double, _ tolerance: Double) -> Bool {
        abs(a - b) <= tolerance * max(abs(a), abs(b), 1e-12)
    }

    @Test("exact data: recovers a, b and c of several shapes", arguments: [
        CostModel(parallelSeconds: 1200),
        CostModel(parallelSeconds: 1200, serialSeconds: 7.5),
        CostModel(parallelSeconds: 1200, serialSeconds: 7.5, perTaskSeconds: 0.8),
        CostModel(serialSeconds: 3),
        CostModel(parallelSeconds: 50_000, perTaskSeconds: 0.002),
    ])
    func exactRecovery(model: CostModel) throws {
        let fit = try CostFit(samples: samples(model, at: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096]))
        for term in CostTerm.allCases {
            let scale = max(model.coefficient(term), 1e-9 * (model.parallelSeconds + model.serialSeconds + model.perTaskSeconds))
            #expect(abs(fit.model.coefficient(term) - model.coefficient(term)) <= 1e-6 * scale, "\(term): \(fit.model) vs \(model)")
        }
        #expect(fit.terms == CostTerm.allCases)
        #expect(fit.rSquared > 1 - 1e-9)
        #expect(fit.largestRelativeResidual < 1e-9)
        #expect(fit.warnings.isEmpty)
    }

    @Test("noisy data: coefficients stay non-negative and the curve stays within the noise")
    func noise() throws {
        var generator = SeededGenerator(seed: 11)
        let truth = CostModel(parallelSeconds: 800, serialSeconds: 4, perTaskSeconds: 0.05)
        var noisy = [CostSample]()
        for n in [1, 2, 4, 8, 16, 32, 64, 128] {
            for _ in 0 ..< 3 {
                noisy.append(CostSample(tasks: n, secondsPerDay: truth.secondsPerDay(tasks: n) * Double.random(in: 0.97 ... 1.03, using: &generator)))
            }
        }
        let fit = try CostFit(samples: noisy)
        #expect(fit.model.parallelSeconds >= 0 && fit.model.serialSeconds >= 0 && fit.model.perTaskSeconds >= 0)
        for n in 1 ... 128 { #expect(close(fit.model.secondsPerDay(tasks: n), truth.secondsPerDay(tasks: n), 0.04), "n = \(n)") }
        #expect(fit.largestRelativeResidual < 0.07)
        #expect(fit.rSquared > 0.99)
        #expect(fit.warnings.isEmpty)
    }

    @Test("speed-up that gets worse than serial: the fit keeps a, b, c ≥ 0 (exact NNLS picks the best support)")
    func nonNegative() throws {
        // Unconstrained, b would be negative (times fall faster than 1/n between 1 and 2 tasks).
        let data = [CostSample(tasks: 1, secondsPerDay: 100), CostSample(tasks: 2, secondsPerDay: 40), CostSample(tasks: 4, secondsPerDay: 22),
                    CostSample(tasks: 8, secondsPerDay: 12)]
        let fit = try CostFit(samples: data)
        #expect(fit.model.parallelSeconds > 0 && fit.model.serialSeconds >= 0 && fit.model.perTaskSeconds >= 0)
        // No other non-negative model of a/n + b + c·n does better: check a grid around the fit.
        func loss(_ m: CostModel) -> Double {
            data.reduce(0) { $0 + pow((m.secondsPerDay(tasks: $1.tasks) - $1.secondsPerDay) / $1.secondsPerDay, 2) }
        }
        let best = loss(fit.model)
        for da in stride(from: -2.0, through: 2, by: 0.5) {
            for db in stride(from: -1.0, through: 1, by: 0.25) {
                for dc in stride(from: -0.05, through: 0.05, by: 0.025) {
                    let a = fit.model.parallelSeconds + da, b = fit.model.serialSeconds + db, c = fit.model.perTaskSeconds + dc
                    guard a >= 0, b >= 0, c >= 0 else { continue }
                    #expect(loss(CostModel(parallelSeconds: a, serialSeconds: b, perTaskSeconds: c)) >= best - 1e-12)
                }
            }
        }
    }

    @Test("two task counts: a/n + b only, and the report says so")
    func twoCounts() throws {
        let fit = try CostFit(samples: samples(CostModel(parallelSeconds: 60, serialSeconds: 2), at: [1, 2]))
        #expect(fit.terms == [.parallel, .serial])
        #expect(close(fit.model.parallelSeconds, 60, 1e-9) && close(fit.model.serialSeconds, 2, 1e-9) && fit.model.perTaskSeconds == 0)
        #expect(fit.warnings.count == 1 && fit.warnings[0].contains("without the c·n term"))
        #expect(fit.summary.contains("warning: only two task counts measured (1, 2)"))
    }

    @Test("one task count: a constant, and the report says so")
    func oneCount() throws {
        let fit = try CostFit(samples: [CostSample(tasks: 16, secondsPerDay: 10), CostSample(tasks: 16, secondsPerDay: 10.4)])
        #expect(fit.terms == [.serial])
        #expect(fit.model.parallelSeconds == 0 && fit.model.perTaskSeconds == 0)
        #expect(fit.model.serialSeconds > 10 && fit.model.serialSeconds < 10.4)
        #expect(fit.warnings.count == 1 && fit.warnings[0].contains("constant"))
    }

    @Test("noisy repeats and a poor fit are reported")
    func warnings() throws {
        let noisy = try CostFit(samples: [CostSample(tasks: 1, secondsPerDay: 100), CostSample(tasks: 1, secondsPerDay: 130),
                                          CostSample(tasks: 2, secondsPerDay: 50), CostSample(tasks: 4, secondsPerDay: 25)])
        #expect(noisy.warnings.contains { $0.contains("noisy measurements: the 2 runs on 1 task differ by 26.1%") })
        // Times that zigzag no convex model can follow.
        let zigzag = try CostFit(samples: [CostSample(tasks: 1, secondsPerDay: 10), CostSample(tasks: 2, secondsPerDay: 1),
                                           CostSample(tasks: 4, secondsPerDay: 10), CostSample(tasks: 8, secondsPerDay: 1)])
        #expect(zigzag.warnings.contains { $0.hasPrefix("poor fit") })
        #expect(zigzag.rSquared < 0.9)
    }

    @Test("measurements that cannot be fitted are refused")
    func errors() {
        #expect(throws: CostFitError.self) { try CostFit(samples: []) }
        #expect(throws: CostFitError.self) { try CostFit(samples: [CostSample(tasks: 0, secondsPerDay: 1)]) }
        #expect(throws: CostFitError.self) { try CostFit(samples: [CostSample(tasks: 1, secondsPerDay: 0)]) }
        #expect(throws: CostFitError.self) { try CostFit(samples: [CostSample(tasks: 1, secondsPerDay: .nan)]) }
    }

    @Test("the model is convex in the task count and its formula names its terms")
    func modelBasics() {
        let model = CostModel(parallelSeconds: 120, serialSeconds: 3.1, perTaskSeconds: 0.0021)
        #expect(model.formula == "T(n) = 120/n + 3.1 + 0.0021·n s/day")
        #expect(CostModel.zero.formula == "T(n) = 0 s/day")
        let values = (1 ... 500).map { model.secondsPerDay(tasks: $0) }
        for i in 1 ..< values.count - 1 { #expect(values[i + 1] - 2 * values[i] + values[i - 1] >= -1e-12) }
    }
}
