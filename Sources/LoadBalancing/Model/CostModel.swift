/// A component's cost, wall-clock seconds per simulated day, as a function of its MPI task
/// count `n` (its threads per task held fixed):
///
///     T(n) = a/n + b + c·n      with a, b, c ≥ 0
///
/// - `a/n` is work divided perfectly among the tasks (the grid points each task owns);
/// - `b` is the serial part that no task count removes (Amdahl's law: set-up per step,
///   work done on one task, load imbalance that does not shrink);
/// - `c·n` is cost that grows with the tasks: messages, collectives and reductions whose
///   number or latency rises with the communicator size.
///
/// With non-negative coefficients `T` is convex for n > 0 (a/n and c·n are convex, b is
/// constant): it falls, reaches its least value near `n = √(a/c)`, then rises. Convexity is
/// what lets the layout search be exact with a cheap search (see `LayoutSearch`). CESM's
/// load-balancing tool fitted a convex model of the same kind to its test runs; three
/// coefficients are few enough to fit from a handful of short runs.
public struct CostModel: Sendable, Hashable, Codable {
    /// `a`: seconds per simulated day of perfectly parallel work (its cost on one task).
    public var parallelSeconds: Double
    /// `b`: seconds per simulated day that do not shrink with more tasks.
    public var serialSeconds: Double
    /// `c`: seconds per simulated day added by each task.
    public var perTaskSeconds: Double

    /// The model `T(n) = a/n + b + c·n` with the given coefficients (each ≥ 0; 0 by default).
    public init(parallelSeconds: Double = 0, serialSeconds: Double = 0, perTaskSeconds: Double = 0) {
        precondition(parallelSeconds >= 0 && serialSeconds >= 0 && perTaskSeconds >= 0, "cost coefficients are never negative")
        self.parallelSeconds = parallelSeconds
        self.serialSeconds = serialSeconds
        self.perTaskSeconds = perTaskSeconds
    }

    /// A component that costs nothing (an absent, stub model).
    public static let zero = CostModel()

    /// Predicted wall-clock seconds per simulated day on `tasks` tasks (`tasks` ≥ 1).
    public func secondsPerDay(tasks: Int) -> Double {
        secondsPerDay(atTasks: Double(tasks))
    }

    /// The model between whole task counts, for drawing its curve.
    func secondsPerDay(atTasks n: Double) -> Double {
        parallelSeconds / n + serialSeconds + perTaskSeconds * n
    }

    /// The coefficient of `term`.
    public func coefficient(_ term: CostTerm) -> Double {
        switch term {
        case .parallel: parallelSeconds
        case .serial: serialSeconds
        case .perTask: perTaskSeconds
        }
    }

    /// The model with the given coefficient per term (terms not listed are 0).
    init(coefficients: [CostTerm: Double]) {
        self.init(parallelSeconds: coefficients[.parallel] ?? 0, serialSeconds: coefficients[.serial] ?? 0,
                  perTaskSeconds: coefficients[.perTask] ?? 0)
    }

    /// The formula with its coefficients, e.g. `T(n) = 120/n + 3.1 + 0.0021·n s/day`; zero terms
    /// are left out.
    public var formula: String {
        var parts = [String]()
        if parallelSeconds > 0 { parts.append("\(shortNumber(parallelSeconds))/n") }
        if serialSeconds > 0 { parts.append(shortNumber(serialSeconds)) }
        if perTaskSeconds > 0 { parts.append("\(shortNumber(perTaskSeconds))·n") }
        return "T(n) = \(parts.isEmpty ? "0" : parts.joined(separator: " + ")) s/day"
    }
}
