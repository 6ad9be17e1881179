/// Work the coupler does on its own ranks within a driver step, apart from moving fields to and
/// from the components.
public enum CouplerPhase: String, Sendable, Hashable, CaseIterable {
    /// The ice and open-ocean fractions on both grids, from the sea ice's concentration.
    case fractions = "fractions"
    /// The atmosphere–ocean fluxes at every ocean point.
    case oceanFluxes = "atm/ocn fluxes"
    /// The atmosphere's exports mapped to the ocean grid.
    case mapAtmosphereToOcean = "map atm->ocn"
    /// This step's ocean forcing, merged over open water and ice, added to the interval's sum.
    case accumulateOceanForcing = "accumulate ocn forcing"
    /// This step's river forcing (the land's runoff on the river grid) added to the interval's sum.
    case accumulateRiverForcing = "accumulate rof forcing"
    /// The step's heat and water budgets (when `budget_*` asks for them).
    case budgets = "budgets"
    /// The coupler's history fields of this step added to the averaging period's sums (when
    /// `histavg_option` asks for averaged history).
    case accumulateHistory = "accumulate history"
}
