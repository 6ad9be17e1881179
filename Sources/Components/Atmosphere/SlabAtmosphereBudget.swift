/// The energy and water exchanged by a slab atmosphere column over one step, as mean rates:
/// heating terms in W m⁻² (positive when they warm the column), water in kg m⁻² s⁻¹.
public struct SlabAtmosphereBudget: Sendable, Hashable {
    /// Sunlight at the top of the column, S.
    public var insolation = 0.0
    /// Sunlight the column absorbs, a (S + R), R the shortwave the surface reflects.
    public var absorbedShortwave = 0.0
    /// Sunlight going back to space, r S + (1 − a) R.
    public var reflectedShortwave = 0.0
    /// Surface longwave the column absorbs, ε (−`Faxx_lwup`).
    public var absorbedLongwave = 0.0
    /// Longwave the column emits, up and down (positive: a loss).
    public var emittedLongwave = 0.0
    /// Longwave leaving the top: the surface's through the window plus the column's upward emission.
    public var outgoingLongwave = 0.0
    /// Sensible heat from the surface, −`Faxx_sen`.
    public var sensibleHeat = 0.0
    /// Latent heat released by precipitation, L_v P + L_f P_snow.
    public var condensationHeating = 0.0
    /// Relaxation toward the reference temperature (the circulation's heat transport).
    public var transportHeating = 0.0
    /// Water evaporated into the column, −`Faxx_evap`.
    public var evaporation = 0.0
    /// Water leaving the column as rain and snow.
    public var precipitation = 0.0

    /// A budget with every term zero.
    public init() {}

    /// The column's net heating, W m⁻²: what changes its heat content.
    public var heating: Double {
        absorbedShortwave + absorbedLongwave - emittedLongwave + sensibleHeat + condensationHeating + transportHeating
    }

    /// Net energy entering the planet at the top of the column, S − reflected − outgoing, W m⁻².
    public var topOfAtmosphereBalance: Double { insolation - reflectedShortwave - outgoingLongwave }
}
