import Coupling

/// The short test runs that measure each component's cost at several task counts.
///
/// Each component is measured at a list of task counts, its *sizes*: by default the ladder
/// 1, 2, 4, 8, ... up to the total task count N, with N itself always included (so at least 3
/// distinct sizes whenever N ≥ 3); the user may give a component its own list
/// (`atm=4,8,16`), e.g. when a large model does not fit on few tasks.
///
/// The plan has one run per size s in the union of all lists, in increasing order. In run s
/// each component uses the largest of its own sizes that is not above s, or its smallest
/// size when all of them are above s: every component is measured at every one of its sizes,
/// never at a size it was not given, and a size it lacks repeats a neighbouring measurement
/// (repeats show how noisy the timings are). Every component starts at rank 0 with stride 1,
/// so the run is fully sequential and each run timer measures one component alone; the job
/// has as many ranks as the largest component in it. Runs that would be identical are made
/// once. Threads per task are those of the namelist. Only the components the namelist lays out
/// are placed. Absent (stub) components among them are not measured; they sit on rank 0 with
/// 1 task and cost nothing. The coupler (`cpl`) is measured like a model component.
public struct TestRunPlan: Sendable {
    /// The total task count N the layout is sought for: no run is larger.
    public let totalTasks: Int
    /// The task counts each measured component is measured at, ascending.
    public let sizes: [ComponentKind: [Int]]
    /// The runs, smallest first.
    public let runs: [TestRun]

    /// The default sizes for N tasks: 1, 2, 4, ... below N, then N.
    public static func defaultSizes(totalTasks: Int) -> [Int] {
        var sizes = [Int]()
        var size = 1
        while size < totalTasks {
            sizes.append(size)
            size *= 2
        }
        return sizes + [totalTasks]
    }

    /// Plans the test runs for `totalTasks` ranks.
    /// - Parameters:
    ///   - components: the components laid out (the coupler is always added).
    ///   - absent: model components that are stubs (never the coupler).
    ///   - requestedSizes: the user's sizes per component, overriding the default ladder.
    ///   - threads: threads per task of each component, from the namelist (1 when missing).
    public init(totalTasks: Int, components: [ComponentKind], absent: Set<ComponentKind> = [], requestedSizes: [ComponentKind: [Int]] = [:],
                threads: [ComponentKind: Int] = [:]) throws(TestRunPlanError) {
        guard totalTasks >= 1 else { throw TestRunPlanError("the total task count is \(totalTasks); at least 1 is needed") }
        guard !absent.contains(.cpl) else { throw TestRunPlanError("the coupler is always present") }
        let placed = ComponentKind.all.filter { $0 == .cpl || components.contains($0) }
        for (kind, list) in requestedSizes.sorted(by: { $0.key < $1.key }) {
            if !placed.contains(kind) {
                throw TestRunPlanError("\(kind) is not laid out (a stub that &cime_pes does not place), so it takes no sizes")
            }
            if absent.contains(kind) {
                throw TestRunPlanError("\(kind) is absent (a stub): it has no cost to measure, so it takes no sizes")
            }
            if list.isEmpty { throw TestRunPlanError("the sizes for \(kind) are empty") }
            if let bad = list.first(where: { !(1 ... totalTasks).contains($0) }) {
                throw TestRunPlanError("\(kind) size \(bad) is outside 1-\(totalTasks) (the total task count)")
            }
        }
        for (kind, count) in threads where count < 1 {
            throw TestRunPlanError("\(kind) has \(count) threads per task; at least 1 is needed")
        }
        self.totalTasks = totalTasks
        let measured = placed.filter { !absent.contains($0) }
        var sizes = [ComponentKind: [Int]]()
        for kind in measured {
            sizes[kind] = Set(requestedSizes[kind] ?? Self.defaultSizes(totalTasks: totalTasks)).sorted()
        }
        self.sizes = sizes

        var runs = [TestRun]()
        for s in Set(sizes.values.joined()).sorted() {
            var sets = [ComponentKind: ProcessorSet]()
            for kind in placed {
                let own = sizes[kind] ?? [1]
                let tasks = own.last(where: { $0 <= s }) ?? own[0]
                sets[kind] = ProcessorSet(ntasks: tasks, nthreads: threads[kind] ?? 1, rootRank: 0, stride: 1)
            }
            let run = TestRun(ranks: sets.values.map(\.ntasks).max()!, layout: ProcessorLayout(sets: sets))
            if !runs.contains(run) { runs.append(run) }
        }
        self.runs = runs
    }
}
