#if canImport(Glibc)
import Glibc
#endif

/// The coupler's atmosphere–ocean fluxes over open water (cpl7 computes these itself, on the
/// grid set by `aoflux_grid`): bulk formulas with neutral transfer coefficients.
///
/// With U = max(|u_a − u_o|, 0.5 m/s), ρ the air density, q_s = 0.98 q_sat(T_s):
/// - stress τ = ρ C_D U (u_a − u_o), with C_D = (2.7/U + 0.142 + U/13.09)·10⁻³ (Large & Yeager);
/// - sensible heat H = ρ c_p C_H U (θ_a − T_s), C_H = 1.0·10⁻³;
/// - evaporation E = ρ C_E U (q_a − q_s), C_E = 1.2·10⁻³; latent heat L = L_v E;
/// - upward longwave = −σ T_s⁴ (emissivity 1);
/// - albedo 0.06 for all four bands; net shortwave = Σ (1 − α) × the band's downward flux.
/// All fluxes are positive downward (into the ocean), per unit open-water area.
public struct OceanSurfaceFluxes: Sendable, Equatable {
    /// Eastward wind stress on the ocean, τ_x (N m-2).
    public var zonalStress = 0.0
    /// Northward wind stress on the ocean, τ_y (N m-2).
    public var meridionalStress = 0.0
    /// Latent heat flux L_v E (W m-2, negative when the ocean evaporates).
    public var latentHeat = 0.0
    /// Sensible heat flux H (W m-2).
    public var sensibleHeat = 0.0
    /// Evaporation water flux E (kg m-2 s-1, negative for evaporation, positive for condensation).
    public var evaporation = 0.0
    /// Upward longwave, −σ T_s⁴ (W m-2, negative: it leaves the ocean).
    public var upwardLongwave = 0.0
    /// Shortwave absorbed by the ocean, (1 − α) × downward shortwave (W m-2).
    public var netShortwave = 0.0
    /// The same albedo for the visible/near-infrared, direct/diffuse bands.
    public var albedo = 0.0

    /// The open-ocean albedo.
    public static let oceanAlbedo = 0.06
    /// C_H, the neutral transfer coefficient for sensible heat.
    public static let sensibleTransferCoefficient = 1.0e-3
    /// C_E, the neutral transfer coefficient for evaporation.
    public static let evaporationTransferCoefficient = 1.2e-3
    /// The floor on the air–sea speed difference U (m/s), so calm air still exchanges heat and water.
    public static let minimumWindSpeed = 0.5

    /// All fluxes and the albedo zero.
    public init() {}

    /// The fluxes for the bottom-level atmosphere state, the ocean surface and the downward shortwave.
    public init(windU: Double, windV: Double, potentialTemperature: Double, specificHumidity: Double, airDensity: Double,
                surfaceTemperature: Double, currentU: Double, currentV: Double, downwardShortwave: Double) {
        let du = windU - currentU, dv = windV - currentV
        let speed = max((du * du + dv * dv).squareRoot(), Self.minimumWindSpeed)
        let drag = (2.7 / speed + 0.142 + speed / 13.09) * 1e-3
        let rho = airDensity
        zonalStress = rho * drag * speed * du
        meridionalStress = rho * drag * speed * dv
        sensibleHeat = rho * PhysicalConstants.specificHeatOfDryAir * Self.sensibleTransferCoefficient * speed
            * (potentialTemperature - surfaceTemperature)
        let saturation = 0.98 * PhysicalConstants.saturationHumidity(temperature: surfaceTemperature, airDensity: rho)
        evaporation = rho * Self.evaporationTransferCoefficient * speed * (specificHumidity - saturation)
        latentHeat = PhysicalConstants.latentHeatOfVaporization * evaporation
        let t2 = surfaceTemperature * surfaceTemperature
        upwardLongwave = -PhysicalConstants.stefanBoltzmann * t2 * t2
        albedo = Self.oceanAlbedo
        netShortwave = (1 - albedo) * downwardShortwave
    }
}
