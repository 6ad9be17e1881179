import Coupling
import MPI

/// The coupler's state on its own ranks: its decomposition of each of its grids (one per
/// present component, but the sea ice shares the ocean's and a land may share the
/// atmosphere's), the fields it receives, maps, computes and sends, the fractions, the maps and
/// the forcing sums of the ocean and the river. All fields are in the coupler's block decomposition of their grid;
/// fluxes are per unit of the maps' cell areas (cpl7's area correction is applied as fields
/// arrive and leave).
final class CouplerState {
    let plan: CouplingPlan
    /// The fields and how each import is formed.
    let table: ExchangeTable
    /// Each importing component's imports, resolved from the table once.
    let importPlans: [ComponentKind: ImportPlan]
    /// The budget terms, resolved from the table and grouped by where they are read once.
    let budgetPlan: [BudgetGroup]
    /// The budget terms left out because a present component does not export what they read.
    let budgetTermsLeftOut: [String]
    /// Each present component's part of the ledger of water and heat, resolved once.
    let ledgerAccounts: [ComponentKind: LedgerAccount]
    /// Where the ledger counts, when budgets are kept (the day's budget sums).
    var ledger: BudgetAccumulator?
    let communicator: Communicator
    let threads: ThreadTeam
    let checkNaNs: Bool
    /// Whether a step's ocean forcing reads the fluxes of the step before (`CESM1_ORIG`): the
    /// restart then keeps them, since recomputing them would use newer inputs.
    let fluxesOutliveStep: Bool
    /// This rank's timers (shared with the driver).
    let timers: Timers
    /// The coupler's points of each of its grids.
    let domains: [CouplerGrid: Domain]
    /// What each present component last exported, on the coupler's decomposition of its grid.
    var received: [ComponentKind: FieldBundle]
    /// Components' exports mapped to other grids, and the coupler's open-ocean fluxes (the
    /// plan's bundles other than `received`), as last computed.
    var computed: [SourceBundle: FieldBundle] = [:]
    /// Model area / map area of each point (cpl7's area-correction factors), for the components
    /// whose areas differ from the maps' somewhere; the others' fluxes need no correction
    /// (a factor of 1 changes no bit), so they are not scaled at all.
    let modelToDriverArea: [ComponentKind: [Double]]
    /// The reciprocals of `modelToDriverArea`, applied to the fluxes the coupler sends.
    let driverToModelArea: [ComponentKind: [Double]]
    /// The maps between the coupler's grids.
    let maps: CouplerMaps
    /// The surface fractions on the atmosphere, ocean and a land's own grid.
    var fractions: SurfaceFractions
    /// The forcing of the table's averaged importers summed over their intervals so far.
    var forcingSums: [ComponentKind: ForcingSum] = [:]
    /// The last inputs sent to each component (for history).
    var sent: [ComponentKind: FieldBundle] = [:]
    /// The sums of the time-averaged history (`nil` when `histavg_option` writes none).
    var historyAverage: HistoryAverage?
    /// The sums of the budget groups counted before the step's budget is taken, by group
    /// (`countBudgetWhileForming`, `countBudgetWhenChanged`).
    var budgetCounted: [Int: CountedBudgetGroup] = [:]
    /// What the ledger keeps of each component's last exports (its stores, its weights).
    var ledgerKept: [ComponentKind: LedgerKept] = [:]
    /// What each component's run gains in water and heat from the inputs it was last sent,
    /// counted as they were sent, until its exports arrive.
    var ledgerPending: [ComponentKind: [LedgerQuantity: ExactSum]] = [:]

    /// The coupler's points of the atmosphere grid and the ocean grid (`nil` when absent).
    var atmosphereGrid: Domain? { domains[.atmosphere] }
    var oceanGrid: Domain? { domains[.ocean] }

    /// The domain the coupler's restart file is laid out by: the atmosphere grid's, else the
    /// ocean's, else the first grid's.
    var restartDomain: Domain { atmosphereGrid ?? oceanGrid ?? plan.grids.lazy.compactMap { self.domains[$0] }.first ?? .empty }

    init(plan: CouplingPlan, configuration: DriverConfiguration, communicator: Communicator, threads: ThreadTeam, timers: Timers,
         domains componentDomains: [ComponentKind: Domain], initialExports: [ComponentKind: FieldBundle]) throws {
        self.plan = plan
        table = plan.table
        importPlans = Self.importPlans(plan: plan)
        (budgetPlan, budgetTermsLeftOut) = Self.budgetTerms(plan: plan, importPlans: importPlans)
        ledgerAccounts = Self.ledgerAccounts(plan: plan, configuration: configuration, domains: componentDomains)
        self.timers = timers
        self.communicator = communicator
        self.threads = threads
        self.checkNaNs = configuration.run.checkNaNs
        fluxesOutliveStep = configuration.run.sequenceOption.accumulatesBeforeFluxes
        if configuration.time.writesAveragedHistory { historyAverage = HistoryAverage(contents: configuration.run.averagedHistory) }
        var domains = [CouplerGrid: Domain]()
        for grid in plan.grids { domains[grid] = plan.owner(of: grid).flatMap { componentDomains[$0] } }
        self.domains = domains
        maps = try CouplerMaps(plan: plan, settings: configuration.maps, bitForBit: configuration.run.bitForBit, domains: domains, communicator: communicator, threads: threads)
        // cpl7 area correction: the maps conserve with their own cell areas; model fluxes are
        // scaled by model area / map area on arrival (and back on departure).
        var factors = [ComponentKind: [Double]]()
        for (kind, domain) in componentDomains {
            let driverArea = maps.area(of: plan.grid(of: kind))
            if let factor = driverArea.map({ zip(domain.area, $0).map { $1 > 0 ? $0 / $1 : 1 } }), factor.contains(where: { $0 != 1 }) {
                factors[kind] = factor
            }
        }
        modelToDriverArea = factors
        driverToModelArea = factors.mapValues { $0.map { 1 / $0 } }
        received = initialExports
        fractions = SurfaceFractions(atmosphereGrid: domains[.atmosphere], oceanGrid: domains[.ocean],
                                     landGrid: plan.landHasOwnGrid ? domains[.land] : nil)
        // The land fraction first: the land's runoff travels to the river grid weighted by it.
        if plan.mapsLandToAtmosphere, let landMap = maps.direction(MapPair(from: .lnd, to: .atm)) {
            try fractions.mapLandFraction(map: landMap.flux)
        } else if plan.mapsOceanToAtmosphere, let oceanMap = maps.direction(MapPair(from: .ocn, to: .atm)) {
            try fractions.computeLandFraction(map: oceanMap.flux)
        }
        for kind in received.keys.sorted() { try arrived(kind, modelName: plan.summary(kind)!.modelName, at: "the start") }
        if plan.mergesAtmosphere, plan.summary(.lnd) == nil, fractions.landFractionInput.contains(where: { $0 > 1e-12 }) {
            throw CouplerError("the atmosphere grid has land (land fraction up to \(fractions.landFractionInput.max() ?? 0)) "
                + "but lnd is a stub: the atmosphere's surface would have holes; use a land model")
        }
        if plan.mergesAtmosphere, plan.summary(.lnd) == nil, oceanGrid == nil {
            throw CouplerError("the atmosphere's surface merge needs a land or an ocean model, but both are stubs")
        }
        try updateFractions()
        try mapAtmosphereToOcean()
        try computeOceanFluxes()
        for kind in table.averagedImporters.sorted() { accumulateForcing(for: kind) }
    }

    // MARK: Arrival of component fields

    /// Applies the area correction to the fluxes a component just sent, and checks them for NaN.
    /// The exports then go on at once to the grids that take them unweighted (the atmosphere's
    /// to a land's own grid, the land's to the river's), so the importers' inputs, the budgets
    /// and the history all see the latest exports there.
    func arrived(_ kind: ComponentKind, modelName: String, at time: String) throws {
        guard received[kind] != nil else { return }
        if let factor = modelToDriverArea[kind] {
            // Taken out while scaled, so the scaling writes into the only copy of the storage.
            var scaled = received.removeValue(forKey: kind)!
            PointScaling(fields: fluxFields(of: scaled), factor: factor).apply(to: &scaled)
            received[kind] = scaled
        }
        if checkNaNs, let domain = domain(of: plan.grid(of: kind)) {
            try checkFinite(received[kind]!, on: domain, what: "\(kind.rawValue) (model '\(modelName)') export", time: time)
        }
        try mapOnArrival(kind)
    }

    /// The positions of `bundle`'s flux fields.
    func fluxFields(of bundle: FieldBundle) -> [Int] {
        bundle.fieldNames.indices.filter { table.description(of: bundle.fieldNames[$0])?.kind == .flux }
    }

    /// Throws naming the field, the grid point (global index, longitude, latitude) and the model time
    /// of the first non-finite value.
    func checkFinite(_ bundle: FieldBundle, on domain: Domain, what: String, time: String) throws {
        guard let (field, point) = bundle.firstNonFinite() else { return }
        let value = bundle[field: bundle.index(of: field)!, point: point]
        throw CouplerError("\(what) '\(field)' is \(value) at grid point \(domain.decomposition.globalIndex(ofLocal: point) + 1) "
            + "(lon \(domain.longitude[point]), lat \(domain.latitude[point])) at model time \(time), found by check_nans")
    }

    /// The coupler's points of `grid` (`nil` when the run has no such grid).
    func domain(of grid: CouplerGrid) -> Domain? { domains[grid] }

    /// The maps' cell areas of the coupler's points of `grid`, the areas budgets and the area
    /// correction use (`nil` when no map gives them: the model's areas are used).
    func mapArea(of grid: CouplerGrid) -> [Double]? { maps.area(of: grid) }

    // MARK: Fractions and the atmosphere's surface

    /// Ice and open-ocean fractions from the ice's concentration, on both grids.
    func updateFractions() throws {
        let concentration = received[.ice].flatMap { $0.contains("Si_ifrac") ? $0.values(of: "Si_ifrac") : nil }
        try timers.time("cpl fractions") {
            try fractions.update(iceConcentration: concentration,
                                 map: plan.mapsOceanToAtmosphere ? maps.direction(MapPair(from: .ocn, to: .atm))?.flux : nil)
        }
    }

    /// Maps the atmosphere's exports to the ocean grid: states with the state map, fluxes with the
    /// flux map; adds the sums the table declares (`Faxa_rain`, `Faxa_snow`).
    func mapAtmosphereToOcean() throws {
        guard plan.fields(of: .mapped(.atm, to: .ocean)).count > 0 else { return }
        try timers.time("cpl map atm->ocn") { try map(.atm, to: .ocean) }
    }
}

/// A problem the coupler finds (a NaN, an inconsistent grid or map), with its explanation.
struct CouplerError: Error, CustomStringConvertible {
    let message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}
