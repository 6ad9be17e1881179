import Coupling

/// The constants of the thermodynamic sea-ice model (namelist group `&thermo_ice_nml`).
public struct ThermodynamicSeaIceParameters: Sendable, Hashable {
    /// Thermal conductivity of ice k_i, W m⁻¹ K⁻¹.
    public var iceConductivity = 2.03
    /// Thermal conductivity of snow k_s, W m⁻¹ K⁻¹.
    public var snowConductivity = 0.31
    /// Density of snow on the ice, kg m⁻³.
    public var snowDensity = 330.0
    /// Longwave emissivity ε of the ice or snow surface.
    public var emissivity = 0.95
    /// Roughness length z₀ of the ice, m.
    public var roughnessLength = 5.0e-4
    /// Gustiness floor of the wind speed in the bulk formulas, m s⁻¹.
    public var minimumWindSpeed = 1.0
    /// Albedos of thick bare ice.
    public var iceAlbedos = SurfaceAlbedos(visible: 0.73, nearInfrared: 0.33)
    /// Albedos of a snow cover.
    public var snowAlbedos = SurfaceAlbedos(visible: 0.90, nearInfrared: 0.65)
    /// Albedo of open water, which thin ice tends to.
    public var openWaterAlbedo = 0.06
    /// Thickness below which bare ice is darker, tending linearly to open water, m.
    public var albedoThickness = 0.5
    /// Snow depth at which snow covers half the ice, m.
    public var snowCoverDepth = 0.02
    /// How much every albedo drops as the surface warms over the last kelvin to melting.
    public var meltingAlbedoDrop = 0.1
    /// Share i₀ of the shortwave absorbed by bare ice that enters its interior.
    public var shortwavePenetration = 0.3
    /// Extinction coefficient κ of that shortwave in ice, m⁻¹; what is left after the
    /// thickness h, i₀ e^(−κh), reaches the ocean.
    public var extinctionCoefficient = 1.5
    /// Heat transfer γ from ocean water above freezing to the ice base, W m⁻² K⁻¹.
    public var oceanHeatTransfer = 250.0
    /// Thickness of the ice that forms in open water, h₀, m.
    public var newIceThickness = 0.3
    /// Thickness below which the remaining ice melts at once, m.
    public var minimumThickness = 0.02
    /// Latitude poleward of which ice covers the ocean at the start, degrees.
    public var initialEdgeLatitude = 70.0
    /// Concentration of the initial ice.
    public var initialConcentration = 0.95
    /// Thickness of the initial ice in the northern hemisphere, m.
    public var initialThicknessNorth = 2.0
    /// Thickness of the initial ice in the southern hemisphere, m.
    public var initialThicknessSouth = 1.0

    /// The defaults.
    public init() {}

    /// Freezing temperature of sea water at the ice base, T_f = 271.35 K.
    public var freezingTemperature: Double { PhysicalConstants.freezingPointOfSeaWater }

    /// Melting temperature of the ice surface, 273.15 K.
    public var meltingTemperature: Double { PhysicalConstants.freezingPointOfFreshWater }
}
