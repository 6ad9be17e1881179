/// The processor layout of a coupled run: one `ProcessorSet` per component it lays out.
///
/// The layout places the coupler and the components of the run; a component it does not lay
/// out (a stub that `&cime_pes` does not mention) has no ranks, no communicator and no log.
/// Validation (`problems(worldSize:)`) runs before any MPI group is made and reports
/// every problem at once. Components whose sets share a rank run one after another
/// on it (sequentially); components on disjoint sets run at the same time (concurrently).
public struct ProcessorLayout: Sendable, Hashable {
    /// The set of each component laid out; the coupler always has one.
    public private(set) var sets: [ComponentKind: ProcessorSet]

    /// A layout from `sets`, which must name a set for the coupler; components without a set
    /// are not laid out.
    public init(sets: [ComponentKind: ProcessorSet]) {
        precondition(sets[.cpl] != nil, "a layout needs a set for the coupler")
        self.sets = sets
    }

    /// `components` (every kind by default) on all `worldSize` ranks with one thread: CESM's
    /// default. The coupler is always laid out.
    public static func allOnAllRanks(worldSize: Int, components: [ComponentKind] = ComponentKind.all) -> ProcessorLayout {
        ProcessorLayout(sets: Dictionary((components + [.cpl]).map { ($0, ProcessorSet(ntasks: worldSize)) }, uniquingKeysWith: { first, _ in first }))
    }

    /// The components laid out, the coupler included, in `ComponentKind.all` order.
    public var components: [ComponentKind] { ComponentKind.all.filter { sets[$0] != nil } }

    /// The model components laid out (without the coupler), in `ComponentKind.all` order.
    public var models: [ComponentKind] { ComponentKind.models.filter { sets[$0] != nil } }

    /// Whether component `kind` is laid out (has ranks).
    public func isLaidOut(_ kind: ComponentKind) -> Bool { sets[kind] != nil }

    /// The processor set of component `kind`; an empty set (no tasks, no ranks) when it is not
    /// laid out. Setting it lays the component out.
    public subscript(kind: ComponentKind) -> ProcessorSet {
        get { sets[kind] ?? ProcessorSet(ntasks: 0) }
        set { sets[kind] = newValue }
    }

    /// Every problem that makes the layout impossible on `worldSize` ranks; empty when valid.
    public func problems(worldSize: Int) -> [LayoutProblem] {
        var problems = [LayoutProblem]()
        if worldSize < 1 { problems.append(LayoutProblem(component: nil, key: nil, message: "the job has \(worldSize) ranks; at least 1 is needed")) }
        for kind in components {
            let set = self[kind]
            let key = kind.rawValue
            if set.ntasks < 1 {
                problems.append(LayoutProblem(component: kind, key: "\(key)_ntasks", message: "\(key)_ntasks = \(set.ntasks): a component needs at least 1 task"))
            }
            if set.nthreads < 1 {
                problems.append(LayoutProblem(component: kind, key: "\(key)_nthreads", message: "\(key)_nthreads = \(set.nthreads): a task needs at least 1 thread"))
            }
            if set.stride < 1 {
                problems.append(LayoutProblem(component: kind, key: "\(key)_pestride", message: "\(key)_pestride = \(set.stride): the stride must be at least 1"))
            }
            if set.rootRank < 0 {
                problems.append(LayoutProblem(component: kind, key: "\(key)_rootpe", message: "\(key)_rootpe = \(set.rootRank): the root rank cannot be negative"))
            }
            if set.ntasks >= 1, set.stride >= 1, set.rootRank >= 0, set.lastRank >= worldSize {
                problems.append(LayoutProblem(component: kind, key: "\(key)_ntasks", message:
                    "\(key) needs ranks up to \(set.lastRank) (rootpe \(set.rootRank) + (ntasks \(set.ntasks) - 1) × stride \(set.stride)), "
                    + "but the job has \(worldSize) rank\(worldSize == 1 ? "" : "s") (0-\(worldSize - 1))"))
            }
        }
        return problems
    }

    /// Ranks in no component's set: they would sit idle for the whole run.
    public func idleRanks(worldSize: Int) -> [Int] {
        (0 ..< worldSize).filter { rank in components.allSatisfy { !self[$0].contains(rank: rank) } }
    }

    /// How components `a` and `b` run relative to each other.
    public func relation(_ a: ComponentKind, _ b: ComponentKind) -> ComponentRelation {
        self[a].overlaps(self[b]) ? .sequential : .concurrent
    }

    /// The components sharing at least one rank with `kind` (it runs sequentially with them).
    public func sequentialPartners(of kind: ComponentKind) -> [ComponentKind] {
        components.filter { $0 != kind && relation(kind, $0) == .sequential }
    }

    /// The components on ranks disjoint from `kind`'s (it can run concurrently with them).
    public func concurrentPartners(of kind: ComponentKind) -> [ComponentKind] {
        components.filter { $0 != kind && relation(kind, $0) == .concurrent }
    }

    /// The components running on world rank `rank`.
    public func components(onRank rank: Int) -> [ComponentKind] {
        components.filter { self[$0].contains(rank: rank) }
    }

    /// The world ranks of component `kind` together with the coupler's, ascending, without repeats:
    /// the processes of the joined component–coupler communicator.
    public func joinedRanks(_ kind: ComponentKind) -> [Int] {
        Array(Set(self[kind].ranks).union(self[.cpl].ranks)).sorted()
    }

    /// The number of ranks the layout spans (highest rank used + 1).
    public var requiredWorldSize: Int {
        components.map { Int(clamping: Int128(self[$0].lastRank) + 1) }.max() ?? 1
    }
}

/// Whether two components take turns on shared ranks or run side by side.
public enum ComponentRelation: String, Sendable {
    case sequential, concurrent
}

/// One reason a layout cannot run.
public struct LayoutProblem: Sendable, Hashable, CustomStringConvertible {
    /// The component concerned, if one is.
    public let component: ComponentKind?
    /// The `&cime_pes` key at fault (`atm_ntasks`), if one is.
    public let key: String?
    /// The problem in words, for the user (`atm_ntasks = 0: a component needs at least 1 task`).
    public let message: String

    /// A problem with `component`'s `key` (either may be nil), described by `message`.
    public init(component: ComponentKind?, key: String?, message: String) {
        self.component = component
        self.key = key
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
