import Coupling
import MPI
import TimeManager
#if canImport(Glibc)
import Glibc
#endif

/// Writes the progress line to `cpl.log` each time the model crosses a day boundary:
/// model date, wall-clock date, seconds per simulated day and simulated years per day
/// over the last day, and when the run will end at the speed of the run so far.
struct ProgressMeter {
    private let startWallTime: Double
    private let startModelTime: ModelTime
    private let stopTime: ModelTime
    private var lastWallTime: Double
    private var lastModelTime: ModelTime
    private var lastDay: (Int, Int, Int)

    init(clock: ModelClock) {
        startWallTime = MPIRuntime.wallTime()
        startModelTime = clock.currentTime
        stopTime = clock.stopTime
        lastWallTime = startWallTime
        lastModelTime = clock.currentTime
        let date = clock.currentDate
        lastDay = (date.year, date.month, date.day)
    }

    /// The progress line if `clock` has just entered a new day, else `nil`.
    mutating func lineIfNewDay(clock: ModelClock) -> String? {
        let date = clock.currentDate
        guard (date.year, date.month, date.day) != lastDay else { return nil }
        let now = MPIRuntime.wallTime()
        let simulatedDays = Double(clock.currentTime - lastModelTime) / 86_400
        let secondsPerDay = (now - lastWallTime) / simulatedDays
        let yearsPerDay = secondsPerDay > 0 ? 86_400 / secondsPerDay / 365 : .infinity
        lastWallTime = now
        lastModelTime = clock.currentTime
        lastDay = (date.year, date.month, date.day)
        let done = Double(clock.currentTime - startModelTime), left = Double(stopTime - clock.currentTime)
        let remaining = done > 0 ? (now - startWallTime) * left / done : 0
        return CouplerLogLines.progress + "\(date)  wall clock \(wallClockDate())  \(format(secondsPerDay, 3)) s per simulated day  "
            + "\(format(yearsPerDay, 2)) simulated years per day  done in \(duration(remaining)) (at \(wallClockDate(after: remaining)))"
    }
}

/// A duration as `1 h 02 min`, `3 min 05 s` or `12 s`.
func duration(_ seconds: Double) -> String {
    let whole = Int(seconds.rounded())
    if whole >= 3600 { return "\(whole / 3600) h \(twoDigits(whole % 3600 / 60)) min" }
    if whole >= 60 { return "\(whole / 60) min \(twoDigits(whole % 60)) s" }
    return "\(whole) s"
}

private func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

/// The local wall-clock date and time `seconds` from now, `YYYY-MM-DD hh:mm:ss`.
func wallClockDate(after seconds: Double = 0) -> String {
    var now = time(nil) + Int(seconds.rounded())
    var parts = tm()
    localtime_r(&now, &parts)
    var buffer = [CChar](repeating: 0, count: 32)
    let length = strftime(&buffer, buffer.count, "%Y-%m-%d %H:%M:%S", &parts)
    return String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

/// `value` with `digits` decimals.
func format(_ value: Double, _ digits: Int) -> String {
    guard value.isFinite else { return "\(value)" }
    var scale = 1.0
    for _ in 0 ..< digits { scale *= 10 }
    let rounded = (value * scale).rounded() / scale
    var text = "\(rounded)"
    if let dot = text.firstIndex(of: ".") {
        let decimals = text.distance(from: dot, to: text.endIndex) - 1
        if decimals < digits { text += String(repeating: "0", count: digits - decimals) }
    }
    return text
}
