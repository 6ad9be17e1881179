import Coupling
import TimeManager

/// The coupler's time-averaged history (`histavg_option`): the sums of its history bundles over
/// the averaging period, the file of their means, and the sums' place in the restart set.
extension CouplerState {
    /// Adds the history bundles `histavg_*` selects, as they are at the end of the step that
    /// began at `stepStart`, to the period's sums.
    func accumulateHistory(stepStart: ModelTime) {
        guard historyAverage != nil else { return }
        timers.time("cpl accumulate history") { historyAverage!.add(historyEntries(), stepStart: stepStart) }
    }

    /// Writes the period's means to `path` (collective over the coupler's ranks), with time
    /// bounds from the period's first step to `end` in days since `origin`, and starts a new
    /// period.
    func writeAveragedHistory(path: String, caseName: String, origin: ModelTime, units: String, calendar: String, end: ModelTime) throws {
        guard let average = historyAverage else { return }
        func days(_ time: ModelTime) -> Double { Double(time - origin) / 86_400 }
        let start = days(average.periodStart ?? end), finish = days(end)
        let time = HistoryTime(days: (start + finish) / 2, units: units, calendar: calendar, bounds: (start, finish))
        let bundles = average.means.map {
            HistoryBundle(name: $0.name, gridPrefix: $0.grid.rawValue, bundle: $0.values, extraDescriptions: SurfaceFractions.descriptions)
        }
        try HistoryFile.write(path: path, communicator: communicator, title: "coupled-driver coupler history, time means", caseName: caseName,
                              time: time, grids: historyGrids, bundles: bundles, table: table)
        historyAverage!.reset()
    }

    /// Adds the period's sums to a restart file: the period's start, each bundle's name, grid,
    /// fields, count and sums.
    func saveAveragedHistory(to writer: RestartWriter) {
        guard let average = historyAverage else { return }
        writer.addNumber("histavg_period_start", average.periodStart.map { Double($0.seconds) } ?? -1)
        guard !average.sums.isEmpty else { return }
        writer.addText("histavg_bundles", average.sums.map { "\($0.name):\($0.grid.rawValue)" }.joined(separator: " "))
        for sum in average.sums {
            guard let grid = domain(of: sum.grid) else { continue }
            writer.addNumber("histavg_\(sum.name)_count", Double(sum.count))
            writer.addText("histavg_\(sum.name)_fields", sum.values.fieldNames.joined(separator: " "))
            for field in sum.values.fieldNames { writer.addField("histavg_\(sum.name)_\(field)", sum.values.values(of: field), on: grid) }
        }
    }

    /// Restores the sums `saveAveragedHistory` wrote. A restart written without averaged history
    /// starts a new period at the restart time.
    func restoreAveragedHistory(from reader: RestartReader) throws {
        guard historyAverage != nil else { return }
        guard let start = try? reader.number("histavg_period_start") else {
            historyAverage!.reset()
            return
        }
        var sums = [HistoryAverage.Sum]()
        if start >= 0 {
            for item in try reader.text("histavg_bundles").split(separator: " ") {
                let parts = item.split(separator: ":").map(String.init)
                guard parts.count == 2, let gridName = CouplerGrid(rawValue: parts[1]), let grid = domain(of: gridName) else {
                    throw RestartError(path: reader.path, "text 'histavg_bundles' names '\(item)', not a bundle on one of the coupler's grids")
                }
                let name = parts[0]
                let fields = try reader.text("histavg_\(name)_fields").split(separator: " ").map(String.init)
                var values = FieldBundle(fields: fields, pointCount: grid.localSize)
                for field in fields { values.setValues(try reader.field("histavg_\(name)_\(field)", on: grid), of: field) }
                sums.append(HistoryAverage.Sum(name: name, grid: gridName, values: values, count: Int(try reader.number("histavg_\(name)_count"))))
            }
        }
        historyAverage!.restore(sums: sums, periodStart: start >= 0 ? ModelTime(seconds: Int64(start)) : nil)
    }
}
