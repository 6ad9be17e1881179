import Coupling
import TimeManager

/// One per-point quantity of a model's state that goes in its restart file: a field over the
/// grid named `name`, read from and written to `value` of each point's state.
struct RestartVariable<State> {
    /// The field's name in the file.
    let name: String
    /// Its `long_name` attribute.
    let longName: String
    /// Its `units` attribute.
    let units: String
    /// Where the value is in a point's state.
    let value: WritableKeyPath<State, Double>

    init(_ name: String, _ longName: String, _ units: String, _ value: WritableKeyPath<State, Double>) {
        self.name = name
        self.longName = longName
        self.units = units
        self.value = value
    }

    /// This variable, for a state that holds the state it belongs to at `part`.
    func within<Whole>(_ part: WritableKeyPath<Whole, State>) -> RestartVariable<Whole> {
        RestartVariable<Whole>(name, longName, units, part.appending(path: value))
    }
}

extension RestartWriter {
    /// Saves `model` as the text `model`, which `RestartReader.checkModel` compares on reading.
    func addModel(_ model: String) {
        addText("model", model)
    }

    /// Saves every variable of `variables` over the points `states` (one per local point).
    func addFields<State>(_ variables: [RestartVariable<State>], of states: [State]) {
        for variable in variables {
            addField(variable.name, states.map { $0[keyPath: variable.value] }, longName: variable.longName, units: variable.units)
        }
    }
}

extension Array {
    /// The variables' values over the points `states`, for the model's history file.
    func historyVariables<State>(of states: [State]) -> [HistoryVariable] where Element == RestartVariable<State> {
        map { variable in
            HistoryVariable(name: variable.name, longName: variable.longName, units: variable.units,
                            values: states.map { $0[keyPath: variable.value] })
        }
    }
}

extension RestartReader {
    /// Checks that the file was written by `model` (as `RestartWriter.addModel` saved it) for
    /// the points of `domain`, the domain of the model reading it.
    func checkModel(_ model: String, domain: Domain) throws(RestartError) {
        guard let written = try? text("model") else {
            throw RestartError(path: path, "names no model: it was not written by the \(model), which cannot continue from it")
        }
        guard written == model else {
            throw RestartError(path: path, "was written by the \(written), not by the \(model), which cannot continue from it")
        }
        guard self.domain.decomposition == domain.decomposition else {
            throw RestartError(path: path, "is read for \(self.domain.localSize) points of \(self.domain.grid), "
                + "but the \(model) has \(domain.localSize) points of \(domain.grid) on this task")
        }
    }

    /// Reads every variable of `variables` into a copy of `states` (one per local point) and
    /// returns it; `states` is unchanged if a field is missing. Collective: every task reads the
    /// same fields in the same order.
    func readFields<State>(_ variables: [RestartVariable<State>], into states: [State]) throws(RestartError) -> [State] {
        var restored = states
        for variable in variables {
            let values = try field(variable.name)
            guard values.count == restored.count else {
                throw RestartError(path: path, "field '\(variable.name)' has \(values.count) values for \(restored.count) points")
            }
            for point in restored.indices { restored[point][keyPath: variable.value] = values[point] }
        }
        return restored
    }

    /// The model time saved as number `name` (whole seconds).
    func time(_ name: String) throws(RestartError) -> ModelTime {
        let seconds = try number(name)
        guard seconds == seconds.rounded(), abs(seconds) < 9.0e15 else {
            throw RestartError(path: path, "number '\(name)' = \(seconds) is not a model time in whole seconds")
        }
        return ModelTime(seconds: Int64(seconds))
    }
}
