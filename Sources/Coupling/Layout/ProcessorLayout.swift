/// The processor layout of a coupled run: one `ProcessorSet` per component.
///
/// Validation (`problems(worldSize:)`) runs before any MPI group is made and reports
/// every problem at once. Components whose sets share a rank run one after another
/// on it (sequentially); components on disjoint sets run at the same time (concurrently).
public struct ProcessorLayout: Sendable, Hashable {
    /// The set of each component; every `ComponentKind` has one.
    public var sets: [ComponentKind: ProcessorSet]

    /// A layout from `sets`, which must name a set for every component.
    public init(sets: [ComponentKind: ProcessorSet]) {
        precondition(ComponentKind.all.allSatisfy { sets[$0] != nil }, "a layout needs a set for every component")
        self.sets = sets
    }

    /// Every component on all `worldSize` ranks with one thread: CESM's default.
    public static func allOnAllRanks(worldSize: Int) -> ProcessorLayout {
        ProcessorLayout(sets: Dictionary(uniqueKeysWithValues: ComponentKind.all.map { ($0, ProcessorSet(ntasks: worldSize)) }))
    }

    /// The processor set of component `kind`.
    public subscript(kind: ComponentKind) -> ProcessorSet {
        get { sets[kind]! }
        set { sets[kind] = newValue }
    }

    /// Every problem that makes the layout impossible on `worldSize` ranks; empty when valid.
    public func problems(worldSize: Int) -> [LayoutProblem] {
        var problems = [LayoutProblem]()
        if worldSize < 1 { problems.append(LayoutProblem(component: nil, key: nil, message: "the job has \(worldSize) ranks; at least 1 is needed")) }
        for kind in ComponentKind.all {
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
        (0 ..< worldSize).filter { rank in ComponentKind.all.allSatisfy { !self[$0].contains(rank: rank) } }
    }

    /// How components `a` and `b` run relative to each other.
    public func relation(_ a: ComponentKind, _ b: ComponentKind) -> ComponentRelation {
        self[a].overlaps(self[b]) ? .sequential : .concurrent
    }

    /// The components sharing at least one rank with `kind` (it runs sequentially with them).
    public func sequentialPartners(of kind: ComponentKind) -> [ComponentKind] {
        ComponentKind.all.filter { $0 != kind && relation(kind, $0) == .sequential }
    }

    /// The components on ranks disjoint from `kind`'s (it can run concurrently with them).
    public func concurrentPartners(of kind: ComponentKind) -> [ComponentKind] {
        ComponentKind.all.filter { $0 != kind && relation(kind, $0) == .concurrent }
    }

    /// The components running on world rank `rank`.
    public func components(onRank rank: Int) -> [ComponentKind] {
        ComponentKind.all.filter { self[$0].contains(rank: rank) }
    }

    /// The world ranks of component `kind` together with the coupler's, ascending, without repeats:
    /// the processes of the joined component–coupler communicator.
    public func joinedRanks(_ kind: ComponentKind) -> [Int] {
        Array(Set(self[kind].ranks).union(self[.cpl].ranks)).sorted()
    }

    /// The number of ranks the layout spans (highest rank used + 1).
    public var requiredWorldSize: Int {
        ComponentKind.all.map { Int(clamping: Int128(self[$0].lastRank) + 1) }.max() ?? 1
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
