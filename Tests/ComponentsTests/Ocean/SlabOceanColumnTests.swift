import Components
import Coupling
import Foundation
import Testing

@Suite("Slab ocean column")
struct SlabOceanColumnTests {
    let p = SlabOceanParameters()
    let tf = PhysicalConstants.freezingPointOfSeaWater

    /// Forcing with net heating from radiation, turbulence and ice, and fresh water.
    func forcing(shortwave: Double = 200, evaporation: Double = -3e-5, rain: Double = 2e-5, snow: Double = 0) -> OceanForcing {
        var f = OceanForcing()
        f.shortwaveNet = shortwave
        f.longwaveDown = 330
        f.longwaveUp = -400
        f.sensibleHeat = -10
        f.latentHeat = PhysicalConstants.latentHeatOfVaporization * evaporation
        f.evaporation = evaporation
        f.rain = rain
        f.snow = snow
        f.meltHeat = -5
        f.meltWater = 1e-6
        return f
    }

    @Test("the mixed layer's heat changes by the forcing plus the relaxation")
    func energyClosure() {
        var column = SlabOceanColumn(temperature: 290, salinity: 35)
        let budget = column.step(forcing: forcing(), latitude: 20, parameters: p, interval: 86_400)
        #expect(budget.freezingHeating == 0)
        #expect(budget.relaxationHeating != 0)
        let f = forcing()
        #expect(isClose(budget.surfaceHeating, f.shortwaveNet + f.longwaveDown + f.longwaveUp + f.sensibleHeat + f.latentHeat + f.meltHeat))
        #expect(isClose(p.heatCapacity * (column.temperature - 290), budget.heating * 86_400, relative: 1e-9))
    }

    @Test("cooled below freezing, the layer stays at T_f and hands the deficit to the ice as a freezing potential")
    func freezing() {
        var column = SlabOceanColumn(temperature: tf + 0.01, salinity: 34)
        let budget = column.step(forcing: forcing(shortwave: 0), latitude: 80, parameters: p, interval: 86_400)
        #expect(column.temperature == tf)
        #expect(budget.freezingPotential > 0)
        #expect(budget.freezingHeating == budget.freezingPotential)
        #expect(isClose(p.heatCapacity * (column.temperature - (tf + 0.01)), budget.heating * 86_400, relative: 1e-9, scale: 1e6))
        #expect(isClose(budget.frazilWater, budget.freezingPotential / PhysicalConstants.latentHeatOfFusion))
    }

    @Test("above freezing, the melt potential is ρ c_p H (T_f − T) / Δt")
    func meltPotential() {
        var column = SlabOceanColumn(temperature: 280, salinity: 35)
        let budget = column.step(forcing: forcing(), latitude: 50, parameters: p, interval: 3600)
        #expect(budget.freezingPotential < 0)
        #expect(isClose(budget.freezingPotential, p.heatCapacity * (tf - column.temperature) / 3600))
        #expect(budget.freezingHeating == 0)
    }

    @Test("salt is kept: evaporation concentrates, rain and melt water dilute")
    func salinity() {
        var noRelaxation = p
        noRelaxation.relaxationTimescale = 0
        var evaporating = SlabOceanColumn(temperature: 295, salinity: 35)
        let e = evaporating.step(forcing: forcing(evaporation: -1e-4, rain: 0), latitude: 20, parameters: noRelaxation, interval: 86_400)
        #expect(evaporating.salinity > 35)
        #expect(isClose(evaporating.salinity * (p.mass + e.freshWater * 86_400), 35 * p.mass, relative: 1e-13))
        var raining = SlabOceanColumn(temperature: 295, salinity: 35)
        let r = raining.step(forcing: forcing(evaporation: 0, rain: 1e-3), latitude: 5, parameters: noRelaxation, interval: 86_400)
        #expect(raining.salinity < 35)
        #expect(isClose(raining.salinity * (p.mass + r.freshWater * 86_400), 35 * p.mass, relative: 1e-13))
        // Freezing takes fresh water out, leaving the salt.
        var freezing = SlabOceanColumn(temperature: tf, salinity: 34)
        let f = freezing.step(forcing: forcing(shortwave: 0, evaporation: 0, rain: 0), latitude: 80, parameters: noRelaxation, interval: 86_400)
        #expect(f.frazilWater > 0 && freezing.salinity > 34)
    }

    @Test("snow falling in takes the latent heat of fusion")
    func snow() {
        var withSnow = SlabOceanColumn(temperature: 280, salinity: 35)
        var without = withSnow
        let a = withSnow.step(forcing: forcing(snow: 1e-4), latitude: 50, parameters: p, interval: 3600)
        let b = without.step(forcing: forcing(), latitude: 50, parameters: p, interval: 3600)
        #expect(isClose(b.surfaceHeating - a.surfaceHeating, PhysicalConstants.latentHeatOfFusion * 1e-4))
        #expect(withSnow.temperature < without.temperature)
    }

    @Test("the relaxation pulls toward the climatology, freezing poleward of the freezing latitude; it can be turned off")
    func relaxation() {
        #expect(p.climatologicalTemperature(latitude: 0) == p.equatorTemperature)
        #expect(p.climatologicalTemperature(latitude: -75) == tf)
        #expect(p.climatologicalTemperature(latitude: 45) > 285 && p.climatologicalTemperature(latitude: 45) < 292)
        var warm = SlabOceanColumn(temperature: 305, salinity: 35)
        #expect(warm.step(forcing: OceanForcing(), latitude: 0, parameters: p, interval: 86_400).relaxationHeating < 0)
        var off = p
        off.relaxationTimescale = 0
        var column = SlabOceanColumn(temperature: 305, salinity: 30)
        let budget = column.step(forcing: OceanForcing(), latitude: 0, parameters: off, interval: 86_400)
        #expect(budget.relaxationHeating == 0)
        #expect(column.temperature == 305 && column.salinity == 30)
    }

    @Test("a year of seasonal forcing keeps temperature and salinity finite and in range")
    func longRun() {
        var column = SlabOceanColumn(latitude: 60, parameters: p)
        var lowest = Double.infinity, highest = -Double.infinity
        for day in 0 ..< 2 * 365 {
            let season = sin(2 * Double.pi * Double(day) / 365)
            var f = forcing(shortwave: 120 + 110 * season, evaporation: -2e-5, rain: 2.5e-5)
            f.longwaveUp = -PhysicalConstants.stefanBoltzmann * column.temperature * column.temperature * column.temperature * column.temperature
            f.meltHeat = 0
            column.step(forcing: f, latitude: 60, parameters: p, interval: 86_400)
            lowest = min(lowest, column.temperature)
            highest = max(highest, column.temperature)
        }
        #expect(lowest >= tf && highest < 300)
        #expect(column.salinity > 30 && column.salinity < 40)
    }
}
