/// How long the hang watchdog lets a stretch of the run (initialisation, the coupler's set-up,
/// a driver step with its history and restart writes, finalisation) last before it ends the job.
public enum HangTimeout: Sendable, Equatable {
    /// `hang_timeout` not set: a fixed bound while the run starts (`startupSeconds`), then
    /// `stepFactor` times the slowest driver step seen so far, at least `minimumSeconds`.
    case automatic
    /// `hang_timeout = 0`: no watchdog.
    case off
    /// `hang_timeout = S`: every stretch may take `S` seconds.
    case fixed(seconds: Double)

    /// The bound on initialisation and coupler set-up, and on anything before the first step ends.
    public static let startupSeconds = 1_800.0
    /// How many times the slowest step so far a stretch may take.
    public static let stepFactor = 20.0
    /// The least time a stretch after the first step may take.
    public static let minimumSeconds = 120.0

    /// The setting for `hang_timeout`'s value (negative: unset).
    init(namelistValue seconds: Double) {
        self = seconds < 0 ? .automatic : seconds == 0 ? .off : .fixed(seconds: seconds)
    }

    /// The limit in seconds for a stretch of the start-up (`duringStartup`) or after it, given
    /// the slowest driver step so far (0 before any).
    public func seconds(duringStartup: Bool, slowestStep: Double) -> Double {
        switch self {
        case .off: return .infinity
        case .fixed(let seconds): return seconds
        case .automatic:
            if duringStartup || slowestStep == 0 { return Self.startupSeconds }
            return max(Self.minimumSeconds, Self.stepFactor * slowestStep)
        }
    }

    /// How the limit is set, for reports: `hang_timeout = 600 s` or `the automatic limit (...)`.
    func describe(limit: Double) -> String {
        switch self {
        case .fixed: return "hang_timeout = \(limit) s"
        case .automatic, .off: return "the watchdog's automatic limit of \(limit) s (set hang_timeout to change it, 0 to turn it off)"
        }
    }
}
