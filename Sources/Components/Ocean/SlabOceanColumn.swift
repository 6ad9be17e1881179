import Coupling

/// One ocean cell of the slab ocean: a mixed layer of fixed depth H with a temperature and a
/// salinity.
///
/// Heat: ρ c_p H dT/dt = F_swnet + F_lwdn + F_lwup + F_sen + F_lat + F_melth − L_f F_snow + Q_r,
/// with Q_r = ρ c_p H (T_clim − T)(1 − e^(−Δt/τ)) / Δt the optional relaxation toward a
/// climatological temperature of latitude (the heat the circulation carries). If the step
/// ends below the freezing point T_f, the water is set back to T_f and the heat that takes,
/// q = ρ c_p H (T_f − T*) / Δt > 0, is the freezing potential: the latent heat of the ice
/// that forms, whose water, q / L_f, leaves the layer. Otherwise q = ρ c_p H (T_f − T) / Δt
/// < 0 is the melt potential: the heat the ice may take before the layer would freeze.
/// Salinity: the salt of the layer, S ρ H, is kept while fresh water F_w Δt is added
/// (S ← S ρH / (ρH + F_w Δt)), then relaxed toward the reference salinity like temperature.
public struct SlabOceanColumn: Sendable, Hashable {
    /// Temperature of the mixed layer, K.
    public var temperature: Double
    /// Salinity of the mixed layer, g kg⁻¹.
    public var salinity: Double

    /// A column with the given state.
    public init(temperature: Double, salinity: Double) {
        self.temperature = temperature
        self.salinity = salinity
    }

    /// The initial column at `latitude`: the climatological temperature and the reference
    /// salinity.
    public init(latitude: Double, parameters p: SlabOceanParameters) {
        self.init(temperature: p.climatologicalTemperature(latitude: latitude), salinity: p.referenceSalinity)
    }

    /// The heat of the layer above its freezing point, ρ c_p H (T − T_f), J m⁻² (0 for a land
    /// point, kept at T_f): its heat store, which changes by the heating of each step.
    public func heatAboveFreezing(parameters p: SlabOceanParameters) -> Double {
        p.heatCapacity * (temperature - p.freezingTemperature)
    }

    /// The melt potential of the layer over an interval of `interval` seconds,
    /// ρ c_p H (T_f − T) / Δt (≤ 0 unless the layer is below freezing), W m⁻².
    public func meltPotential(parameters p: SlabOceanParameters, interval: Double) -> Double {
        p.heatCapacity * (p.freezingTemperature - temperature) / interval
    }

    /// Advances the column at `latitude` by `interval` seconds under `forcing` and returns what
    /// it exchanged, including the new freezing or melt potential.
    @discardableResult
    public mutating func step(forcing: OceanForcing, latitude: Double, parameters p: SlabOceanParameters,
                              interval dt: Double) -> SlabOceanBudget {
        let relaxation = p.relaxationFactor(interval: dt)
        var budget = SlabOceanBudget()
        budget.surfaceHeating = forcing.heating
        budget.relaxationHeating = p.heatCapacity * (p.climatologicalTemperature(latitude: latitude) - temperature) * relaxation / dt
        temperature += (budget.surfaceHeating + budget.relaxationHeating) * dt / p.heatCapacity
        budget.freezingPotential = meltPotential(parameters: p, interval: dt)
        if budget.freezingPotential > 0 {
            budget.freezingHeating = budget.freezingPotential
            temperature = p.freezingTemperature
        }
        budget.freshWater = forcing.freshWater
        budget.frazilWater = budget.freezingHeating / PhysicalConstants.latentHeatOfFusion
        salinity *= p.mass / (p.mass + (budget.freshWater - budget.frazilWater) * dt)
        salinity += (p.referenceSalinity - salinity) * relaxation
        return budget
    }
}
