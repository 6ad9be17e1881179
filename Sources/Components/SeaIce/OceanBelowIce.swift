/// The ocean under the sea ice, as the coupler passes it on (`So_t`, `Fioo_q`).
public struct OceanBelowIce: Sendable, Hashable {
    /// Sea surface temperature, K.
    public var temperature: Double
    /// Freezing (> 0) or melt (< 0) potential, per unit cell area, W m⁻².
    public var freezingPotential: Double

    /// An ocean with the given values.
    public init(temperature: Double, freezingPotential: Double) {
        self.temperature = temperature
        self.freezingPotential = freezingPotential
    }
}
