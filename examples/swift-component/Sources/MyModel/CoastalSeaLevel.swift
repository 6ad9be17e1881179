import Coupling

/// A coupling field the standard table does not have, which the model declares for itself:
/// the ocean's thermosteric sea-surface height anomaly (`So_steric`), exported by an ocean that
/// computes it (examples/c-ocean declares it alike) and copied to the land, mapped to the land's
/// grid by the ocean-to-atmosphere state map. On a coastal land cell it is the sea level of the
/// cell's ocean part, the boundary a coastal-flooding or groundwater model would need; the
/// model only records it.
enum CoastalSeaLevel {
    /// The field's name.
    static let field = "So_steric"

    /// The declaration the model adds to the run's exchange table: an ocean export, copied to the
    /// land. Declared the same way by the ocean that exports it.
    static let declaration = FieldDeclaration(field, "thermosteric sea-surface height anomaly", "m", .state,
                                              from: .component(.ocn), to: [.lnd: .copy()])

    /// The history variable holding it.
    static let historyVariable = (name: "coastal_sea_level", longName: "sea level of the cell's ocean part (So_steric)", units: "m")
}
