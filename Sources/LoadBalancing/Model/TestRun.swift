import Coupling

/// One short test run of the load balancer's plan: a job of `ranks` MPI ranks in which every
/// component starts at rank 0 (a fully sequential layout), so no two components ever compete for
/// a core and each component's run timer measures its own cost at its task count.
public struct TestRun: Sendable, Hashable {
    /// The job's MPI rank count: the most tasks any component uses in this run.
    public let ranks: Int
    /// Where each component runs: `tasks(of:)` tasks from rank 0, stride 1, the namelist's threads.
    public let layout: ProcessorLayout

    /// A test run of `ranks` ranks with the given layout.
    public init(ranks: Int, layout: ProcessorLayout) {
        self.ranks = ranks
        self.layout = layout
    }

    /// The task count of component `kind` in this run.
    public func tasks(of kind: ComponentKind) -> Int { layout[kind].ntasks }
}
