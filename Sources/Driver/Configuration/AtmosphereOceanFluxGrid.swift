/// Where the coupler computes the atmosphere–ocean fluxes (`aoflux_grid` in
/// `&seq_infodata_inparm`). Whichever grid computes them, the ocean receives them on its grid and
/// the atmosphere receives the ocean's, mapped back conservatively: the area integral of each flux
/// is the same on both grids.
public enum AtmosphereOceanFluxGrid: String, CaseIterable, Sendable {
    /// On the ocean grid, from the atmosphere's state mapped to it (cpl7's default).
    case ocean = "ocn"
    /// On the atmosphere grid, from the ocean's surface mapped to it (weighted by the open-ocean
    /// fraction); the fluxes go to the ocean grid by the atmosphere-to-ocean flux map.
    case atmosphere = "atm"
    /// On the exchange grid: every overlap of an atmosphere cell and an ocean cell (an entry of
    /// the conservative atmosphere-to-ocean map), from the states of the two cells; each ocean
    /// cell gets the area-weighted mean over its overlaps.
    case exchange = "exch"
}
