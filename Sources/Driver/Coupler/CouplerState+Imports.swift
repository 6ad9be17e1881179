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
    /// imports nothing), formed in the storage of `recycled` when that holds the same fields
    /// over the same points (the component's last imports, no longer needed); with `adding`,
    /// added to `recycled`'s values (a running sum of imports); `alongside` runs on the points as
    /// they are formed (`ImportPlan.form`).
    func formImports(for kind: ComponentKind, reusing recycled: consuming FieldBundle? = nil, adding: Bool = false,
                     alongside: ImportPlan.Alongside? = nil) -> FieldBundle? {
        let grid = plan.grid(of: kind)
        guard let importPlan = importPlans[kind], let domain = domain(of: grid) else { return nil }
        // `consume`: the only reference left is the result's, so forming writes in place.
        var result = (consume recycled) ?? FieldBundle(fields: importPlan.fields, pointCount: domain.localSize)
        if result.fieldNames != importPlan.fields || result.pointCount != domain.localSize {
            precondition(!adding, "imports of \(kind) added to a bundle of other fields or points")
            result = FieldBundle(fields: importPlan.fields, pointCount: domain.localSize)
        }
        importPlan.form(into: &result, sources: plan.bundles.map { bundle($0.bundle) },
                        fractions: fractions.on(grid) ?? FieldBundle(fields: [], pointCount: domain.localSize), adding: adding, threads: threads,
                        alongside: alongside)
        return result
    }

    /// Source bundle `source` as it is now (`nil` while absent).
    func bundle(_ source: SourceBundle) -> FieldBundle? {
        switch source {
        case .received(let kind): received[kind]
        case .mapped, .oceanFluxes: computed[source]
        }
    }
}
