import Coupling
import TimeManager

extension CoupledRun {
    /// Writes the coupler's history file and each present component's (`CASE.<kind>.h.DATE.nc`:
    /// its imports `x2<kind>`, exports `<kind>2x` and own variables `state` on its grid), each
    /// collectively over its ranks, in global index order.
    func writeHistory() throws(RunFailure) {
        let date = "\(clock.currentDate)"
        let caseName = configuration.run.caseName
        let time = historyTime()
        for kind in ComponentKind.models {
            guard let instance = instances[kind], instance.setup.isPresent else { continue }
            let path = resolve(RunFileNames.history(caseName: caseName, kind: kind, date: clock.currentDate, instance: configuration.instance), against: runDirectory)
            watchdog?.doing("writing \(path) with the other ranks of \(kind.rawValue) (world ranks \(configuration.layout[kind].rankSummary))")
            try timers.time("\(kind.rawValue) history") { () throws(RunFailure) in
                try call(instance, phase: "history write") {
                    let variables = try instance.model.historyVariables(context: instance.context)
                    var state = FieldBundle(fields: variables.map(\.name), pointCount: instance.setup.domain.localSize)
                    var descriptions = [String: (longName: String, units: String)]()
                    for variable in variables {
                        guard variable.values.count == state.pointCount else {
                            throw HistoryVariableError(name: variable.name, count: variable.values.count, points: state.pointCount)
                        }
                        state.setValues(variable.values, of: variable.name)
                        descriptions[variable.name] = (variable.longName, variable.units)
                    }
                    let prefix = kind.rawValue
                    try HistoryFile.write(
                        path: path, communicator: instance.context.communicator,
                        title: "coupled-driver \(prefix) history (model '\(instance.context.modelName)')", caseName: caseName, time: time,
                        grids: [HistoryGrid(prefix: prefix, domain: instance.setup.domain)],
                        bundles: [HistoryBundle(name: "x2\(kind.letter)", gridPrefix: prefix, bundle: instance.imports),
                                  HistoryBundle(name: "\(kind.letter)2x", gridPrefix: prefix, bundle: instance.exports),
                                  HistoryBundle(name: "state", gridPrefix: prefix, bundle: state, extraDescriptions: descriptions)],
                        table: plan?.table ?? .standard)
                }
            }
        }
        if let coupler, coupler.isOnThisRank {
            let path = resolve(RunFileNames.history(caseName: caseName, kind: .cpl, date: clock.currentDate, instance: configuration.instance), against: runDirectory)
            watchdog?.doing("writing \(path) with the coupler's other ranks (world ranks \(configuration.layout[.cpl].rankSummary))")
            do {
                try coupler.writeHistory(path: path, caseName: caseName, time: time)
            } catch {
                throw RunFailure(what: "the coupler", phase: "history write", worldRank: groups.world.rank, modelTime: date, reason: "\(error)")
            }
        }
        couplerLog.write("wrote history files for \(date)")
    }

    /// Writes the coupler's time-averaged history file for the period ending now, named after
    /// the period (`CASE.cpl.ha.*`, see `RunFileNames.averagedHistory`; `lastStepStart` is the
    /// start of the period's last step), and starts a new period.
    func writeAveragedHistory(lastStepStart: ModelDate) throws(RunFailure) {
        guard let coupler, coupler.isOnThisRank else { return }
        let name = RunFileNames.averagedHistory(caseName: configuration.run.caseName, period: configuration.time.historyAverage.option,
                                                end: clock.currentDate, lastStepStart: lastStepStart, instance: configuration.instance)
        let path = resolve(name, against: runDirectory)
        watchdog?.doing("writing \(path) with the coupler's other ranks (world ranks \(configuration.layout[.cpl].rankSummary))")
        do {
            try coupler.writeAveragedHistory(path: path, caseName: configuration.run.caseName, origin: clock.startTime,
                                             units: historyTimeUnits, calendar: clock.calendar.cfName, end: clock.currentTime)
        } catch {
            throw RunFailure(what: "the coupler", phase: "averaged history write", worldRank: groups.world.rank,
                             modelTime: "\(clock.currentDate)", reason: "\(error)")
        }
        couplerLog.write("wrote \(name), the mean of the period ending \(clock.currentDate)")
    }

    /// The time coordinate of a history record: days since the start, CF units and calendar.
    private func historyTime() -> HistoryTime {
        HistoryTime(days: Double(clock.currentTime - clock.startTime) / 86_400, units: historyTimeUnits, calendar: clock.calendar.cfName)
    }

    /// The CF units of history files' time: days since the run's start date.
    private var historyTimeUnits: String { "days since \(clock.calendar.date(of: clock.startTime).humanReadable)" }
}

/// A model's history variable without one value per local point.
struct HistoryVariableError: Error, CustomStringConvertible {
    let name: String
    let count: Int
    let points: Int
    var description: String { "history variable '\(name)' has \(count) values for \(points) local points" }
}
