/// A cost model fitted to one component's measurements, with how well it fits.
///
/// The fit minimises the sum of squared *relative* errors, Σ ((T(nᵢ) − tᵢ) / tᵢ)², over
/// a, b, c ≥ 0 (non-negative least squares, solved exactly). Relative errors make a 2 s/day
/// measurement on many tasks count as much as a 200 s/day one on a single task; plain squared
/// errors would let the slow small runs decide the whole curve.
///
/// The model has as many terms as the distinct task counts allow: three or more counts fit
/// all of `a/n + b + c·n`; two fit `a/n + b` (no growing term can be told apart); one fits the
/// constant `b` alone (no scaling is assumed). Dropped terms are named in `warnings`.
///
/// Quality: `rSquared` is the share of the measurements' relative spread the model explains
/// (each measurement weighted by 1/t², as in the fit); `largestRelativeResidual` is the worst
/// |T(nᵢ) − tᵢ| / tᵢ. A warning is given when the largest residual exceeds
/// `poorFitResidual`, when R² is below `poorFitRSquared` although the model had spare
/// measurements, and when repeated measurements at one task count differ by more than
/// `noisySpread`.
public struct CostFit: Sendable {
    /// The measurements, as given.
    public let samples: [CostSample]
    /// The fitted model.
    public let model: CostModel
    /// The terms the fit could use (the others are 0 because too few task counts were measured).
    public let terms: [CostTerm]
    /// 1 − (weighted residual sum of squares) / (weighted total sum of squares); 1 is a perfect fit.
    public let rSquared: Double
    /// The largest |T(nᵢ) − tᵢ| / tᵢ over the measurements.
    public let largestRelativeResidual: Double
    /// What a reader of the report should know: dropped terms, a poor fit, noisy measurements.
    public let warnings: [String]

    /// A largest relative residual above this (15%) makes the fit poor.
    public static let poorFitResidual = 0.15
    /// An R² below this (0.9), with more task counts than terms, makes the fit poor.
    public static let poorFitRSquared = 0.9
    /// Repeated measurements at one task count differing by more than this (10% of their mean)
    /// are noisy.
    public static let noisySpread = 0.10

    /// Fits `T(n) = a/n + b + c·n` to `samples` (at least one; task counts ≥ 1; times > 0 and finite).
    public init(samples: [CostSample]) throws(CostFitError) {
        guard !samples.isEmpty else { throw CostFitError("no measurements to fit") }
        for s in samples {
            guard s.tasks >= 1 else { throw CostFitError("a measurement on \(s.tasks) tasks: a run needs at least 1 task") }
            guard s.secondsPerDay.isFinite, s.secondsPerDay > 0 else {
                throw CostFitError("a measurement of \(s.secondsPerDay) s/day on \(s.tasks) tasks: times must be positive and finite")
            }
        }
        self.samples = samples
        let counts = Set(samples.map(\.tasks)).sorted()
        let terms: [CostTerm] = counts.count >= 3 ? [.parallel, .serial, .perTask] : counts.count == 2 ? [.parallel, .serial] : [.serial]
        self.terms = terms

        // Relative errors: divide each equation T(nᵢ) = tᵢ by tᵢ, so the target is 1.
        let columns = terms.map { term in
            samples.map { s -> Double in
                let n = Double(s.tasks)
                switch term {
                case .parallel: return 1 / (n * s.secondsPerDay)
                case .serial: return 1 / s.secondsPerDay
                case .perTask: return n / s.secondsPerDay
                }
            }
        }
        let solution = NonNegativeLeastSquares(columns: columns, target: [Double](repeating: 1, count: samples.count)).solve()
        let model = CostModel(coefficients: Dictionary(uniqueKeysWithValues: zip(terms, solution.coefficients.map { max($0, 0) })))
        self.model = model

        let relative = samples.map { (model.secondsPerDay(tasks: $0.tasks) - $0.secondsPerDay) / $0.secondsPerDay }
        largestRelativeResidual = relative.map(abs).max() ?? 0
        let weights = samples.map { 1 / ($0.secondsPerDay * $0.secondsPerDay) }
        let mean = zip(weights, samples).reduce(0) { $0 + $1.0 * $1.1.secondsPerDay } / weights.reduce(0, +)
        let total = zip(weights, samples).reduce(0) { $0 + $1.0 * ($1.1.secondsPerDay - mean) * ($1.1.secondsPerDay - mean) }
        let residual = relative.reduce(0) { $0 + $1 * $1 }
        // All measurements equal (to rounding): nothing to explain, and a perfect fit explains it.
        rSquared = total > 1e-20 * Double(samples.count) ? 1 - residual / total : (residual <= 1e-20 * Double(samples.count) ? 1 : 0)

        var warnings = [String]()
        let countList = counts.map(String.init).joined(separator: ", ")
        switch counts.count {
        case 1:
            warnings.append("only one task count measured (\(countList)): the cost is taken as constant, b alone; "
                + "measure at 3 or more task counts to see how it scales")
        case 2:
            warnings.append("only two task counts measured (\(countList)): fitted a/n + b without the c·n term; "
                + "measure at 3 or more task counts to see communication costs grow")
        default:
            break
        }
        if largestRelativeResidual > Self.poorFitResidual {
            warnings.append("poor fit: a measurement is \(percent(largestRelativeResidual)) away from the model")
        } else if counts.count > terms.count, rSquared < Self.poorFitRSquared {
            warnings.append("poor fit: R² = \(fixed(rSquared, 3))")
        }
        for n in counts {
            let times = samples.filter { $0.tasks == n }.map(\.secondsPerDay)
            guard times.count >= 2 else { continue }
            let spread = (times.max()! - times.min()!) / (times.reduce(0, +) / Double(times.count))
            if spread > Self.noisySpread {
                warnings.append("noisy measurements: the \(times.count) runs on \(n) task\(n == 1 ? "" : "s") differ by \(percent(spread)) "
                    + "(longer test runs or a quieter machine give steadier timings)")
            }
        }
        self.warnings = warnings
    }

    /// One paragraph for the report: the formula, the fit quality, then each warning on its own line.
    public var summary: String {
        let counts = Set(samples.map(\.tasks)).count
        var lines = ["\(model.formula); R² \(fixed(rSquared, 4)), largest relative residual \(percent(largestRelativeResidual)), "
            + "\(samples.count) measurement\(samples.count == 1 ? "" : "s") at \(counts) task count\(counts == 1 ? "" : "s")"]
        lines += warnings.map { "warning: " + $0 }
        return lines.joined(separator: "\n")
    }
}
