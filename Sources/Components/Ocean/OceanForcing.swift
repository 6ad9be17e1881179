import Coupling

/// What the coupler gives the ocean (the `Foxx_*` fields): forcing merged over open water
/// and sea ice, per unit cell area, mean rates over the interval, positive downward.
public struct OceanForcing: Sendable, Hashable {
    /// Net shortwave, including what passes through the ice (`Foxx_swnet`), W m⁻².
    public var shortwaveNet = 0.0
    /// Downward longwave over open water (`Foxx_lwdn`), W m⁻².
    public var longwaveDown = 0.0
    /// Upward longwave of open water (`Foxx_lwup`, ≤ 0), W m⁻².
    public var longwaveUp = 0.0
    /// Sensible heat (`Foxx_sen`), W m⁻².
    public var sensibleHeat = 0.0
    /// Latent heat (`Foxx_lat`), W m⁻².
    public var latentHeat = 0.0
    /// Evaporation (`Foxx_evap`, negative when water leaves), kg m⁻² s⁻¹.
    public var evaporation = 0.0
    /// Rain (`Foxx_rain`), kg m⁻² s⁻¹.
    public var rain = 0.0
    /// Snow falling into open water (`Foxx_snow`), kg m⁻² s⁻¹.
    public var snow = 0.0
    /// Heat from the sea ice, negative when the ice takes heat to melt (`Foxx_melth`), W m⁻².
    public var meltHeat = 0.0
    /// Fresh water from the sea ice (`Foxx_meltw`), kg m⁻² s⁻¹.
    public var meltWater = 0.0
    /// River water discharged into the cell (`Forr_rofl`, 0 without a river model), kg m⁻² s⁻¹.
    public var riverWater = 0.0

    /// No forcing.
    public init() {}

    /// The heat entering the mixed layer: radiation, turbulent heat, heat from the ice, and the
    /// heat L_f × snow needed to melt the snow that falls in, W m⁻².
    public var heating: Double {
        shortwaveNet + longwaveDown + longwaveUp + sensibleHeat + latentHeat + meltHeat
            - PhysicalConstants.latentHeatOfFusion * snow
    }

    /// The fresh water entering the mixed layer: rain + snow + evaporation + ice melt + rivers,
    /// kg m⁻² s⁻¹.
    public var freshWater: Double { rain + snow + evaporation + meltWater + riverWater }
}
