/// How a model component takes part in the coupling, which decides which events of the run
/// sequence it has.
public enum CouplingRole: String, Sendable, Hashable, CaseIterable, Codable {
    /// A stub (`'stub'` in `&components`): no grid, no exchanges, no run.
    case absent
    /// Imports nothing (the data atmosphere and data ocean): the coupler sends it nothing, so its
    /// run waits only for its own ranks; its exports still come back.
    case exportsOnly
    /// Receives inputs at the start of each coupling interval and sends exports at its end.
    case importsAndExports
}
