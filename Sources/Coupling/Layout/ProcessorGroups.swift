import MPI

/// The MPI communicators of a layout, as seen from one rank: each component's own
/// communicator and each component's communicator joined with the coupler's.
///
/// Component communicators are made with `MPI_Group_range_incl` + `MPI_Comm_create_group`,
/// which only the members call; every rank makes them in the same order
/// (the components laid out in `ComponentKind.all` order, then the joined ones), so the calls
/// match. A component the layout does not lay out has no communicator.
/// Ranks of a joined communicator are the world ranks of the component and the coupler
/// in ascending order.
public struct ProcessorGroups: Sendable {
    /// The layout the communicators were made for.
    public let layout: ProcessorLayout
    /// `MPI_COMM_WORLD`.
    public let world: Communicator
    private let own: [ComponentKind: Communicator]
    private let joined: [ComponentKind: Communicator]

    /// Makes every communicator this rank belongs to. The layout must be valid for `world.size`.
    public init(layout: ProcessorLayout, world: Communicator) throws(MPIError) {
        precondition(layout.problems(worldSize: world.size).isEmpty, "validate the layout before making groups")
        self.layout = layout
        self.world = world
        var own = [ComponentKind: Communicator]()
        for (number, kind) in ComponentKind.all.enumerated() where layout[kind].contains(rank: world.rank) {
            own[kind] = try world.subcommunicator(ranges: [layout[kind].rankRange], tag: 1000 + number)
        }
        var joined = [ComponentKind: Communicator]()
        for (number, kind) in ComponentKind.models.enumerated() where layout.isLaidOut(kind) {
            let ranks = layout.joinedRanks(kind)
            guard ranks.contains(world.rank) else { continue }
            joined[kind] = try world.subcommunicator(ranges: RankRange.covering(sortedRanks: ranks), tag: 2000 + number)
        }
        self.own = own
        self.joined = joined
    }

    /// The communicator of component `kind`, or `nil` if this rank is not one of its tasks.
    public func communicator(of kind: ComponentKind) -> Communicator? { own[kind] }

    /// Whether this rank runs component `kind`.
    public func isMember(of kind: ComponentKind) -> Bool { own[kind] != nil }

    /// The communicator of model `kind` joined with the coupler (the coupler's own for `.cpl`),
    /// or `nil` if this rank is in neither.
    public func joinedCommunicator(of kind: ComponentKind) -> Communicator? {
        kind == .cpl ? own[.cpl] : joined[kind]
    }

    /// The rank in the joined `kind`+coupler communicator of each task of `member`
    /// (`member` is `kind` or `.cpl`), in task order.
    public func joinedRanks(of member: ComponentKind, joinedWith kind: ComponentKind) -> [Int] {
        let all = kind == .cpl ? layout[.cpl].ranks : layout.joinedRanks(kind)
        var position = [Int: Int]()
        for (index, rank) in all.enumerated() { position[rank] = index }
        return layout[member].ranks.map { position[$0]! }
    }
}
