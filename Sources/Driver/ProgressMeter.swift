import Coupling
import MPI
#if canImport(Glibc)
import Glibc
#endif

/// Writes the progress line to `cpl.log` each time the model crosses a day boundary:
/// model date, wall-clock date, seconds per simulated day and simulated years per day
/// over the last day.
struct ProgressMeter {
    private var lastWallTime: Double
    private var lastModelTime: ModelTime
    private var lastDay: (Int, Int, Int)

    init(clock: ModelClock) {
        lastWallTime = MPIRuntime.wallTime()
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
        return "model date \(date)  wall clock \(wallClockDate())  \(format(secondsPerDay, 3)) s per simulated day  "
            + "\(format(yearsPerDay, 2)) simulated years per day"
    }
}

/// The local wall-clock date and time, `YYYY-MM-DD hh:mm:ss`.
func wallClockDate() -> String {
    var now = time(nil)
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
