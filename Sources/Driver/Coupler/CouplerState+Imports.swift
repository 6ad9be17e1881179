import Coupling

/// Each component's imports as the exchange table forms them (`ImportPlan`, resolved once) from
/// the coupler's bundles (`CouplingPlan.bundles`).
extension CouplerState {
    /// The import plan of every present component that imports something; source bundles are
    /// numbered in the plan's order.
    static func importPlans(plan: CouplingPlan) -> [ComponentKind: ImportPlan] {
        var plans = [ComponentKind: ImportPlan]()
        let numbers = Dictionary(uniqueKeysWithValues: plan.bundles.enumerated().map { ($1.bundle, $0) })
        for kind in plan.present where !(plan.summary(kind)?.imports.isEmpty ?? true) {
            plans[kind] = ImportPlan(importer: kind, fields: plan.table.imports(of: kind), table: plan.table) { field in
                plan.source(of: field, for: kind).map { bundle in (numbers[bundle]!, plan.fields(of: bundle).firstIndex(of: field)!) }
            }
        }
        return plans
    }

    /// Component `kind`'s imports from the coupler's bundles as they are now (`nil` when it
    /// imports nothing).
    func formImports(for kind: ComponentKind) -> FieldBundle? {
        let grid = plan.grid(of: kind)
        guard let importPlan = importPlans[kind], let domain = domain(of: grid) else { return nil }
        let sources = plan.bundles.map { bundle($0.bundle) }
        return importPlan.form(pointCount: domain.localSize, sources: sources,
                               fractions: fractions.on(grid) ?? FieldBundle(fields: [], pointCount: domain.localSize))
    }

    /// Source bundle `source` as it is now (`nil` while absent).
    func bundle(_ source: SourceBundle) -> FieldBundle? {
        switch source {
        case .received(let kind): received[kind]
        case .mapped, .oceanFluxes: computed[source]
        }
    }
}
