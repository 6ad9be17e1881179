import Foundation

/// Where an ensemble draws a perturbed parameter from, as written after `--perturb KEY=`:
/// `uniform(LOW,HIGH)`, `normal(MEAN,SD)`, `lognormal(MU,SIGMA)` (the exponential of a normal
/// value of mean MU and standard deviation SIGMA, as numpy's `lognormal`) or `list(V1,V2,...)`
/// (one of the namelist values listed, each as likely).
public enum ParameterDistribution: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Uniform on [low, high).
    case uniform(low: Double, high: Double)
    /// Normal of this mean and standard deviation.
    case normal(mean: Double, standardDeviation: Double)
    /// The exponential of a normal value of mean `mu` and standard deviation `sigma`.
    case logNormal(mu: Double, sigma: Double)
    /// One of these namelist values, each as likely.
    case list([String])

    /// Reads a distribution as written on the command line; the error says what is accepted.
    public init(parsing text: String) throws(EnsembleError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let open = trimmed.firstIndex(of: "("), trimmed.hasSuffix(")") else {
            throw .invalidSetting("'\(text)' is not a distribution: write uniform(LOW,HIGH), normal(MEAN,SD), lognormal(MU,SIGMA) or list(V1,V2,...)")
        }
        let name = trimmed[..<open].lowercased()
        let arguments = NamelistValues.split(String(trimmed[trimmed.index(after: open) ..< trimmed.index(before: trimmed.endIndex)]))
        func numbers(_ count: Int, _ form: String) throws(EnsembleError) -> [Double] {
            let values = arguments.compactMap { Double($0) }
            guard arguments.count == count, values.count == count, values.allSatisfy(\.isFinite) else {
                throw .invalidSetting("'\(text)': write \(form) with finite numbers")
            }
            return values
        }
        switch name {
        case "uniform":
            let v = try numbers(2, "uniform(LOW,HIGH)")
            guard v[0] < v[1] else { throw .invalidSetting("'\(text)': LOW must be less than HIGH") }
            self = .uniform(low: v[0], high: v[1])
        case "normal":
            let v = try numbers(2, "normal(MEAN,SD)")
            guard v[1] >= 0 else { throw .invalidSetting("'\(text)': the standard deviation must not be negative") }
            self = .normal(mean: v[0], standardDeviation: v[1])
        case "lognormal":
            let v = try numbers(2, "lognormal(MU,SIGMA)")
            guard v[1] >= 0 else { throw .invalidSetting("'\(text)': SIGMA must not be negative") }
            self = .logNormal(mu: v[0], sigma: v[1])
        case "list":
            guard !arguments.isEmpty, !arguments.contains(where: \.isEmpty) else {
                throw .invalidSetting("'\(text)': list(V1,V2,...) needs at least one value, and no empty one")
            }
            self = .list(arguments)
        default:
            throw .invalidSetting("'\(text)': unknown distribution '\(name)'; the distributions are uniform, normal, lognormal and list")
        }
    }

    /// One draw, written as a namelist value: a number in its shortest exact form, or the
    /// listed value as given.
    public func sample(using generator: inout SeededGenerator) -> String {
        switch self {
        case .uniform(let low, let high):
            return Self.literal(low + (high - low) * generator.nextUnit())
        case .normal(let mean, let deviation):
            return Self.literal(mean + deviation * Self.standardNormal(&generator))
        case .logNormal(let mu, let sigma):
            return Self.literal(exp(mu + sigma * Self.standardNormal(&generator)))
        case .list(let values):
            return values[Int(generator.next() % UInt64(values.count))]
        }
    }

    /// As written on the command line.
    public var description: String {
        switch self {
        case .uniform(let low, let high): "uniform(\(Self.literal(low)),\(Self.literal(high)))"
        case .normal(let mean, let deviation): "normal(\(Self.literal(mean)),\(Self.literal(deviation)))"
        case .logNormal(let mu, let sigma): "lognormal(\(Self.literal(mu)),\(Self.literal(sigma)))"
        case .list(let values): "list(\(values.joined(separator: ",")))"
        }
    }

    /// A number as a namelist value that reads back to the same bits (`0.30000000000000004`, `1e-05`).
    static func literal(_ value: Double) -> String { "\(value)" }

    /// A standard normal number (Box-Muller, from two uniform draws).
    private static func standardNormal(_ generator: inout SeededGenerator) -> Double {
        let u1 = 1 - generator.nextUnit(), u2 = generator.nextUnit()  // u1 in (0, 1]: its logarithm is finite
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }
}
