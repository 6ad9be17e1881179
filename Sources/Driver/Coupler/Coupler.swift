import Coupling
import MPI
import NetCDF

/// The coupler as seen from one rank: the exchanges with the components this rank takes part
/// in (routers on the joined component–coupler communicators) and, on the coupler's ranks, the
/// coupler's own state (grids, fields, fractions, maps, accumulators).
///
/// Every rank calls the same methods in the same order; each method does only what this rank
/// takes part in, so ranks meet exactly where their processor groups meet.
final class Coupler {
    let plan: CouplingPlan
    let groups: ProcessorGroups
    let configuration: DriverConfiguration
    /// This rank's timers.
    let timers: Timers
    /// Routers per present component, on the ranks of the component and of the coupler.
    var links: [ComponentKind: ComponentLink] = [:]
    /// The coupler's own state, on its ranks only.
    var state: CouplerState?

    /// The routers between one component's decomposition and the coupler's.
    struct ComponentLink {
        let toCoupler: Router
        /// Present when the component imports something.
        let toComponent: Router?
    }

    /// Builds every router, brings the components' grids and initial exports to the coupler,
    /// reads the maps and computes the first fractions and ocean forcing. Collective.
    init(plan: CouplingPlan, groups: ProcessorGroups, configuration: DriverConfiguration, timers: Timers,
         instances: [ComponentKind: ComponentInstance]) throws {
        self.plan = plan
        self.timers = timers
        self.groups = groups
        self.configuration = configuration
        let cpl = groups.communicator(of: .cpl)
        var cplDomains = [ComponentKind: Domain]()
        var received = [ComponentKind: FieldBundle]()
        for kind in ComponentKind.models {
            guard let summary = plan.summary(kind), let joined = groups.joinedCommunicator(of: kind) else { continue }
            let size = summary.grid.size
            let componentSide = instances[kind]?.setup.domain.decomposition
            let couplerSide = cpl.map { Decomposition.block(globalSize: size, parts: $0.size, part: $0.rank) }
            let toCoupler = try Router(communicator: joined, globalSize: size, source: componentSide, destination: couplerSide, tag: 100)
            let toComponent = summary.imports.isEmpty ? nil
                : try Router(communicator: joined, globalSize: size, source: couplerSide, destination: componentSide, tag: 101)
            links[kind] = ComponentLink(toCoupler: toCoupler, toComponent: toComponent)
            // The grid, then the initial exports, travel to the coupler's decomposition.
            let domainFields = ["lon", "lat", "area", "mask", "frac"]
            var outgoing = FieldBundle(fields: domainFields, pointCount: componentSide?.localSize ?? 0)
            if let d = instances[kind]?.setup.domain {
                for (name, values) in zip(domainFields, [d.longitude, d.latitude, d.area, d.mask, d.fraction]) { outgoing.setValues(values, of: name) }
            }
            var incoming = FieldBundle(fields: domainFields, pointCount: couplerSide?.localSize ?? 0)
            try toCoupler.move(from: outgoing, into: &incoming)
            var exports = FieldBundle(fields: summary.exports, pointCount: couplerSide?.localSize ?? 0)
            try toCoupler.move(from: instances[kind]?.exports ?? FieldBundle(fields: summary.exports, pointCount: 0), into: &exports)
            if let couplerSide {
                cplDomains[kind] = Domain(grid: summary.grid, decomposition: couplerSide, longitude: incoming.values(of: "lon"),
                                          latitude: incoming.values(of: "lat"), area: incoming.values(of: "area"),
                                          mask: incoming.values(of: "mask"), fraction: incoming.values(of: "frac"))
                received[kind] = exports
            }
        }
        if let cpl {
            state = try CouplerState(plan: plan, configuration: configuration, communicator: cpl,
                                     threads: ThreadTeam(count: configuration.layout[.cpl].nthreads), timers: timers,
                                     domains: cplDomains, initialExports: received)
        }
    }
}
