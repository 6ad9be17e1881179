/// What a slab ocean column exchanged over one step, mean rates over the step.
public struct SlabOceanBudget: Sendable, Hashable {
    /// Heat from the coupler's forcing (`OceanForcing.heating`), W m⁻².
    public var surfaceHeating = 0.0
    /// Heat from the relaxation toward the climatological temperature, W m⁻².
    public var relaxationHeating = 0.0
    /// Heat released by freezing water that was cooled below T_f (the positive part of the
    /// freezing potential), W m⁻².
    public var freezingHeating = 0.0
    /// Fresh water gained from the coupler's forcing, kg m⁻² s⁻¹.
    public var freshWater = 0.0
    /// Fresh water lost to the sea ice formed by freezing, freezingHeating / L_f, kg m⁻² s⁻¹.
    public var frazilWater = 0.0
    /// The freezing (> 0) or melt (< 0) potential exported as `Fioo_q`, W m⁻².
    public var freezingPotential = 0.0

    /// No exchange.
    public init() {}

    /// The mixed layer's net heating, W m⁻².
    public var heating: Double { surfaceHeating + relaxationHeating + freezingHeating }
}
