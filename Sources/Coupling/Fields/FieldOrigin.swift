/// Where a coupling field comes from.
public enum FieldOrigin: Sendable, Hashable {
    /// A component of this kind exports it.
    case component(ComponentKind)
    /// The coupler's bulk formulas compute it over open ocean, on the ocean grid, from the
    /// atmosphere's and the ocean's fields (`ExchangeTable.atmosphereOceanFluxInputs`).
    case atmosphereOceanFlux
    /// The coupler adds these fields of one component, after mapping them
    /// (`Faxa_rain = Faxa_rainc + Faxa_rainl`).
    case sum(of: [String])
    /// The coupler forms it only as some component's import (merged surface fields, fractions,
    /// ocean forcing).
    case importOnly
}
