/// The constants of the two-layer soil land model, each a key of `&mymodel_nml`
/// (`TwoLayerLandSettings`). Layers are per unit land area.
public struct TwoLayerLandParameters: Sendable, Hashable {
    /// Thickness of the surface soil layer, m (`surface_depth`).
    public var surfaceDepth = 0.1
    /// Thickness of the deep soil layer, m (`deep_depth`).
    public var deepDepth = 2.0
    /// Volumetric heat capacity of the soil, J m⁻³ K⁻¹ (`heat_capacity`).
    public var heatCapacity = 2.0e6
    /// Thermal conductivity of the soil, W m⁻¹ K⁻¹ (`conductivity`).
    public var conductivity = 1.2
    /// The soil-moisture factor β: evaporation is β times that of a wet surface (`moisture_factor`).
    /// The model carries no water, so β stays fixed.
    public var moistureFactor = 0.3
    /// Albedo for visible light, direct and diffuse (`albedo_vis`).
    public var visibleAlbedo = 0.12
    /// Albedo for near-infrared light, direct and diffuse (`albedo_nir`).
    public var nearInfraredAlbedo = 0.3
    /// Longwave emissivity of the surface (`emissivity`).
    public var emissivity = 0.96
    /// Roughness length for momentum, heat and moisture, m (`roughness_length`).
    public var roughnessLength = 0.05
    /// Wind speeds below this count as this, m s⁻¹ (`min_wind_speed`; gustiness).
    public var minimumWindSpeed = 1.0

    /// The defaults.
    public init() {}

    /// Heat capacity of the surface layer per unit area, J m⁻² K⁻¹.
    public var surfaceHeatCapacity: Double { heatCapacity * surfaceDepth }

    /// Heat capacity of the deep layer per unit area, J m⁻² K⁻¹.
    public var deepHeatCapacity: Double { heatCapacity * deepDepth }

    /// The conductance between the middles of the two layers, W m⁻² K⁻¹: k / ((d_s + d_d) / 2).
    public var layerConductance: Double { conductivity / ((surfaceDepth + deepDepth) / 2) }
}
