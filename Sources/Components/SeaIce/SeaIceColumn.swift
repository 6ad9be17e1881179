#if canImport(Glibc)
import Glibc
#endif
import Coupling

/// The sea ice of one ocean cell: concentration A, thickness h and snow of the ice-covered
/// part, and its surface temperature, with zero-layer (Semtner) thermodynamics.
///
/// A step of length Δt:
/// 1. New ice: a freezing potential q > 0 from the ocean freezes q Δt / L_f of water into
///    ice of thickness h₀, covering open water first (ΔA = min(1 − A, V / h₀)), the rest
///    thickening the ice.
/// 2. Surface: T_i balances the atmosphere's fluxes and the conduction k (T_f − T_i) through
///    ice and snow (`SeaIceSurfaceBalance`); at 273.15 K the excess melts snow, then ice.
///    A share i₀ e^(−κh) of the absorbed shortwave passes through snow-free ice into the
///    ocean.
/// 3. Base: ρ_i L_f dh/dt = k (T_f − T_i) − F_o, with F_o = min(γ (T_o − T_f), −q / A) the
///    heat the ice takes from an ocean above freezing (never more than its melt potential).
/// 4. Sublimation (L_v + L_f) takes snow, then ice.
/// 5. Area: melting shrinks area and thickness alike, A ∝ √V (Hibler's half-and-half rule);
///    ice thinner than `minimumThickness` melts at once with heat from the ocean.
/// 6. Precipitation and downward longwave: the coupler gives the ice the rain, snow and
///    longwave over the concentration it last exported (that is how it split them between ice
///    and open ocean). Snowfall lands on the ice, or, where none is left, melts into the
///    ocean; rain passes through to the ocean. The surface absorbs the longwave over the ice
///    it covered, spread over the ice there is now (new ice formed on water the ocean had it
///    for); where that ice is gone it goes to the ocean. So no water or heat is lost or made
///    when the concentration changes, even in the step after the last ice melted.
/// Heat the ice cannot use because all of it melted goes to the ocean. The ice's enthalpy is
/// −L_f × (ice + snow mass): every change of it is a flux to the atmosphere or the ocean.
public struct SeaIceColumn: Sendable, Hashable {
    /// Ice concentration, 0...1.
    public var concentration: Double
    /// Mean thickness of the ice-covered part, m.
    public var thickness: Double
    /// Snow on the ice-covered part, kg m⁻².
    public var snow: Double
    /// Surface temperature, K.
    public var surfaceTemperature: Double

    /// A column with the given state.
    public init(concentration: Double, thickness: Double, snow: Double, surfaceTemperature: Double) {
        self.concentration = concentration
        self.thickness = thickness
        self.snow = snow
        self.surfaceTemperature = surfaceTemperature
    }

    /// The initial column at `latitude` (degrees): ice of the initial concentration and
    /// thickness poleward of the initial edge (thicker in the north), surface at 260 K; open
    /// water at the freezing point elsewhere.
    public init(latitude: Double, parameters p: ThermodynamicSeaIceParameters) {
        if abs(latitude) >= p.initialEdgeLatitude {
            self.init(concentration: p.initialConcentration,
                      thickness: latitude > 0 ? p.initialThicknessNorth : p.initialThicknessSouth, snow: 0, surfaceTemperature: 260)
        } else {
            self.init(concentration: 0, thickness: 0, snow: 0, surfaceTemperature: p.freezingTemperature)
        }
    }

    /// Ice and snow mass per unit cell area, kg m⁻².
    public var mass: Double { concentration * (PhysicalConstants.iceDensity * thickness + snow) }

    /// The albedos of the ice-covered part (of new ice where there is none): bare ice darkens
    /// toward open water below `albedoThickness`, snow of depth d covers d / (d + d_half) of
    /// it, and all albedos drop by up to `meltingAlbedoDrop` over the last kelvin before melting.
    public func albedos(parameters p: ThermodynamicSeaIceParameters) -> SurfaceAlbedos {
        let h = concentration > 0 ? thickness : p.newIceThickness
        let water = SurfaceAlbedos(visible: p.openWaterAlbedo, nearInfrared: p.openWaterAlbedo)
        let bare = SurfaceAlbedos.blend(water, p.iceAlbedos, weight: min(1, h / p.albedoThickness))
        let depth = snow / p.snowDensity
        let covered = SurfaceAlbedos.blend(bare, p.snowAlbedos, weight: depth / (depth + p.snowCoverDepth))
        let warmth = min(1, max(0, surfaceTemperature - (p.meltingTemperature - 1)))
        let drop = p.meltingAlbedoDrop * warmth
        return SurfaceAlbedos(visibleDirect: max(0, covered.visibleDirect - drop), nearInfraredDirect: max(0, covered.nearInfraredDirect - drop),
                              visibleDiffuse: max(0, covered.visibleDiffuse - drop),
                              nearInfraredDiffuse: max(0, covered.nearInfraredDiffuse - drop))
    }

    /// Advances the column by `interval` seconds under the atmosphere's `forcing` over the
    /// ocean `ocean`, and returns what it exports. `exportedConcentration` is the concentration
    /// the column last exported (`SeaIceFluxes.concentration`): the area the coupler gives it
    /// precipitation over.
    @discardableResult
    public mutating func step(forcing f: SurfaceForcing, ocean: OceanBelowIce, parameters p: ThermodynamicSeaIceParameters,
                              interval dt: Double, exportedConcentration: Double) -> SeaIceFluxes {
        let lf = PhysicalConstants.latentHeatOfFusion, rhoIce = PhysicalConstants.iceDensity
        let albedos = albedos(parameters: p)
        let rainfall = exportedConcentration * f.rain * dt, snowfall = exportedConcentration * f.snow * dt

        // 1. New ice from the freezing potential (masses per unit cell area).
        var area = concentration
        var ice = rhoIce * concentration * thickness
        let snowMass = concentration * snow
        let frazil = max(0, ocean.freezingPotential) * dt / lf
        if frazil > 0 {
            if area == 0 { surfaceTemperature = p.freezingTemperature }
            area += min(1 - area, frazil / (rhoIce * p.newIceThickness))
            ice += frazil
        }
        guard area > 0 else {
            // No ice: the precipitation given for the ice of the last export goes to the ocean.
            var ledger = SeaIceLedger(ice: 0, snow: 0)
            ledger.receivePrecipitation(snow: snowfall, rain: rainfall, onIce: false)
            ledger.passHeatToOcean(exportedConcentration * f.longwaveDown * dt)
            self = SeaIceColumn(concentration: 0, thickness: 0, snow: 0, surfaceTemperature: p.freezingTemperature)
            var none = SeaIceFluxes()
            none.surfaceTemperature = p.freezingTemperature
            none.meltHeat = ledger.heatToOcean / dt
            none.meltWater = ledger.waterToOcean / dt
            return none
        }
        let iceAtStart = ice
        let h = ice / (rhoIce * area), snowDepth = snowMass / area / p.snowDensity

        // 2. Surface energy balance (per unit ice area).
        let shortwave = f.shortwave.absorbed(by: albedos)
        let penetrating = snowDepth > 0 ? 0 : p.shortwavePenetration * exp(-p.extinctionCoefficient * h) * shortwave
        let exchange = SurfaceExchange(air: f.air, roughnessLength: p.roughnessLength, minimumWindSpeed: p.minimumWindSpeed)
        // The longwave the coupler gave over the ice it covered, per unit of the ice now.
        let longwaveDown = f.longwaveDown * min(exportedConcentration, area) / area
        let balance = SeaIceSurfaceBalance(absorbedShortwave: shortwave - penetrating, longwaveDown: longwaveDown, exchange: exchange,
                                           emissivity: p.emissivity,
                                           conductance: 1 / (h / p.iceConductivity + snowDepth / p.snowConductivity),
                                           baseTemperature: p.freezingTemperature, meltingTemperature: p.meltingTemperature)
        let ti = balance.surfaceTemperature(from: surfaceTemperature)
        let topMeltFlux = ti >= p.meltingTemperature ? max(0, balance.imbalance(at: ti)) : 0
        let evaporation = balance.evaporation(at: ti)
        var oceanHeat = 0.0
        if ocean.temperature > p.freezingTemperature && ocean.freezingPotential < 0 {
            oceanHeat = min(p.oceanHeatTransfer * (ocean.temperature - p.freezingTemperature), -ocean.freezingPotential / area)
        }

        // 3–4. Mass changes (per unit cell area); heat with no ice left to melt goes to the ocean.
        var ledger = SeaIceLedger(ice: ice, snow: snowMass)
        ledger.passHeatToOcean(max(0, exportedConcentration - area) * f.longwaveDown * dt)
        let basal = area * dt * (oceanHeat - balance.conduction(at: ti))
        if basal < 0 { ledger.freezeOntoBase(-basal / lf) }
        ledger.exchangeVapour(area * evaporation * dt)
        ledger.meltTop(energy: area * dt * topMeltFlux)
        if basal > 0 { ledger.meltBase(energy: basal) }
        ledger.takeOceanHeat(area * dt * oceanHeat)

        // 5. Area change and remnants.
        var newArea = ledger.ice < iceAtStart ? area * (ledger.ice / iceAtStart).squareRoot() : area
        if ledger.ice <= 0 || ledger.ice / (rhoIce * newArea) < p.minimumThickness {
            ledger.meltRemnant()
            newArea = 0
        }
        let exportedArea = newArea > 0 ? newArea : area
        ledger.receivePrecipitation(snow: snowfall, rain: rainfall, onIce: newArea > 0)

        concentration = newArea
        thickness = newArea > 0 ? ledger.ice / (rhoIce * newArea) : 0
        snow = newArea > 0 ? ledger.snow / newArea : 0
        surfaceTemperature = newArea > 0 ? ti : p.freezingTemperature

        var fluxes = SeaIceFluxes()
        let scale = area / exportedArea
        fluxes.concentration = exportedArea
        fluxes.activeConcentration = area
        fluxes.surfaceTemperature = ti
        fluxes.shortwaveNet = shortwave * scale
        fluxes.penetratingShortwave = penetrating * scale
        fluxes.longwaveUp = balance.longwaveUp(at: ti) * scale
        fluxes.sensibleHeat = exchange.sensibleHeat(surfaceTemperature: ti) * scale
        fluxes.evaporation = evaporation * scale
        fluxes.latentHeat = (PhysicalConstants.latentHeatOfVaporization + lf) * fluxes.evaporation
        fluxes.zonalStress = exchange.zonalStress * scale
        fluxes.meridionalStress = exchange.meridionalStress * scale
        fluxes.meltHeat = ledger.heatToOcean / dt
        fluxes.meltWater = ledger.waterToOcean / dt
        return fluxes
    }
}
